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

/** `switchyard reload`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "reload",
  summary: "Apply the generated config to the running LiteLLM gateway, rolling back on failure.",
  description:
    "Checks the config set, then regenerates litellm-unified.yaml and applies it step by step, each timed: generate, validate (including that the master key is set), back up, write atomically, restart the gateway with --restart-command, then wait until GET /health/liveliness and /health/readiness answer 200 and GET /v1/models serves exactly the generated model names. If any step after the write fails, the previous file is put back (the rejected one is kept as a backup), the gateway is restarted and checked again. An unchanged file is neither rewritten nor restarted (unless --force); its health is still verified. Exits 0 when the gateway serves the new config, 1 when the reload failed (rolled back when it got as far as writing).",
  positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
  options: {
    "config-dir": configDirOption(
      "Config directory holding providers.yaml, model-mappings.yaml and ports.yaml.",
    ),
    out: outOption("file", "The generated file the gateway reads.", GENERATED_FILE_DEFAULT),
    "gateway-url": {
      type: "string",
      valueName: "url",
      description: "Where the LiteLLM proxy listens.",
      defaultText: "http://127.0.0.1:4000",
    },
    "restart-command": {
      type: "string",
      valueName: "cmd",
      description:
        'The shell command that restarts the gateway, e.g. "systemctl restart litellm". Without it the gates wait for whatever reloads the proxy.',
    },
    timeout: {
      type: "string",
      valueName: "seconds",
      description: "How long the restart command and each health gate may take.",
      defaultText: "60",
    },
    force: forceOption(
      "Restart even when the file is current; overwrite a hand-edited file (a backup is kept).",
    ),
    prometheus: prometheusOption("Add LiteLLM's Prometheus callback (as for generate)."),
    "master-key-env": masterKeyEnvOption(
      "The environment variable holding the proxy's master key, used to query /v1/models.",
    ),
    "cache-namespace": cacheNamespaceOption(
      "The key prefix of this environment's cache entries in Redis (as for generate).",
    ),
    json: jsonOption("Print the report as JSON."),
  },
  examples: [
    {
      command: 'switchyard reload --restart-command "systemctl restart litellm"',
      description: "Regenerate, restart LiteLLM and wait until it serves the new models",
    },
    {
      command:
        'switchyard reload --gateway-url http://10.0.0.5:4000 --restart-command "docker restart litellm" --timeout 120',
      description: "A gateway in a container on another host",
    },
    { command: "switchyard reload --json", description: "The timed steps as JSON" },
  ],
  load: () => import("./run.js"),
};
