import type { RunStatus } from "./errors.js";
import type { CliIO } from "./io.js";
import type { Style } from "./style.js";

/** One option of a command, as `parseArgs` takes it plus what `--help` shows. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly description: string;
  /** The placeholder shown in help for a string option, e.g. `dir` → `--out <dir>`. */
  readonly valueName?: string;
  /** Allowed values of a string option; anything else is a usage error with a suggestion. */
  readonly choices?: readonly string[];
  /** The default shown in help (the command applies it). */
  readonly defaultText?: string;
  /** The option may be given several times (`--attr a=1 --attr b=2`); read it with `listOption`. */
  readonly multiple?: boolean;
}

/** A positional argument, for help and arity checks. */
export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

/** An example shown by `--help`. */
export interface Example {
  readonly command: string;
  readonly description: string;
}

/** What the parser hands a command: option values by long name and positional arguments. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  /** Every value of each option declared `multiple`, in order (`values` holds the last one). */
  readonly lists?: Readonly<Record<string, readonly string[]>>;
}

/** What a command gets besides its arguments. */
export interface CommandContext {
  readonly io: CliIO;
  /** The styling for stdout (colour only when stdout supports it and the environment allows it). */
  readonly style: Style;
  /** The styling for stderr, decided the same way for stderr. */
  readonly stderrStyle: Style;
  /** The CLI's version, for renderers that record it (SARIF). */
  readonly version: string;
}

/**
 * What a command returns. `data` is what `--json` prints; `stdout` is the human (or requested-format)
 * output; `stderr` carries messages about a refused action. Only `ok`, `invalid` and `io-error` are
 * returned; usage and I/O failures that stop a command are thrown as `UsageError` / `IoError`.
 * `exitCode` is for a command whose exit codes are its own contract (`audit`: 0–3 by score); when
 * set it replaces the status's code (see `exitCodeFor` in errors.ts).
 */
export interface CommandOutcome {
  readonly status: Extract<RunStatus, "ok" | "invalid" | "io-error">;
  readonly data: unknown;
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode?: number;
  /**
   * `stdout` is a machine format (`--format json|sarif|github`), already made safe by its renderer
   * and printed as is; human text goes through the output net (config-schema's `sanitizeHumanOutput`).
   */
  readonly machineOutput?: boolean;
}

/** A command module (`commands/<name>/run.ts`), loaded only when its command runs. */
export interface CommandModule {
  run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome>;
}

/** One row of the command table. */
export interface CommandSpec {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** A paragraph for the command's own help. */
  readonly description: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples: readonly Example[];
  /** The exit code of a usage error of this command when it differs from 2 (`audit`: 3). */
  readonly usageExitCode?: number;
  readonly load: () => Promise<CommandModule>;
}
