import { type ParseArgsConfig, parseArgs } from "node:util";
import type { CommandSpec, OptionSpec, ParsedArgs } from "./command.js";
import { UsageError } from "./errors.js";
import { HELP_OPTION } from "./options.js";
import { didYouMeanAmong } from "./suggest.js";

/** A command's options plus `--help`. */
export function optionsWithHelp(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, help: HELP_OPTION };
}

function helpPointer(command: string): string {
  return `Run 'switchyard ${command} --help' for usage.`;
}

/** The first option token in `argv` that the command does not define (found after strict parsing failed). */
function findUnknownOption(argv: readonly string[], options: Record<string, OptionSpec>): string | undefined {
  const { tokens } = parseArgs({
    args: [...argv],
    options: toParseArgsOptions(options),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "option" && !Object.hasOwn(options, token.name)) return token.rawName;
  }
  return undefined;
}

function toParseArgsOptions(options: Record<string, OptionSpec>): NonNullable<ParseArgsConfig["options"]> {
  const out: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [name, option] of Object.entries(options)) {
    out[name] = {
      type: option.type,
      ...(option.short === undefined ? {} : { short: option.short }),
      ...(option.multiple === true ? { multiple: true } : {}),
    };
  }
  return out;
}

async function unknownOptionError(
  raw: string,
  spec: CommandSpec,
  options: Record<string, OptionSpec>,
): Promise<UsageError> {
  const candidates = Object.entries(options).flatMap(([name, o]) => [
    `--${name}`,
    ...(o.short === undefined ? [] : [`-${o.short}`]),
  ]);
  const base = raw.split("=")[0] ?? raw;
  const suggestion = base.startsWith("--")
    ? await didYouMeanAmong(
        base,
        candidates.filter((c) => c.startsWith("--")),
      )
    : "";
  return new UsageError(`Unknown option '${base}'${suggestion}`, {
    hint: helpPointer(spec.name),
  });
}

/**
 * Parse a command's arguments strictly: unknown options (with a did-you-mean over the command's
 * own options), missing option values, bad choices and a wrong number of positionals all throw
 * {@link UsageError}.
 */
export async function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): Promise<ParsedArgs> {
  const options = optionsWithHelp(spec);
  let parsed: {
    values: Record<string, string | boolean | (string | boolean)[] | undefined>;
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: toParseArgsOptions(options),
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const raw = findUnknownOption(argv, options) ?? /'(-[^']*)'/.exec((error as Error).message)?.[1] ?? "?";
      throw await unknownOptionError(raw, spec, options);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      throw new UsageError((error as Error).message.split("\n")[0] ?? "Invalid arguments", {
        hint: helpPointer(spec.name),
      });
    }
    throw error;
  }
  const values: Record<string, string | boolean | undefined> = {};
  const lists: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    values[name] = Array.isArray(value) ? value[value.length - 1] : value;
    if (Array.isArray(value)) lists[name] = value.filter((v): v is string => typeof v === "string");
  }
  if (values.help === true) return { values, positionals: parsed.positionals, lists };

  for (const [name, option] of Object.entries(options)) {
    const value = values[name];
    if (option.choices === undefined || typeof value !== "string" || option.choices.includes(value)) continue;
    throw new UsageError(
      `Invalid value '${value}' for --${name}${await didYouMeanAmong(value, option.choices)} (expected one of: ${option.choices.join(", ")})`,
      { hint: helpPointer(spec.name) },
    );
  }
  const required = spec.positionals.filter((p) => p.required === true);
  if (parsed.positionals.length > spec.positionals.length) {
    const extra = parsed.positionals[spec.positionals.length];
    throw new UsageError(
      spec.positionals.length === 0
        ? `'${spec.name}' takes no arguments, got '${extra}'`
        : `Too many arguments: unexpected '${extra}'`,
      { hint: helpPointer(spec.name) },
    );
  }
  if (parsed.positionals.length < required.length) {
    const missing = required[parsed.positionals.length]!;
    throw new UsageError(`Missing argument <${missing.name}>: ${missing.description}`, {
      hint: helpPointer(spec.name),
    });
  }
  return { values, positionals: parsed.positionals, lists };
}

/** Every value of an option declared `multiple` (empty when not given). */
export function listOption(args: ParsedArgs, name: string): readonly string[] {
  return args.lists?.[name] ?? [];
}

/** A string option's value, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

/** A boolean option's value (false when absent). */
export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
