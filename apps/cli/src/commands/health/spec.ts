import type { CommandSpec } from "../../command.js";
import { configDirOption, jsonOption, masterKeyEnvOption, probeTimeoutOption } from "../../options.js";

/** `switchyard health`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "health",
  summary: "Probe every backend in its own API: up, and serving the configured models?",
  description:
    "Probes each self-hosted provider of providers.yaml (Ollama /api/version and /api/tags, vLLM /health and /v1/models, llama-server /health and /v1/models, llama-cpp-python /v1/models), the LiteLLM gateway (/health/liveliness, /health/readiness, /v1/models with the master key against the generated model names) and Redis (PING, with AUTH when configured), concurrently, with a timeout per request and retries with backoff. Prints each result with its latency. Exits 1 when a backend is down, refuses its credentials or does not serve what the config promises; loading (llama.cpp) and busy (llama-cpp-python) are not failures.",
  positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
  options: {
    "config-dir": configDirOption("Config directory holding providers.yaml and ports.yaml."),
    timeout: probeTimeoutOption(),
    "master-key-env": masterKeyEnvOption(
      "The environment variable holding the gateway's master key when the generated file names none.",
    ),
    json: jsonOption(),
  },
  examples: [
    { command: "switchyard health", description: "Probe the stack of ./config" },
    { command: "switchyard health --json | jq '.results[] | {id, status}'", description: "For a script" },
  ],
  load: () => import("./run.js"),
};
