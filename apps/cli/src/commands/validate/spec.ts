import { OUTPUT_FORMATS } from "@switchyard/config-schema";
import type { CommandSpec } from "../../command.js";
import { configDirOption, formatOption, JSON_AS_FORMAT_OPTION } from "../../options.js";

/** `switchyard validate`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "validate",
  summary: "Check a config directory against the schemas and the cross-file rules.",
  description:
    "Loads every config file of the directory, checks each against its schema and the set against the cross-file rules, and prints every finding with file:line:column, a code frame and a code ('switchyard explain <code>' says more). Exits 0 when valid (warnings allowed), 1 on any error, 2 when the directory or one of its files cannot be read (SY1010).",
  positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
  options: {
    "config-dir": configDirOption("Config directory to validate."),
    format: formatOption(
      "Output format: pretty for people, github for workflow annotations, sarif for code scanning.",
      "pretty",
      OUTPUT_FORMATS,
    ),
    json: JSON_AS_FORMAT_OPTION,
    "max-file-size": {
      type: "string",
      valueName: "size",
      description: "Refuse files larger than this (bytes, or with a KiB/MiB suffix).",
      defaultText: "16MiB",
    },
    "max-alias-count": {
      type: "string",
      valueName: "n",
      description: "Refuse YAML whose aliases expand more than this.",
      defaultText: "100",
    },
  },
  examples: [
    { command: "switchyard validate examples/config", description: "Validate a directory" },
    {
      command: "switchyard validate --config-dir ./config --format github",
      description: "Annotate a pull request in GitHub Actions",
    },
    {
      command: "switchyard validate --format sarif > switchyard.sarif",
      description: "Write SARIF for code scanning",
    },
    {
      command: "switchyard validate --json | jq '.diagnostics[].code'",
      description: "List the codes found",
    },
  ],
  load: () => import("./run.js"),
};
