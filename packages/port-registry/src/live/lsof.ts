import { execFile } from "node:child_process";
import type { Protocol } from "./proc-net.js";
import { redactArgv } from "./redact-argv.js";

/** One socket as `lsof -F` lists it, with its process. */
export interface LsofSocket {
  readonly protocol: Protocol;
  readonly family: 4 | 6;
  /** Canonical address text (`*` is printed as `0.0.0.0` or `::` by family). */
  readonly address: string;
  readonly port: number;
  readonly pid: number;
  readonly command: string;
  readonly uid?: number;
  readonly user?: string;
}

/**
 * The arguments of the one `lsof` run: numeric hosts and ports, full command names, listening
 * TCP sockets (and UDP sockets when asked), as machine-readable fields (`p` pid, `c` command,
 * `u` uid, `L` login, `f` descriptor, `t` type, `P` protocol, `n` name).
 */
export function lsofArguments(protocols: readonly Protocol[]): string[] {
  return [
    "-nP",
    "+c0",
    ...(protocols.includes("tcp") ? ["-iTCP", "-sTCP:LISTEN"] : []),
    ...(protocols.includes("udp") ? ["-iUDP"] : []),
    "-F",
    "pcuLftPn",
  ];
}

function splitName(name: string): { host: string; port: number } | undefined {
  if (name.includes("->")) return undefined; // a connected socket, not a listener
  const at = name.lastIndexOf(":");
  if (at < 0) return undefined;
  const port = Number(name.slice(at + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) return undefined;
  return { host: name.slice(0, at).replace(/^\[|\]$/g, ""), port };
}

/**
 * Parse `lsof -F pcuLftPn` output (see {@link lsofArguments}). Lines start with their field
 * letter; a `p` line starts a process, an `f` line one of its descriptors.
 */
export function parseLsof(text: string): LsofSocket[] {
  const out: LsofSocket[] = [];
  let process: { pid: number; command: string; uid?: number; user?: string } | undefined;
  let file: { type?: string; protocol?: string; name?: string } | undefined;
  const flush = () => {
    if (!process || !file?.name) return;
    const split = splitName(file.name);
    const family = file.type === "IPv6" ? 6 : file.type === "IPv4" ? 4 : undefined;
    const protocol = file.protocol?.toLowerCase();
    if (!split || family === undefined || (protocol !== "tcp" && protocol !== "udp")) return;
    const address = split.host === "*" ? (family === 6 ? "::" : "0.0.0.0") : split.host.toLowerCase();
    out.push({
      protocol,
      family,
      address,
      port: split.port,
      pid: process.pid,
      command: process.command,
      ...(process.uid !== undefined ? { uid: process.uid } : {}),
      ...(process.user !== undefined ? { user: process.user } : {}),
    });
  };
  for (const line of text.split("\n")) {
    const field = line[0];
    const value = line.slice(1);
    switch (field) {
      case "p":
        flush();
        file = undefined;
        process = { pid: Number(value), command: "" };
        break;
      case "c":
        if (process) process.command = value;
        break;
      case "u":
        if (process && /^\d+$/.test(value)) process.uid = Number(value);
        break;
      case "L":
        if (process) process.user = value;
        break;
      case "f":
        flush();
        file = {};
        break;
      case "t":
        if (file) file.type = value;
        break;
      case "P":
        if (file) file.protocol = value;
        break;
      case "n":
        if (file) file.name = value;
        break;
    }
  }
  flush();
  return out;
}

/** What running `lsof` gave. */
export type LsofReading =
  | { readonly ok: true; readonly sockets: LsofSocket[] }
  | { readonly ok: false; readonly reason: string };

function run(command: string, args: readonly string[], timeoutMs: number) {
  return new Promise<{ code: number | null; stdout: string; error?: { code?: string; message: string } }>(
    (resolve) => {
      execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
        if (!error) return resolve({ code: 0, stdout });
        if (typeof error.code === "number") return resolve({ code: error.code, stdout });
        const code = typeof error.code === "string" ? error.code : error.killed ? "ETIMEDOUT" : undefined;
        resolve({ code: null, stdout, error: { ...(code ? { code } : {}), message: error.message } });
      });
    },
  );
}

/**
 * Run `lsof` once for every listening socket. lsof exits 1 when it finds none, which is no
 * error. Without privileges it lists only this user's processes.
 */
export async function readLsof(
  protocols: readonly Protocol[],
  options: { readonly command?: string; readonly timeoutMs?: number } = {},
): Promise<LsofReading> {
  const command = options.command ?? "lsof";
  const result = await run(command, lsofArguments(protocols), options.timeoutMs ?? 10_000);
  if (result.error) {
    const reason =
      result.error.code === "ENOENT"
        ? `${command} is not installed`
        : `${command} failed: ${result.error.message}`;
    return { ok: false, reason };
  }
  if (result.code !== 0 && !(result.code === 1 && result.stdout.trim() === "")) {
    return { ok: false, reason: `${command} exited with status ${result.code}` };
  }
  return { ok: true, sockets: parseLsof(result.stdout) };
}

/**
 * The command lines of some processes from one `ps` run (`ps -ww -o pid=,args= -p a,b,…`): where
 * there is no `/proc` this is the only way to read them. Arguments are split at spaces; secrets
 * are redacted ({@link redactArgv}).
 */
export async function readCommandLines(pids: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (pids.length === 0) return out;
  const result = await run("ps", ["-ww", "-o", "pid=,args=", "-p", pids.join(",")], 5000);
  for (const line of result.stdout.split("\n")) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match) out.set(Number(match[1]), redactArgv(match[2]!.trim().split(/\s+/)));
  }
  return out;
}
