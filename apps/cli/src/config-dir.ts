import { resolve } from "node:path";
import { stringOption } from "./args.js";
import type { ParsedArgs } from "./command.js";
import { UsageError } from "./errors.js";

/** The config directory when none is given. */
export const DEFAULT_CONFIG_DIR = "config";

/**
 * The config directory a command was given, as typed: `--config-dir`, or the first positional for
 * commands that take the directory as their argument (`validate DIR`; `positionalIndex` when it
 * follows an action, `migrate rollback DIR`), else `./config`. Both given and different is a usage error.
 */
export function configDirArgument(
  args: ParsedArgs,
  command: string,
  options: { readonly positional?: boolean; readonly positionalIndex?: number } = {},
): string {
  const positional = options.positional === true ? args.positionals[options.positionalIndex ?? 0] : undefined;
  const option = stringOption(args, "config-dir");
  if (positional !== undefined && option !== undefined && resolve(positional) !== resolve(option)) {
    throw new UsageError(`Two directories given: '${positional}' and --config-dir '${option}'; pass one`, {
      hint: `Run 'switchyard ${command} --help' for usage.`,
    });
  }
  return positional ?? option ?? DEFAULT_CONFIG_DIR;
}
