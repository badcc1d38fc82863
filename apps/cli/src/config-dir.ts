import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { sanitizeForTerminal } from "@switchyard/config-schema/render";
import { stringOption } from "./args.js";
import type { ParsedArgs } from "./command.js";
import { IoError, ioErrorFor, UsageError } from "./errors.js";
import { displayPath } from "./paths.js";

/** The config directory when none is given. */
export const DEFAULT_CONFIG_DIR = "config";

/**
 * The config directory a command was given, as typed: `--config-dir`, or the first positional for
 * commands that take the directory as their argument (`validate DIR`; `positionalIndex` when it
 * follows an action, `migrate rollback DIR`), or an older option name the command keeps (`alias`:
 * import's `--out`), else `./config`. Two of them given and different is a usage error.
 */
export function configDirArgument(
  args: ParsedArgs,
  command: string,
  options: {
    readonly positional?: boolean;
    readonly positionalIndex?: number;
    readonly alias?: string;
  } = {},
): string {
  const positional = options.positional === true ? args.positionals[options.positionalIndex ?? 0] : undefined;
  const given: [label: string, value: string][] = [];
  if (positional !== undefined) given.push([`'${positional}'`, positional]);
  const option = stringOption(args, "config-dir");
  if (option !== undefined) given.push([`--config-dir '${option}'`, option]);
  const alias = options.alias === undefined ? undefined : stringOption(args, options.alias);
  if (alias !== undefined) given.push([`--${options.alias} '${alias}'`, alias]);
  const [first, ...others] = given;
  const other = others.find(([, value]) => resolve(value) !== resolve(first![1]));
  if (first !== undefined && other !== undefined) {
    throw new UsageError(`Two directories given: ${first[0]} and ${other[0]}; pass one`, {
      hint: `Run 'switchyard ${command} --help' for usage.`,
    });
  }
  return first?.[1] ?? DEFAULT_CONFIG_DIR;
}

/**
 * The action named by the first positional of a command whose first positional is either an action
 * or the config directory (`migrate rollback` / `migrate config`, `ports order` / `ports config`):
 * the action, or `undefined` when it is the directory. A word that looks like a mistyped action and
 * no such path exists is a usage error with the suggestion, not "cannot read sugest/ports.yaml".
 */
export function actionOrDirectory<A extends string>(
  text: string | undefined,
  actions: readonly A[],
  command: string,
  cwd: string,
): A | undefined {
  if (text === undefined) return undefined;
  if ((actions as readonly string[]).includes(text)) return text as A;
  const suggestion = suggestName(text, actions);
  if (suggestion !== undefined && !/[\\/.]/.test(text) && !existsSync(resolve(cwd, text))) {
    throw new UsageError(
      `Unknown ${command} action '${sanitizeForTerminal(text)}'${didYouMean(suggestion)} (actions: ${actions.join(", ")}; anything else is the config directory)`,
      { hint: `Run 'switchyard ${command} --help' for usage.` },
    );
  }
  return undefined;
}

/**
 * The config directory must be a readable directory: a mistyped directory is an I/O error (exit 2)
 * in every command that reads a config set, never "No backups", "No migrations recorded" or an empty
 * `.switchyard/` made where there was nothing.
 */
export async function requireConfigDirectory(dir: string, cwd: string): Promise<void> {
  const shown = displayPath(dir, cwd);
  const hint = "Check the path; `--config-dir` selects another directory.";
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    throw new IoError(ioErrorFor("read directory", shown, dir, error).message, dir, { cause: error, hint });
  }
  if (!isDirectory) throw new IoError(`Cannot read directory ${shown}: not a directory`, dir, { hint });
}
