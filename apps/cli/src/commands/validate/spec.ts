import { OUTPUT_FORMATS } from "@switchyard/config-schema/render";
import type { CommandSpec } from "../../command.js";
import { configDirOption, formatOption, JSON_AS_FORMAT_OPTION } from "../../options.js";

/** `switchyard validate`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "validate",
  summary: "Check a config directory against the schemas and the cross-file rules.",
  description:
    "Loads every config file of the directory, checks each against its schema and the set against the cross-file rules, and prints every finding with file:line:column, a code frame and a code ('switchyard explain <code>' says more). Given a file instead (validate providers.yaml) it checks that file alone against its kind's schema (the kind from its name, --kind or its '# yaml-language-server: $schema=' line) and says the cross-file checks were skipped (SY2091). Only providers.yaml and model-mappings.yaml are required; an absent ports.yaml or feature-flags.yaml gets one info line naming the checks it skipped (SY2090). Exits 0 when valid (warnings allowed), 1 on any error, 2 when the directory or a file cannot be read (SY1010) or on a usage error.",
  positionals: [
    {
      name: "dir",
      description: "Config directory (the same as --config-dir), or one config file to validate alone.",
    },
  ],
  options: {
    "config-dir": configDirOption("Config directory to validate."),
    format: formatOption(
      "Output format: pretty for people, github for workflow annotations, sarif for code scanning.",
      "pretty",
      OUTPUT_FORMATS,
    ),
    json: JSON_AS_FORMAT_OPTION,
    kind: {
      type: "string",
      valueName: "kind",
      description:
        "A single file's kind (providers, model-mappings, ports, feature-flags, litellm) when its name and schema line do not tell it.",
    },
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
      command: "switchyard validate config/providers.yaml",
      description: "Validate one file alone (no cross-file checks)",
    },
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
