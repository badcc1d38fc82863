import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { describeFsError } from "@switchyard/config-schema/fs";
import { redactArgv } from "./redact-argv.js";

/** A process that holds a socket. */
export interface ProcessInfo {
  readonly pid: number;
  /** `/proc/<pid>/comm`: the kernel's name for it, at most 15 characters (`lsof`'s command otherwise). */
  readonly comm: string;
  /**
   * `/proc/<pid>/cmdline`, split at NUL (empty for kernel threads and when unreadable), its secrets
   * redacted (`--api-key sk-…` → `--api-key sk-p…**** (40 chars)`).
   */
  readonly cmdline: readonly string[];
}

/** Processes whose descriptors could not be read, so the sockets they hold have no known owner. */
export interface UnreadableProcesses {
  readonly count: number;
  /** The first reason met, e.g. `permission denied`. */
  readonly reason?: string;
}

/** What {@link scanSocketOwners} found. */
export interface OwnerScan {
  /** Socket inode → the processes with a descriptor on it, in pid order. */
  readonly owners: ReadonlyMap<number, readonly ProcessInfo[]>;
  readonly unreadable: UnreadableProcesses;
}

const SOCKET_LINK = /^socket:\[(\d+)\]$/;

function readProcessInfo(procRoot: string, pid: number): ProcessInfo {
  let comm = "";
  let cmdline: string[] = [];
  try {
    comm = readFileSync(`${procRoot}/${pid}/comm`, "utf8").replace(/\n$/, "");
  } catch {}
  try {
    const raw = readFileSync(`${procRoot}/${pid}/cmdline`, "utf8");
    cmdline = raw.split("\0");
    // A process that renamed itself (Node's process.title) leaves NUL padding behind.
    while (cmdline.length > 0 && cmdline[cmdline.length - 1] === "") cmdline.pop();
    cmdline = redactArgv(cmdline);
  } catch {}
  return { pid, comm, cmdline };
}

/**
 * The processes holding each of `inodes`, found through the `socket:[inode]` links under
 * `/proc/<pid>/fd`, named from `comm` and `cmdline`. One pass over `/proc` for all sockets (never
 * a process or a scan per port); nothing is read when `inodes` is empty. Processes whose
 * descriptors this user may not read (other users' processes, without root) are counted in
 * `unreadable`: the sockets they hold keep no owner, which is not the same as free.
 */
export function scanSocketOwners(inodes: ReadonlySet<number>, procRoot = "/proc"): OwnerScan {
  const found = new Map<number, number[]>();
  let unreadableCount = 0;
  let unreadableReason: string | undefined;
  if (inodes.size === 0) return { owners: new Map(), unreadable: { count: 0 } };
  let entries: string[];
  try {
    entries = readdirSync(procRoot);
  } catch (error) {
    return { owners: new Map(), unreadable: { count: 1, reason: `${procRoot}: ${describeFsError(error)}` } };
  }
  for (const entry of entries) {
    const first = entry.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    const pid = Number(entry);
    const fdDir = `${procRoot}/${entry}/fd`;
    let fds: string[];
    try {
      fds = readdirSync(fdDir);
    } catch (error) {
      // ENOENT: the process exited meanwhile; anything else hides its sockets from us.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        unreadableCount++;
        unreadableReason ??= describeFsError(error);
      }
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`${fdDir}/${fd}`);
      } catch {
        continue;
      }
      if (link.charCodeAt(0) !== 115 /* s */) continue;
      const match = SOCKET_LINK.exec(link);
      if (!match) continue;
      const inode = Number(match[1]);
      if (!inodes.has(inode)) continue;
      const pids = found.get(inode);
      if (pids === undefined) found.set(inode, [pid]);
      else if (pids[pids.length - 1] !== pid) pids.push(pid);
    }
  }
  const infos = new Map<number, ProcessInfo>();
  const owners = new Map<number, ProcessInfo[]>();
  for (const [inode, pids] of found) {
    owners.set(
      inode,
      pids
        .sort((a, b) => a - b)
        .map((pid) => {
          let info = infos.get(pid);
          if (!info) {
            info = readProcessInfo(procRoot, pid);
            infos.set(pid, info);
          }
          return info;
        }),
    );
  }
  return {
    owners,
    unreadable: { count: unreadableCount, ...(unreadableReason ? { reason: unreadableReason } : {}) },
  };
}
