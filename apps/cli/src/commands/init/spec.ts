import type { CommandSpec } from "../../command.js";
import { configDirOption, forceOption, jsonOption } from "../../options.js";

/** `switchyard init`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "init",
  summary: "Write a complete, valid, commented config set to start from.",
  description:
    "Writes providers.yaml, model-mappings.yaml, ports.yaml and feature-flags.yaml into <dir> (created if needed): a working stack of Ollama, vLLM, two llama.cpp servers and OpenAI behind LiteLLM, with comments explaining every field. Existing files are never overwritten unless --force is given; then each is backed up first.",
  positionals: [
    { name: "dir", description: "Directory to write the config set into; the same as --config-dir." },
  ],
  options: {
    "config-dir": configDirOption("Directory to write the config set into (created if needed)."),
    force: forceOption("Overwrite existing files (each is backed up first)."),
    schema: {
      type: "string",
      valueName: "where",
      choices: ["remote", "local"],
      defaultText: "remote",
      description:
        "Where each file's `# yaml-language-server: $schema=` line points: remote (the JSON Schema on unpkg, pinned to this release) or local (a relative path to node_modules/@switchyard/config-schema/schemas, for editors offline; the package must be installed in <dir> or above).",
    },
    json: jsonOption(),
  },
  examples: [
    { command: "switchyard init", description: "Write a starter config set into ./config" },
    {
      command: "npm install --save-dev @switchyard/config-schema && switchyard init --schema local",
      description: "Point the editor at the schemas installed in node_modules (works offline)",
    },
    {
      command: "switchyard init /etc/switchyard --force",
      description: "Replace an existing set, keeping backups",
    },
  ],
  load: () => import("./run.js"),
};
