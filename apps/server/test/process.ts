import { spawn } from "node:child_process";
import { once } from "node:events";
import { SERVER_BIN, type ServerProcess, startServerProcess } from "./server-process.mjs";

export { SERVER_BIN, type ServerProcess };

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
 * `listening` log line (an event, not a timeout; the test's own timeout bounds it). Every log line
 * is kept in `logs`.
 */
export function startProcess(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  command: readonly [string, ...string[]] = [process.execPath, SERVER_BIN],
): Promise<ServerProcess> {
  return startServerProcess({ args, env, command, keepLogs: true });
}
