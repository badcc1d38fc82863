import type { CommandSpec } from "../../command.js";
import {
  cacheNamespaceOption,
  configDirOption,
  forceOption,
  GENERATED_FILE_DEFAULT,
  jsonOption,
  masterKeyEnvOption,
  outOption,
  prometheusOption,
} from "../../options.js";

/** `switchyard generate`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "generate",
  summary: "Generate the LiteLLM proxy config from the config set, or check it for drift.",
  description:
    "Checks the config set (refusing on any error), then writes litellm-unified.yaml for the LiteLLM proxy: validated before writing, under a lock, backing up the previous file and replacing it atomically; old backups are then pruned (the last 10, one a day for 7 days, one a week for 4 weeks). A file edited by hand or without a Switchyard header is never overwritten without --force. --check compares the file with a fresh generation and exits 1 unless it is current (sources changed, edited by hand, missing, ...), printing why and the diff; --diff prints the diff and writes nothing. Everything that shapes the output comes from the config set (model-mappings.yaml's gateway: section); --prometheus, --master-key-env and --cache-namespace override it, and --check names the overrides it compares with. 'switchyard generate monitoring' writes the Prometheus scrape config and alert rules, the Grafana dashboards (overview, providers, cache, server) and their provisioning files into --out (a directory, default <config-dir>/monitoring), generated from ports.yaml (its monitoring: section sets thresholds and dashboards) and providers.yaml, the same safe way; --check exits 1 unless every file is current (stale, hand-edited or missing files are named), --diff prints the diffs. Exit codes: 0 done or current, 1 invalid config, a stale file or a refused overwrite, 2 usage or I/O error.",
  positionals: [
    {
      name: "dir",
      description:
        "Config directory; the same as --config-dir. The word 'monitoring' first (then the directory) generates the monitoring files instead.",
    },
    { name: "monitoring-dir", description: "After 'monitoring': the config directory." },
  ],
  options: {
    "config-dir": configDirOption(
      "Config directory holding providers.yaml, model-mappings.yaml and ports.yaml.",
    ),
    out: outOption(
      "file",
      "The generated file (with monitoring: the output directory, default <config-dir>/monitoring).",
      GENERATED_FILE_DEFAULT,
    ),
    check: {
      type: "boolean",
      description:
        "Exit 0 only when the file is exactly what generating now gives; otherwise say why and print the diff (exit 1).",
    },
    diff: {
      type: "boolean",
      description: "Print the diff from the file to a fresh generation; write nothing.",
    },
    force: forceOption("Overwrite a file edited by hand or without a Switchyard header (a backup is kept)."),
    prometheus: prometheusOption("Add LiteLLM's Prometheus callback."),
    "master-key-env": masterKeyEnvOption("The environment variable holding the proxy's master key."),
    "cache-namespace": cacheNamespaceOption("The key prefix of this environment's cache entries in Redis."),
    json: jsonOption(),
  },
  examples: [
    { command: "switchyard generate", description: "Write config/litellm-unified.yaml" },
    {
      command: "switchyard generate --check --config-dir /etc/switchyard",
      description: "Fail CI when the generated file is stale or was edited by hand",
    },
    { command: "switchyard generate --diff", description: "Show what generating would change" },
    {
      command: "switchyard generate monitoring --out /etc/switchyard/monitoring",
      description: "Write the Prometheus and Grafana files generated from the config set",
    },
    {
      command: "switchyard generate monitoring --check",
      description: "Fail CI when the monitoring files are stale or were edited by hand",
    },
    {
      command: "switchyard generate --out /etc/litellm/config.yaml --prometheus",
      description: "Write elsewhere, with Prometheus metrics",
    },
  ],
  load: () => import("./run.js"),
};
