import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { copyForAnyUser } from "@switchyard/test-utils";

export const HOLD_PORT = fileURLToPath(new URL("./fixtures/hold-port.mjs", import.meta.url));

/** A child process holding listeners, and how to let it go. */
export interface Holder {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly ports: readonly { readonly host: string; readonly port: number }[];
  /** Close its stdin (it exits on EOF; works across users) and wait for it to exit. */
  stop(): Promise<void>;
}

/**
 * Start `command args…` (a hold-port.mjs run, possibly through setpriv) and wait for the JSON line
 * it prints once it listens: an event, not a sleep.
 */
export function startHolder(command: string, args: readonly string[]): Promise<Holder> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`${command} exited with ${code} before listening: ${stderr}`)),
    );
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      const info = JSON.parse(line) as { pid: number; ports: { host: string; port: number }[] };
      child.removeAllListeners("exit");
      const exited = new Promise<void>((done) => {
        if (child.exitCode !== null) done();
        else child.once("exit", () => done());
      });
      resolve({
        child,
        pid: info.pid,
        ports: info.ports,
        stop: async () => {
          child.stdin!.end();
          await exited;
        },
      });
    });
  });
}

/** `node hold-port.mjs …` as this user. */
export function holdPorts(...args: string[]): Promise<Holder> {
  return startHolder(process.execPath, [HOLD_PORT, ...args]);
}

/** `node hold-port.mjs …` as another user, through util-linux's setpriv (needs root). */
export async function holdPortsAs(user: string, group: string, ...args: string[]): Promise<Holder> {
  // A copy any user can reach: from a clone inside a 0700 directory, `user` could not read
  // HOLD_PORT. Removed once the holder listens (it has read the script): a test that then drops
  // its own privileges could not remove it later.
  const dir = copyForAnyUser([HOLD_PORT], "sy-hold-port-");
  try {
    return await startHolder("setpriv", [
      `--reuid=${user}`,
      `--regid=${group}`,
      "--clear-groups",
      process.execPath,
      join(dir, basename(HOLD_PORT)),
      ...args,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
