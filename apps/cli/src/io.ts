/** A stream the CLI writes to: `process.stdout`, or an in-memory sink in tests. */
export interface CliStream {
  write(text: string): unknown;
  /** True when the stream is a terminal; decides colour together with NO_COLOR / FORCE_COLOR. */
  readonly isTTY?: boolean;
}

/** Everything the CLI touches of its process, injected so commands run in-process in tests. */
export interface CliIO {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths are resolved against and diagnostics are shown relative to. */
  readonly cwd: string;
}

/** The real process's streams, environment and working directory. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
