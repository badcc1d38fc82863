import { unlink } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { describeFsError } from "../fs/errno.js";
import { cleanStaleTempFiles } from "../safe-write/clean-temp.js";
import { type BackupInfo, type ForeignBackup, listBackupEntries } from "./backup-file.js";
import {
  applyRetention,
  DEFAULT_RETENTION,
  type RetentionDecision,
  type RetentionPolicy,
} from "./retention.js";

/** Options of {@link pruneBackups}. */
export interface PruneOptions {
  /** Decide and report, but delete nothing. */
  dryRun?: boolean;
}

/** What {@link pruneBackups} kept and removed (or would remove, in a dry run). */
export interface PruneResult {
  kept: BackupInfo[];
  removed: BackupInfo[];
  /** Every backup with the rules that keep it, newest first. */
  decisions: RetentionDecision<BackupInfo>[];
  /**
   * Temp files that writers killed mid-write left for this file or its backups, removed (none in a
   * dry run). Say so to the user.
   */
  removedTempFiles: string[];
  /** Entries named like backups that are not regular files: never removed (nor read); show them. */
  foreign: ForeignBackup[];
}

/**
 * Apply a retention policy ({@link applyRetention}, restic's `forget` semantics) to the
 * backups of `path` and delete the ones no rule keeps, and the temp files writers killed mid-write
 * left for the file or its backups. Default policy: {@link DEFAULT_RETENTION}.
 */
export async function pruneBackups(
  path: string,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  options: PruneOptions = {},
): Promise<PruneResult> {
  const source = resolve(path);
  const { backups, foreign } = await listBackupEntries(source);
  const decisions = applyRetention(backups, (b) => b.time, policy);
  const kept = decisions.filter((d) => d.keep).map((d) => d.item);
  const removed = decisions.filter((d) => !d.keep).map((d) => d.item);
  const removedTempFiles = options.dryRun ? [] : await cleanStaleTempFiles(dirname(source), basename(source));
  if (!options.dryRun) {
    for (const backup of removed) {
      await unlink(backup.path).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      });
    }
  }
  return { kept, removed, decisions, removedTempFiles, foreign };
}

/** What pruning after a write did ({@link pruneAfterWrite}). */
export interface WritePrune {
  /** The retention policy that was applied. */
  readonly policy: RetentionPolicy;
  /** Absolute paths of the backups removed, newest first. */
  readonly removed: readonly string[];
  /** Why pruning failed, when it did: the write it follows stands, so this is reported, never thrown. */
  readonly error?: string;
}

/**
 * Prune the backups of a file that was just written, by `policy` (default {@link DEFAULT_RETENTION}):
 * the last step of every write of the config-directory layer (`writeFileSafely`, `writeFileSet`).
 * Never throws: a failure is returned in `error`, since the write it follows succeeded.
 */
export async function pruneAfterWrite(
  path: string,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): Promise<WritePrune> {
  try {
    const { removed } = await pruneBackups(path, policy);
    return { policy, removed: removed.map((b) => b.path) };
  } catch (error) {
    return { policy, removed: [], error: describeFsError(error) };
  }
}

/** A prune worth reporting (something removed, or a failure), or `undefined`. */
export function reportedPrune(prune: WritePrune | undefined): WritePrune | undefined {
  return prune !== undefined && (prune.removed.length > 0 || prune.error !== undefined) ? prune : undefined;
}
