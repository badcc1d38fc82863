import type { CommandSpec } from "../../command.js";
import { configDirOption, forceOption, jsonOption, outOption } from "../../options.js";

/** `switchyard import`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "import",
  summary: "Turn an existing LiteLLM config into a Switchyard config set.",
  description:
    "Reads a LiteLLM proxy config (the file given to `litellm --config`, with its include: files, read as PyYAML reads it) and writes a config set into --out: providers.yaml (one provider per endpoint), model-mappings.yaml (exact matches, load-balancing groups, patterns, fallbacks, routing), ports.yaml (local servers, the Redis cache) and litellm-passthrough.yaml for the settings those files do not model, which generate merges back. Literal secrets become os.environ/NAME references and are never written (always: secrets never leave as plain text); every other change is opt-in (--generate-ids, --drop-empty-sections) and listed in the report. Everything not carried exactly is reported, located in the input. Existing files are never overwritten unless --force; then each is backed up first.",
  positionals: [
    { name: "source", description: "What to import from: litellm.", required: true },
    { name: "file", description: "The LiteLLM config file." },
    { name: "dir", description: "The config directory to write into; the same as --config-dir (or --out)." },
  ],
  options: {
    "config-dir": configDirOption("The directory to write the config set into (created if needed)."),
    out: outOption("dir", "The same as --config-dir (kept for existing scripts).", "./config"),
    force: forceOption("Replace existing files (each is backed up first)."),
    "generate-ids": {
      type: "boolean",
      description:
        "Give deployments without model_info.id a stable generated id (<provider>--<model>). By default none is written and LiteLLM keeps hashing one from the deployment's parameters (gateway.deployment_ids: litellm).",
    },
    "drop-empty-sections": {
      type: "boolean",
      description:
        "Leave out settings sections with nothing in them (general_settings: alone). By default they are carried as written.",
    },
    json: jsonOption(),
  },
  examples: [
    { command: "switchyard import litellm litellm_config.yaml", description: "Import into ./config" },
    {
      command: "switchyard import litellm /etc/litellm/config.yaml --out /etc/switchyard --force",
      description: "Replace an existing set, keeping backups",
    },
  ],
  load: () => import("./run.js"),
};
