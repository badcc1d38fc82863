import { constants } from "node:fs";
import { open, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { readBoundedFile, utf8Text } from "../fs/read-file.js";
import { randomHex } from "../text/hash.js";
import { isProcessAlive } from "./process-alive.js";

/** Largest lock file read: an owner record is a few hundred bytes. */
const LOCK_MAX_BYTES = 64 * 1024;

/** Who holds a lock, as recorded in the lock file. */
export interface LockOwner {
  pid: number;
  host: string;
  /** When the lock was taken. */
  since: Date;
}

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** How long to wait for another holder, in ms. Default 10 000; 0 fails at once. */
  timeoutMs?: number;
  /** How often to look again while waiting, in ms. Default 50. */
  pollMs?: number;
  /** Called when a lock left by a dead process on this host is taken over (so the caller can say so). */
  onStaleLock?: (owner: LockOwner, lockPath: string) => void;
}

/** Default wait for a lock held by another process. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** A lock file that exists but cannot be parsed is only judged stale after this long (its writer may be mid-write). */
const UNREADABLE_LOCK_GRACE_MS = 2_000;

/**
 * Another process holds the lock on a file. Code SY1050. The message names the holder:
 * `<file> is locked by pid N on host H since <ISO time>`.
 */
export class FileLockedError extends Error {
  readonly code = "SY1050";
  readonly pid: number;
  readonly host: string;
  readonly since: Date;
  readonly lockPath: string;
  /** The file the lock protects. */
  readonly file: string;
  /** What the user can do about it. */
  readonly hint: string;

  constructor(file: string, lockPath: string, owner: LockOwner) {
    super(`${file} is locked by pid ${owner.pid} on host ${owner.host} since ${isoOrUnknown(owner.since)}`);
    this.name = "FileLockedError";
    this.file = file;
    this.lockPath = lockPath;
    this.pid = owner.pid;
    this.host = owner.host;
    this.since = owner.since;
    this.hint = `Wait for that process to finish. If it is not running (e.g. the host was rebooted or renamed), delete ${lockPath}.`;
  }
}

function isoOrUnknown(date: Date): string {
  return Number.isNaN(date.getTime()) ? "an unknown time" : date.toISOString();
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? "");
}

/** The lock file guarding `target`. */
export function lockPathFor(target: string): string {
  return `${resolve(target)}.lock`;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== "object" || data === null) return undefined;
    const { pid, host, started } = data as Record<string, unknown>;
    if (
      typeof pid !== "number" ||
      !Number.isInteger(pid) ||
      typeof host !== "string" ||
      typeof started !== "string"
    ) {
      return undefined;
    }
    return { pid, host, since: new Date(started) };
  } catch {
    return undefined;
  }
}

type LockState =
  | { kind: "free" }
  | { kind: "held"; owner: LockOwner; text: string; stale: boolean }
  | { kind: "unreadable"; since: Date; text: string; stale: boolean };

/** A lock file's text through the bounded reader (a lock is a few hundred bytes; a FIFO is refused). */
async function readLockText(lockPath: string): Promise<string> {
  const read = await readBoundedFile(lockPath, { maxBytes: LOCK_MAX_BYTES, noFollow: true });
  if (read.ok) return utf8Text(read.bytes);
  if (read.failure.kind === "not-found")
    throw Object.assign(new Error(read.failure.reason), { code: "ENOENT" });
  // Anything else is a lock nobody can parse: judged "unreadable", and stale after the usual wait.
  return read.failure.reason;
}

/** Read the lock file and judge whether its holder is gone. */
async function inspectLock(lockPath: string): Promise<LockState> {
  let text: string;
  let mtime: Date;
  try {
    [text, mtime] = await Promise.all([readLockText(lockPath), stat(lockPath).then((s) => s.mtime)]);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return { kind: "free" };
    throw error;
  }
  const owner = parseOwner(text);
  if (!owner) {
    return {
      kind: "unreadable",
      since: mtime,
      text,
      stale: Date.now() - mtime.getTime() > UNREADABLE_LOCK_GRACE_MS,
    };
  }
  const stale = owner.host === hostname() && !isProcessAlive(owner.pid);
  return { kind: "held", owner, text, stale };
}

/** Create a file with O_EXCL holding `text`; false when it already exists. */
async function createExclusive(path: string, text: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
  } catch (error) {
    if (isErrno(error, "EEXIST")) return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
  } catch (error) {
    // A lock file without its record (a full disk) would look like a lock mid-write and make every
    // later run wait for it: remove it, then report the write's error.
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/** The lock file content for this process; the nonce tells two locks of one process apart. */
function ownerRecord(): { text: string; owner: LockOwner } {
  const since = new Date();
  const owner: LockOwner = { pid: process.pid, host: hostname(), since };
  const record = {
    pid: owner.pid,
    host: owner.host,
    started: since.toISOString(),
    nonce: randomHex(4),
  };
  return { owner, text: `${JSON.stringify(record)}\n` };
}

/**
 * Remove a stale lock without racing another process doing the same: only the holder of
 * `<lock>.break` may delete, and only after re-reading the lock and finding the same
 * stale content (so a fresh lock taken meanwhile is never removed).
 */
async function breakStaleLock(lockPath: string, staleText: string): Promise<boolean> {
  const breakPath = `${lockPath}.break`;
  if (!(await createExclusive(breakPath, ownerRecord().text))) {
    const breaker = await inspectLock(breakPath);
    if (breaker.kind !== "free" && breaker.stale) await unlink(breakPath).catch(() => undefined);
    return false;
  }
  try {
    const current = await readLockText(lockPath).catch(() => undefined);
    if (current !== staleText) return false;
    await unlink(lockPath).catch((error: unknown) => {
      if (!isErrno(error, "ENOENT")) throw error;
    });
    return true;
  } finally {
    await unlink(breakPath).catch(() => undefined);
  }
}

/**
 * Run `fn` while holding an inter-process lock on `targetPath`: the lock file
 * `<target>.lock` is created with O_EXCL and holds `{pid, host, started}`. A lock whose
 * holder is on this host and no longer running is taken over; a lock held by a live
 * process (or by another host, which cannot be checked) is waited for, polling, until
 * `timeoutMs`, then {@link FileLockedError} is thrown. The lock is released when `fn`
 * settles. Callers in the same process are serialised too (the pid is alive).
 */
export async function withFileLock<T>(
  targetPath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const pollMs = Math.max(1, options.pollMs ?? 50);
  const lockPath = lockPathFor(targetPath);
  const deadline = Date.now() + Math.max(0, timeoutMs);
  let mine = ownerRecord();

  for (;;) {
    mine = ownerRecord();
    if (await createExclusive(lockPath, mine.text)) break;
    const state = await inspectLock(lockPath);
    if (state.kind === "free") continue;
    if (state.stale && (await breakStaleLock(lockPath, state.text))) {
      const owner = state.kind === "held" ? state.owner : { pid: 0, host: "unknown", since: state.since };
      options.onStaleLock?.(owner, lockPath);
      continue;
    }
    if (Date.now() >= deadline) {
      const owner = state.kind === "held" ? state.owner : { pid: 0, host: "unknown", since: state.since };
      throw new FileLockedError(targetPath, lockPath, owner);
    }
    const jitter = Math.floor(Math.random() * Math.min(pollMs, 20));
    await sleep(Math.min(pollMs + jitter, Math.max(1, deadline - Date.now())));
  }

  try {
    return await fn();
  } finally {
    await releaseLock(lockPath, mine.text);
  }
}

/** Remove the lock file if it is still ours (it may have been broken by hand). */
async function releaseLock(lockPath: string, text: string): Promise<void> {
  const current = await readLockText(lockPath).catch(() => undefined);
  if (current === text) await unlink(lockPath).catch(() => undefined);
}
