import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** The built `switchyard-server` (turbo builds before tests). */
export const SERVER_BIN = fileURLToPath(new URL("../bin/switchyard-server.mjs", import.meta.url));

/** A `switchyard-server` process: its URL once it listens, its log lines, and how to stop it. */
export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: Record<string, unknown>[];
  readonly stderr: () => string;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

/** Run a command line to its end: exit code and output. */
export async function runToEnd(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, [...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Start a server process (`command args`, default the built switchyard-server) and wait for its
 * `listening` log line (an event, not a timeout; the test's own timeout bounds it).
 */
export async function startProcess(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  command: readonly string[] = [process.execPath, SERVER_BIN],
): Promise<ServerProcess> {
  const [exe, ...pre] = command as [string, ...string[]];
  const child = spawn(exe, [...pre, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  let buffered = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let at = buffered.indexOf("\n");
      while (at >= 0) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        at = buffered.indexOf("\n");
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === "listening") resolve(entry.url as string);
        } catch {
          // Not a log line (the CLI may print other text).
        }
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    child,
    logs,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
