import { describeFsError, displayPath, errnoCode } from "@switchyard/config-schema/fs";

/**
 * How a run ends. Commands return `ok` or `invalid` (or `io-error` when an input could not be read)
 * and throw {@link UsageError} / {@link IoError}; {@link EXIT_CODES} is the one place these become
 * exit codes.
 */
export type RunStatus = "ok" | "invalid" | "usage-error" | "io-error" | "internal-error";

/**
 * Exit codes: 0 success (warnings allowed), 1 invalid config or refused action, 2 usage or I/O error,
 * 70 an unexpected internal error (a bug; sysexits' EX_SOFTWARE, kept apart from 2 so scripts can
 * tell "you asked wrongly" from "switchyard broke").
 */
export const EXIT_CODES: Readonly<Record<RunStatus, number>> = {
  ok: 0,
  invalid: 1,
  "usage-error": 2,
  "io-error": 2,
  "internal-error": 70,
};

/** What can override a status's exit code: a command's own code, or a command's code for usage errors. */
export interface ExitCodeOverrides {
  /** A command's explicit exit code (`audit`'s score bands); replaces the status's code. */
  readonly exitCode?: number | undefined;
  /** The code a command gives usage errors (`audit` gives 3, as its own bad options do). */
  readonly usageExitCode?: number | undefined;
}

/**
 * The exit code of a run: the command's explicit code when it returned one, the command's usage
 * code for a usage error when it declares one, else {@link EXIT_CODES} of the status.
 */
export function exitCodeFor(status: RunStatus, overrides: ExitCodeOverrides = {}): number {
  if (overrides.exitCode !== undefined) return overrides.exitCode;
  if (status === "usage-error" && overrides.usageExitCode !== undefined) return overrides.usageExitCode;
  return EXIT_CODES[status];
}

/** The command line is wrong: unknown command or option, missing or extra argument, bad value. Exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** A line printed after the message, e.g. "Run 'switchyard validate --help' for usage." */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string } = {}) {
    super(message);
    this.hint = options.hint;
  }
}

/** A file or directory could not be read or written. Exit 2. */
export class IoError extends Error {
  override readonly name = "IoError";
  /** The path that failed. */
  readonly path: string;
  /** What the user can do about it, when known (e.g. who holds a lock). */
  readonly hint: string | undefined;

  constructor(message: string, path: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.path = path;
    this.hint = options.hint;
  }
}

// Errno → words has one home: config-schema's describeFsError ("read-only file system", …).
export { describeFsError };

/** Wrap a failed read or write of `path` (shown as `shown`) as an {@link IoError}, keeping any hint the error carries. */
export function ioErrorFor(action: string, shown: string, path: string, error: unknown): IoError {
  const hint = (error as { hint?: unknown } | undefined)?.hint;
  const reason =
    (error as { code?: unknown } | undefined)?.code === "SY1050"
      ? (error as Error).message
      : describeFsError(error);
  return new IoError(`Cannot ${action} ${shown}: ${reason}`, path, {
    cause: error,
    ...(typeof hint === "string" ? { hint } : {}),
  });
}

/**
 * Whether an error is the file system's refusal (it carries an errno code such as `EROFS`,
 * `EACCES`, `ENOSPC`), as opposed to a bug: such errors are I/O errors, exit 2.
 */
export function isFsError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const code = errnoCode(error);
  return error instanceof Error && code !== undefined && /^E[A-Z0-9]+$/.test(code);
}

/** An unwrapped file-system error as an {@link IoError} naming its path (shown relative to `cwd`). */
export function fsIoError(error: NodeJS.ErrnoException, cwd: string): IoError {
  const path = typeof error.path === "string" ? error.path : undefined;
  const action =
    error.syscall === "open" || error.syscall === "read" || error.syscall === "scandir" ? "read" : "write";
  return ioErrorFor(action, path === undefined ? "a file" : displayPath(path, cwd), path ?? "", error);
}
