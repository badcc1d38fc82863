import type { CommandSpec } from "../../command.js";
import {
  cacheNamespaceOption,
  configDirOption,
  failOnOption,
  GENERATED_FILE_DEFAULT,
  jsonOption,
  masterKeyEnvOption,
  minScoreOption,
  outOption,
  probeTimeoutOption,
  prometheusOption,
} from "../../options.js";

/** `switchyard doctor`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "doctor",
  summary: "Run every pre-deploy check: files, drift, ports, health, backups, audit.",
  description:
    "The whole pre-deploy validation as one command: YAML syntax, the schema of each file, cross-file consistency, the schema version (else 'migrate'), generated-config drift (generate --check), port states, each provider's health and models, the gateway, Redis, backups present and verifiable, and the audit score against its gate. Each check prints pass, warn, fail or skip with its time, one line and the command that fixes it; while the probes run, a TTY shows live progress (plain lines otherwise). --critical runs only the checks the stack cannot work without. Exits 1 on any fail. Use the same --prometheus, --master-key-env and --cache-namespace as for generate.",
  positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
  options: {
    "config-dir": configDirOption("Config directory to check."),
    critical: { type: "boolean", description: "Only the essential checks." },
    timeout: probeTimeoutOption(),
    "min-score": minScoreOption("The audit check fails when the overall score is below n (0-100)."),
    "fail-on": failOnOption("The audit check fails on any open finding this severe or worse."),
    out: outOption("file", "The generated file to check for drift.", GENERATED_FILE_DEFAULT),
    prometheus: prometheusOption("Generate with LiteLLM's Prometheus callback (as generate was run)."),
    "master-key-env": masterKeyEnvOption("The environment variable holding the proxy's master key."),
    "cache-namespace": cacheNamespaceOption("The key prefix of this environment's cache entries in Redis."),
    json: jsonOption(),
  },
  examples: [
    { command: "switchyard doctor", description: "Check ./config and the running stack before a deploy" },
    { command: "switchyard doctor --critical", description: "Only what the stack cannot work without" },
    { command: "switchyard doctor --json > doctor.json", description: "Every check as data" },
  ],
  load: () => import("./run.js"),
};
