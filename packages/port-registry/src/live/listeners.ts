import { formatIPv6, parseIPv6 } from "@switchyard/config-schema/hosts";
import { plural } from "@switchyard/config-schema/text";
import { lsofArguments, readCommandLines, readLsof } from "./lsof.js";
import { type ListeningSocket, type Protocol, readProcNet } from "./proc-net.js";
import { type ProcessInfo, scanSocketOwners } from "./proc-owners.js";
import { userNames } from "./users.js";

/** Where the listeners were read from. */
export type ListenerSource = "proc" | "lsof" | "none";

/**
 * Whether the processes holding a socket are known: `known` (listed in `processes`),
 * `unreadable` (this user may not read the descriptors of the processes that could hold it: say
 * so, it is not free) or `unseen` (no process visible here holds it: a port published from
 * another PID namespace, such as a container, or a socket closed a moment ago).
 */
export type OwnerKnowledge = "known" | "unreadable" | "unseen" | "not-looked-up";

/** A socket that holds a local port, with what is known of the processes behind it. */
export interface Listener {
  readonly protocol: Protocol;
  readonly family: 4 | 6;
  /** Canonical address text: `127.0.0.1`, `0.0.0.0`, `::`, `::1`, `::ffff:127.0.0.1`. */
  readonly address: string;
  readonly port: number;
  /** The socket's uid (from `/proc/net/*`, or the process's with lsof). */
  readonly uid?: number;
  /** The user name of {@link uid}, when the passwd file knows it. */
  readonly user?: string;
  readonly owner: OwnerKnowledge;
  /** Why the owner is not known (for `unreadable` and `unseen`). */
  readonly ownerReason?: string;
  /** The processes holding it (several when a socket is shared by forked workers). */
  readonly processes: readonly ProcessInfo[];
}

/** Every listener found, and how. */
export interface ListenerSnapshot {
  readonly source: ListenerSource;
  /** One line: which files or command were read, and why a fallback was used. */
  readonly detail: string;
  readonly listeners: readonly Listener[];
}

/** Options of {@link readListeners}. */
export interface ReadListenersOptions {
  /** Where `/proc` is (default `/proc`); tests point it elsewhere to force the lsof fallback. */
  readonly procRoot?: string;
  /** Protocols to list (default `["tcp"]`). */
  readonly protocols?: readonly Protocol[];
  /**
   * Look owners up only for sockets on these ports (default: every socket). `switchyard ports`
   * passes the registered ports, so a machine's other sockets cost nothing.
   */
  readonly ports?: Iterable<number>;
  /** The lsof command for the fallback, or `false` for none (default `lsof`). */
  readonly lsof?: string | false;
  /** The passwd file for user names (default `/etc/passwd`). */
  readonly passwdPath?: string;
}

function canonical(address: string, family: 4 | 6): string {
  if (family === 4) return address;
  const bytes = parseIPv6(address.replace(/%.*$/, ""));
  return bytes ? formatIPv6(bytes) : address;
}

function describeUser(uid: number | undefined, user: string | undefined): string {
  if (uid === undefined) return "another user";
  return user === undefined ? `uid ${uid}` : `uid ${uid} (${user})`;
}

function fromProc(
  sockets: readonly ListeningSocket[],
  wanted: ReadonlySet<number> | undefined,
  procRoot: string,
  nameOf: (uid: number) => string | undefined,
): Listener[] {
  const lookUp = sockets.filter((s) => wanted === undefined || wanted.has(s.port));
  const scan = scanSocketOwners(new Set(lookUp.map((s) => s.inode)), procRoot);
  const myUid = typeof process.geteuid === "function" ? process.geteuid() : undefined;
  return sockets.map((socket) => {
    const user = nameOf(socket.uid);
    const base = {
      protocol: socket.protocol,
      family: socket.family,
      address: socket.address,
      port: socket.port,
      uid: socket.uid,
      ...(user !== undefined ? { user } : {}),
    };
    if (wanted !== undefined && !wanted.has(socket.port))
      return { ...base, owner: "not-looked-up" as const, processes: [] };
    const processes = scan.owners.get(socket.inode);
    if (processes && processes.length > 0) return { ...base, owner: "known" as const, processes };
    // A user reads its own processes' descriptors (and root everyone's, unless a container took
    // CAP_SYS_PTRACE away): only processes that were unreadable can hide the owner.
    if (scan.unreadable.count > 0 && myUid !== socket.uid) {
      return {
        ...base,
        owner: "unreadable" as const,
        ownerReason: `held by ${describeUser(socket.uid, user)}; the descriptors of ${plural(scan.unreadable.count, "process", "processes")} are not readable as ${describeUser(myUid, myUid === undefined ? undefined : nameOf(myUid))} (${scan.unreadable.reason ?? "permission denied"}): run as root or as that user to see who`,
        processes: [],
      };
    }
    return {
      ...base,
      owner: "unseen" as const,
      ownerReason: `held by ${describeUser(socket.uid, user)}, but no process of this PID namespace has it open (a port published from a container, or a socket just closed)`,
      processes: [],
    };
  });
}

async function fromLsof(
  protocols: readonly Protocol[],
  command: string,
): Promise<{ ok: true; listeners: Listener[] } | { ok: false; reason: string }> {
  const reading = await readLsof(protocols, { command });
  if (!reading.ok) return reading;
  const commandLines = await readCommandLines([...new Set(reading.sockets.map((s) => s.pid))]);
  const byEndpoint = new Map<string, Listener & { processes: ProcessInfo[] }>();
  for (const socket of reading.sockets) {
    const address = canonical(socket.address, socket.family);
    const key = `${socket.protocol}/${socket.family}/${address}/${socket.port}`;
    const info: ProcessInfo = {
      pid: socket.pid,
      comm: socket.command,
      cmdline: commandLines.get(socket.pid) ?? [],
    };
    const existing = byEndpoint.get(key);
    if (existing) {
      if (!existing.processes.some((p) => p.pid === info.pid)) existing.processes.push(info);
      continue;
    }
    byEndpoint.set(key, {
      protocol: socket.protocol,
      family: socket.family,
      address,
      port: socket.port,
      ...(socket.uid !== undefined ? { uid: socket.uid } : {}),
      ...(socket.user !== undefined ? { user: socket.user } : {}),
      owner: "known",
      processes: [info],
    });
  }
  return { ok: true, listeners: [...byEndpoint.values()] };
}

/**
 * Every listening socket of this machine with the processes holding it: from `/proc/net/*` and
 * `/proc/<pid>/fd` on Linux, else from one `lsof` run (macOS, containers without `/proc`); the
 * snapshot says which. Spawns no process per port; never throws.
 */
export async function readListeners(options: ReadListenersOptions = {}): Promise<ListenerSnapshot> {
  const procRoot = options.procRoot ?? "/proc";
  const protocols = options.protocols ?? ["tcp"];
  const wanted = options.ports === undefined ? undefined : new Set(options.ports);
  const nameOf = userNames(options.passwdPath);
  const proc = readProcNet(procRoot, protocols);
  if (proc.ok) {
    return {
      source: "proc",
      detail: `${protocols.map((p) => `${procRoot}/net/${p}{,6}`).join(", ")} and ${procRoot}/<pid>/fd`,
      listeners: fromProc(proc.sockets, wanted, procRoot, nameOf),
    };
  }
  if (options.lsof === false) return { source: "none", detail: proc.reason, listeners: [] };
  const command = options.lsof ?? "lsof";
  const lsof = await fromLsof(protocols, command);
  if (!lsof.ok) return { source: "none", detail: `${proc.reason}; ${lsof.reason}`, listeners: [] };
  return {
    source: "lsof",
    detail: `${command} ${lsofArguments(protocols).join(" ")} (${proc.reason})`,
    listeners: lsof.listeners,
  };
}
