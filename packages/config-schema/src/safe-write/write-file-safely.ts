import { basename, dirname, resolve } from "node:path";
import { backupFile } from "../backups/backup-file.js";
import { pruneAfterWrite, reportedPrune, type WritePrune } from "../backups/prune.js";
import type { RetentionPolicy } from "../backups/retention.js";
import { compareFileContent, versionMaxBytes } from "../fs/read-file.js";
import { type ModeTightening, writeFileAtomic } from "./atomic-write.js";
import { cleanStaleTempFiles } from "./clean-temp.js";
import { DEFAULT_LOCK_TIMEOUT_MS, type LockOwner, withFileLock } from "./file-lock.js";

/** Options of {@link writeFileSafely}. */
export interface SafeWriteOptions {
  /** Back up the previous file (`<path>.backup-YYYYMMDD_HHMMSS`) before replacing it, if it exists. Default true. */
  backup?: boolean;
  /** Hold `<path>.lock` while reading, backing up and writing. Default true. */
  lock?: boolean;
  /** How long to wait for another process's lock, in ms. Default 10 000; 0 fails at once with `FileLockedError`. */
  lockTimeoutMs?: number;
  /** Permission bits of the written file; default the previous file's (a new file: see `writeFileAtomic`). */
  mode?: number;
  /** A new file is created 0o600 whatever its content (it may hold a secret). */
  private?: boolean;
  /** Whether the content may hold a secret, when the caller knows (see `writeFileAtomic`); default scanned. */
  holdsSecret?: boolean;
  /**
   * After a write that changed the file, prune its backups by this policy (default
   * `DEFAULT_RETENTION`: the last 10, one a day for 7 days, one a week for 4 weeks); `false` keeps
   * every backup. Pruning runs under the same lock and never fails the write: see `pruned`.
   */
  retention?: RetentionPolicy | false;
  /** The clock for the backup stamp (tests pass a fixed one). */
  now?: () => Date;
  /** Called when a lock left by a dead process was taken over. */
  onStaleLock?: (owner: LockOwner, lockPath: string) => void;
  /**
   * Called just before the new content replaces the file (see `writeFileAtomic`): when it throws,
   * the file is left as it is (a backup of it may have been made) and the error is thrown.
   */
  beforeReplace?: () => Promise<void> | void;
}

/** What {@link writeFileSafely} did. */
export interface SafeWriteResult {
  /** The absolute path written. */
  path: string;
  /** The backup of the previous content, when one was made. */
  backupPath?: string;
  /** False when the file already had exactly this content: then nothing was written and no backup made. */
  changed: boolean;
  /** Temp files of crashed earlier writes of this file that were removed (say so to the user). */
  removedTempFiles?: string[];
  /**
   * The backups pruned after the write (by `retention`), when pruning removed any or failed (a
   * failed prune leaves the write standing and says why in `error`).
   */
  pruned?: WritePrune;
  /**
   * Set when the replaced file was readable by others and the new content holds a secret: the
   * file is now owner-only (0644 → 0600). Say so to the user.
   */
  modeTightened?: ModeTightening;
}

function toBytes(content: string | Uint8Array): Buffer {
  return typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
}

/**
 * Write a config file the careful way, in one call: under `<path>.lock` (so two Switchyard
 * processes never interleave), skip identical content, back up the previous file, replace it
 * atomically ({@link writeFileAtomic}), then prune its backups by the retention policy (reported in
 * `pruned`). Leftover temp files of crashed earlier writes of this file are removed and reported in
 * `removedTempFiles`. Every writer of a config directory (generate, reload, migrate, the monitoring
 * files, the flag store behind the server) goes through here or {@link writeFileSet}.
 *
 * @throws FileLockedError (SY1050) when another live process holds the lock past `lockTimeoutMs`.
 */
export async function writeFileSafely(
  path: string,
  content: string | Uint8Array,
  options: SafeWriteOptions = {},
): Promise<SafeWriteResult> {
  const target = resolve(path);
  const body = async (): Promise<SafeWriteResult> => {
    const removedTempFiles = await cleanStaleTempFiles(dirname(target), basename(target));
    const extra = removedTempFiles.length > 0 ? { removedTempFiles } : {};
    const bytes = toBytes(content);
    // Identical content is found without reading a file of another size; only the backup copies it,
    // capped by the one rule for the file a write replaces (a 41 MB generated file is backed up).
    const previous = await compareFileContent(target, bytes);
    if (previous === "same") return { path: target, changed: false, ...extra };
    let backupPath: string | undefined;
    if (previous === "different" && options.backup !== false) {
      backupPath = await backupFile(target, {
        maxBytes: versionMaxBytes(bytes.length),
        ...(options.now ? { now: options.now } : {}),
      });
    }
    let modeTightened: ModeTightening | undefined;
    await writeFileAtomic(target, bytes, {
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      ...(options.private === undefined ? {} : { private: options.private }),
      ...(options.holdsSecret === undefined ? {} : { holdsSecret: options.holdsSecret }),
      onModeTightened: (change) => {
        modeTightened = change;
      },
      ...(options.beforeReplace === undefined ? {} : { beforeReplace: options.beforeReplace }),
    });
    const pruned =
      options.retention === false
        ? undefined
        : reportedPrune(await pruneAfterWrite(target, options.retention));
    return {
      path: target,
      ...(backupPath === undefined ? {} : { backupPath }),
      changed: true,
      ...extra,
      ...(pruned === undefined ? {} : { pruned }),
      ...(modeTightened === undefined ? {} : { modeTightened }),
    };
  };
  if (options.lock === false) return body();
  return withFileLock(target, body, {
    timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    ...(options.onStaleLock ? { onStaleLock: options.onStaleLock } : {}),
  });
}
