import type { CommandSpec } from "../../command.js";
import { jsonOption, outOption } from "../../options.js";

/** `switchyard schema`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "schema",
  summary: "Print or write the JSON Schemas of the config files.",
  description:
    "Without options, lists the config file kinds and their schema URLs. --kind prints one kind's JSON Schema; --out writes every schema (or the --kind one) into a directory, atomically, for editors and CI.",
  positionals: [],
  options: {
    kind: {
      type: "string",
      short: "k",
      valueName: "kind",
      description: "The file kind whose schema to print or write.",
    },
    out: outOption("dir", "Write <kind>.schema.json files into this directory."),
    json: jsonOption(),
  },
  examples: [
    { command: "switchyard schema", description: "List the file kinds and their schema URLs" },
    {
      command: "switchyard schema --kind providers",
      description: "Print the JSON Schema of providers.yaml",
    },
    { command: "switchyard schema --out schemas/", description: "Write every schema into schemas/" },
  ],
  load: () => import("./run.js"),
};
