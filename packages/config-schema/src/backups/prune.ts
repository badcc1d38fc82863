import { unlink } from "node:fs/promises";
import { type BackupInfo, listBackups } from "./backup-file.js";
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
}

/**
 * Apply a retention policy ({@link applyRetention}, restic's `forget` semantics) to the
 * backups of `path` and delete the ones no rule keeps. Default policy: {@link DEFAULT_RETENTION}.
 */
export async function pruneBackups(
  path: string,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  options: PruneOptions = {},
): Promise<PruneResult> {
  const backups = await listBackups(path);
  const decisions = applyRetention(backups, (b) => b.time, policy);
  const kept = decisions.filter((d) => d.keep).map((d) => d.item);
  const removed = decisions.filter((d) => !d.keep).map((d) => d.item);
  if (!options.dryRun) {
    for (const backup of removed) {
      await unlink(backup.path).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      });
    }
  }
  return { kept, removed, decisions };
}
