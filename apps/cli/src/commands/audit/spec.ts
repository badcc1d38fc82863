import type { CommandSpec } from "../../command.js";
import {
  configDirOption,
  failOnOption,
  formatOption,
  JSON_AS_FORMAT_OPTION,
  minScoreOption,
} from "../../options.js";

/** `switchyard audit`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "audit",
  summary: "Score the config set's security, compliance, performance and completeness.",
  description:
    "Runs every audit check (ids SY5xxx; 'switchyard explain SY5101' explains one) over the config set and the files around it (backups, migration history, version control), scores each category 0-100 and the whole, and prints the report. Secrets are only ever shown redacted. Exit codes are the audit's own: 0 when the score is 80 or more, 1 for 60-79, 2 below 60; with --min-score or --fail-on, 0 when that gate passes and 2 when it fails; 3 when the audit could not run (a bad option, an unreadable directory or baseline, a crashed check). --write-baseline records the open findings in <config-dir>/.switchyard/audit-baseline.json (or --baseline); later audits hide them and report only new ones.",
  positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
  options: {
    "config-dir": configDirOption("Config directory to audit."),
    quick: { type: "boolean", description: "Run the security and compliance checks only." },
    focus: {
      type: "string",
      valueName: "category",
      description: "Run one category: security, compliance, performance, completeness or litellm.",
    },
    format: formatOption(
      "text for people, json, sarif for code scanning, github for workflow annotations, markdown for a pull-request comment.",
      "text",
    ),
    json: JSON_AS_FORMAT_OPTION,
    "min-score": minScoreOption(
      "Fail (exit 2) when the overall score is below n (0-100) instead of using the score bands.",
    ),
    "fail-on": failOnOption(
      "Fail (exit 2) on any open finding this severe or worse: critical, high, medium, low or info.",
    ),
    "write-baseline": {
      type: "boolean",
      description: "Record the open findings as the baseline, so later audits report only new ones.",
    },
    baseline: {
      type: "string",
      valueName: "file",
      description: "The baseline file to read (and with --write-baseline, to write).",
      defaultText: "<config-dir>/.switchyard/audit-baseline.json when it exists",
    },
  },
  examples: [
    { command: "switchyard audit", description: "Audit ./config and print the scores and findings" },
    {
      command: "switchyard audit --quick --fail-on high",
      description: "A fast CI gate: security and compliance, failing on high or critical findings",
    },
    {
      command: "switchyard audit --format sarif > audit.sarif",
      description: "SARIF for GitHub code scanning",
    },
    { command: "switchyard audit --format markdown", description: "A report for a pull-request comment" },
    {
      command: "switchyard audit --write-baseline",
      description: "Accept today's findings; report only new ones",
    },
  ],
  usageExitCode: 3,
  load: () => import("./run.js"),
};
