import type { ChildProcess } from "node:child_process";

/** The built `switchyard-server`. */
export declare const SERVER_BIN: string;

/** How {@link startServerProcess} starts its process. */
export interface StartOptions {
  /** Arguments after the command (default none). */
  readonly args?: readonly string[];
  /** Added to (and overriding) this process's environment; `NO_COLOR=1` is set. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The executable and its first arguments (default: node and the built switchyard-server). */
  readonly command?: readonly [string, ...string[]];
  /** Keep every JSON log line in `logs` (tests read them); otherwise lines after `listening` are drained. */
  readonly keepLogs?: boolean;
  /** `inherit`: the process writes its stderr to ours (the bench); default collected for `stderr()`. */
  readonly stderr?: "pipe" | "inherit";
}

/** A started process: its URL from the `listening` line, its log lines and how to stop it. */
export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** The JSON log lines (with `keepLogs`; empty otherwise). */
  readonly logs: Record<string, unknown>[];
  /** What it wrote to stderr so far (empty with `stderr: "inherit"`). */
  readonly stderr: () => string;
  /** SIGTERM, and the exit code (at once if it already exited). */
  stop(): Promise<number | null>;
}

/** Start a process that logs JSON lines and resolve at its `listening` line (rejects if it exits first). */
export declare function startServerProcess(options?: StartOptions): Promise<ServerProcess>;
