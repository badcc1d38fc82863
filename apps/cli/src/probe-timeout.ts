import { sanitizeForTerminal } from "@switchyard/config-schema/render";
import { stringOption } from "./args.js";
import type { ParsedArgs } from "./command.js";
import { UsageError } from "./errors.js";

/** `--timeout <ms>` of `health` and `doctor`. */
export function timeoutOption(args: ParsedArgs, command: string): number | undefined {
  const text = stringOption(args, "timeout");
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1 || ms > 600_000)
    throw new UsageError(
      `Invalid --timeout '${sanitizeForTerminal(text)}': write milliseconds from 1 to 600000`,
      {
        hint: `Run 'switchyard ${command} --help' for usage.`,
      },
    );
  return ms;
}
