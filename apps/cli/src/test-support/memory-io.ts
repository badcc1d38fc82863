import type { CliIO } from "../io.js";

/** An in-memory {@link CliIO} whose output tests read back. */
export interface MemoryIO extends CliIO {
  /** Everything written to stdout so far. */
  stdoutText(): string;
  /** Everything written to stderr so far. */
  stderrText(): string;
}

/** A {@link MemoryIO} rooted at `cwd`, not a TTY, with an empty environment unless given one. */
export function memoryIO(
  cwd: string,
  options: { env?: Record<string, string>; isTTY?: boolean } = {},
): MemoryIO {
  const out: string[] = [];
  const err: string[] = [];
  const isTTY = options.isTTY ?? false;
  return {
    cwd,
    env: options.env ?? {},
    stdout: { isTTY, write: (text: string) => out.push(text) },
    stderr: { isTTY, write: (text: string) => err.push(text) },
    stdoutText: () => out.join(""),
    stderrText: () => err.join(""),
  };
}
