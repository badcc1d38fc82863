import type { CommandSpec } from "../../command.js";
import { jsonOption } from "../../options.js";

/** `switchyard explain`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "explain",
  summary: "Explain a diagnostic code: what it means, its cause and its fix.",
  description:
    "Prints the catalogue entry of a diagnostic code (SY1030) or name (unknown-key): its meaning, severity, cause, fix and an example. --list prints every code.",
  positionals: [
    { name: "code", description: "A diagnostic code such as SY1030, or its name such as unknown-key." },
  ],
  options: {
    list: { type: "boolean", short: "l", description: "List every diagnostic code." },
    json: jsonOption("Print the entry (or the list) as JSON."),
  },
  examples: [
    { command: "switchyard explain SY1030", description: "Explain a code" },
    { command: "switchyard explain --list", description: "List every code" },
  ],
  load: () => import("./run.js"),
};
