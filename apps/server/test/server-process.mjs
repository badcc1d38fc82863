// Start a process that writes JSON log lines — switchyard-server, `switchyard serve`, the bench's
// bare route — and resolve at its `listening` line (an event, never a sleep): the one start helper
// of the process tests (test/process.ts), the load test (load/mixed.mjs) and the HTTP bench
// (bench/workers/server.mjs). Plain JavaScript, so that the scripts run by `node` import it as is.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** The built `switchyard-server` (turbo builds before tests). */
export const SERVER_BIN = fileURLToPath(new URL("../bin/switchyard-server.mjs", import.meta.url));

/** Beyond this much unterminated output the buffer is dropped (a process that never ends a line). */
const MAX_LINE = 1 << 20;

/** @param {import("./server-process.d.mts").StartOptions} [options] */
export async function startServerProcess(options = {}) {
  const { args = [], env = {}, command = [process.execPath, SERVER_BIN], keepLogs = false } = options;
  const [exe, ...pre] = command;
  const child = spawn(exe, [...pre, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", options.stderr === "inherit" ? "inherit" : "pipe"],
  });
  /** @type {Record<string, unknown>[]} */
  const logs = [];
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  let buffered = "";
  /** @type {string | undefined} */
  let url;
  const listening = new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`the server exited (${code}) before listening: ${stderr}`));
    child.once("exit", onExit);
    child.stdout.on("data", (chunk) => {
      buffered += chunk.toString("utf8");
      for (let at = buffered.indexOf("\n"); at >= 0; at = buffered.indexOf("\n")) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        if (url !== undefined && !keepLogs) continue;
        let entry;
        try {
          entry = JSON.parse(line);
        } catch {
          continue; // Not a log line (the CLI may print other text).
        }
        if (keepLogs) logs.push(entry);
        if (url === undefined && entry?.msg === "listening" && typeof entry.url === "string") {
          url = entry.url;
          child.off("exit", onExit);
          resolve(entry.url);
        }
      }
      if (buffered.length > MAX_LINE) buffered = "";
    });
  });
  await listening;
  return {
    url: /** @type {string} */ (url),
    child,
    logs,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = await exited;
      return code;
    },
  };
}
