/**
 * Every command, in the order `--help` lists them. A command is a folder: `spec.ts` (its name,
 * help text, positionals and options: plain data, loaded at every start) and `run.ts` (the work,
 * loaded only when the command runs). Adding one is a new folder and a line here.
 */
import type { CommandSpec } from "../command.js";
import { spec as audit } from "./audit/spec.js";
import { spec as backup } from "./backup/spec.js";
import { spec as doctor } from "./doctor/spec.js";
import { spec as explain } from "./explain/spec.js";
import { spec as flags } from "./flags/spec.js";
import { spec as generate } from "./generate/spec.js";
import { spec as health } from "./health/spec.js";
import { spec as importCommand } from "./import/spec.js";
import { spec as init } from "./init/spec.js";
import { spec as migrate } from "./migrate/spec.js";
import { spec as ports } from "./ports/spec.js";
import { spec as reload } from "./reload/spec.js";
import { spec as schema } from "./schema/spec.js";
import { spec as serve } from "./serve/spec.js";
import { spec as validate } from "./validate/spec.js";

export const COMMANDS: readonly CommandSpec[] = [
  init,
  validate,
  generate,
  reload,
  importCommand,
  migrate,
  audit,
  backup,
  flags,
  ports,
  health,
  doctor,
  serve,
  schema,
  explain,
];
