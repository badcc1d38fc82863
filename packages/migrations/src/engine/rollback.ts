import { hostname } from "node:os";
import { join, relative, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { readBoundedFile, readBoundedFileIfExists } from "@switchyard/config-schema/fs";
import { sha256 } from "@switchyard/config-schema/text";
import { backupFile, writeFileSet } from "@switchyard/config-schema/write";
import { migrationsDiagnostic } from "../catalogue.js";
import {
  type ConfigDirOptions,
  currentUser,
  newRecordId,
  recoverSet,
  unrestored,
  withConfigSetLock,
} from "./config-set.js";
import {
  type HistoryFileEntry,
  type HistoryRecord,
  historyWithRecord,
  lastMigration,
  readHistory,
} from "./history-log.js";

/** Options of {@link rollbackLastMigration}. */
export interface RollbackOptions extends ConfigDirOptions {
  /** Roll back even when a file changed after the migration (its current content is backed up first). */
  readonly force?: boolean;
}

/** One file a rollback restored. */
export interface RolledBackFile {
  readonly fileName: string;
  readonly filePath: string;
  /** The version it had after the migration. */
  readonly from: string;
  /** The version it has again. */
  readonly to: string;
  /** SHA-256 of the restored content, equal to the hash recorded before the migration. */
  readonly hash: string;
}

/** The outcome of {@link rollbackLastMigration}. */
export interface RollbackResult {
  readonly ok: boolean;
  readonly status: "rolled-back" | "failed";
  readonly dir: string;
  /** The migration that was undone (or would have been). */
  readonly undone?: HistoryRecord;
  /** The rollback record appended to the history. */
  readonly record?: HistoryRecord;
  readonly files: readonly RolledBackFile[];
  readonly diagnostics: readonly Diagnostic[];
}

async function readOrUndefined(path: string): Promise<Uint8Array | undefined> {
  return readBoundedFileIfExists(path);
}

interface Restore {
  readonly entry: HistoryFileEntry;
  readonly path: string;
  readonly current: Uint8Array;
  readonly original: Uint8Array;
}

/** Check every file of the record against its hashes; returns what to restore or the problems. */
async function verify(
  dir: string,
  record: HistoryRecord,
  force: boolean,
): Promise<{ restores: Restore[]; problems: Diagnostic[] }> {
  const restores: Restore[] = [];
  const problems: Diagnostic[] = [];
  for (const entry of record.files.filter((f) => f.changed)) {
    const path = join(dir, entry.file);
    const current = await readOrUndefined(path);
    if (current === undefined) {
      problems.push(
        migrationsDiagnostic("SY3013", {
          message: `${entry.file} no longer exists; nothing was rolled back`,
          file: entry.file,
          hint: "Restore the file, or copy its backup back by hand.",
        }),
      );
      continue;
    }
    if (sha256(current) !== entry.after && !force) {
      problems.push(
        migrationsDiagnostic("SY3013", {
          message: `${entry.file} changed after migration ${record.id} (its hash no longer matches); nothing was rolled back`,
          file: entry.file,
          hint: "Keep the edits (and migrate by hand), or roll back anyway with `--force`: the current files are backed up first.",
        }),
      );
    }
    const backupPath = entry.backup === undefined ? undefined : resolve(dir, entry.backup);
    const original = backupPath === undefined ? undefined : await readOrUndefined(backupPath);
    if (original === undefined || sha256(original) !== entry.before) {
      problems.push(
        migrationsDiagnostic("SY3014", {
          message:
            original === undefined
              ? `The backup of ${entry.file} from before migration ${record.id} is missing${entry.backup !== undefined ? ` (${entry.backup})` : ""}; nothing was rolled back`
              : `The backup ${entry.backup} does not match the hash of ${entry.file} before migration ${record.id}; nothing was rolled back`,
          file: entry.file,
          hint: "Restore the file from another backup, or migrate down with `switchyard migrate --to <version>`.",
        }),
      );
      continue;
    }
    restores.push({ entry, path, current, original });
  }
  return { restores, problems };
}

/**
 * Restore the config set to its state before the last migration that has not been rolled back
 * yet, verified by hash: each file must still have the hash recorded after that migration (unless
 * `force`), and each backup must have the hash recorded before it. Under the set's lock, the
 * current files are backed up, the originals written back atomically (all or nothing), the result
 * re-checked against the recorded hashes, and a `rollback` record appended to the history.
 */
export async function rollbackLastMigration(
  dir: string,
  options: RollbackOptions = {},
): Promise<RollbackResult> {
  const absolute = resolve(dir);
  const now = options.now ?? (() => new Date());
  const locked = await withConfigSetLock(absolute, options, async (): Promise<RollbackResult> => {
    // A migration or rollback a crash interrupted is finished first (and reported).
    const recovery = await recoverSet(absolute, options.cwd ?? process.cwd());
    const history = await readHistory(absolute);
    const undone = lastMigration(history.records);
    const failed = (diagnostics: Diagnostic[]): RollbackResult => ({
      ok: false,
      status: "failed",
      dir: absolute,
      ...(undone ? { undone } : {}),
      files: [],
      diagnostics: [...recovery, ...history.diagnostics, ...diagnostics],
    });
    if (recovery.some((d) => d.severity === "error")) return failed([]);
    if (!undone) {
      return failed([
        migrationsDiagnostic("SY3012", {
          message: "There is no migration to roll back",
          hint: "`switchyard migrate history` lists what was recorded.",
        }),
      ]);
    }
    const { restores, problems } = await verify(absolute, undone, options.force ?? false);
    if (problems.length > 0) return failed(problems);

    const backups = new Map<string, string>();
    for (const restore of restores) {
      const backup = await backupFile(restore.path, { now });
      if (backup !== undefined) backups.set(restore.entry.file, backup);
    }
    const time = now();
    const record: HistoryRecord = {
      id: newRecordId(time),
      action: "rollback",
      time: time.toISOString(),
      user: options.user ?? currentUser(),
      host: hostname(),
      from: undone.to,
      to: undone.from,
      rolls_back: undone.id,
      files: restores.map((r) => {
        const backup = backups.get(r.entry.file);
        return {
          file: r.entry.file,
          from: r.entry.to,
          to: r.entry.from,
          before: sha256(r.current),
          after: r.entry.before,
          changed: true,
          ...(backup !== undefined ? { backup: relative(absolute, backup) } : {}),
        };
      }),
    };
    try {
      // The restored files and the rollback record, as one change (all or nothing across a crash).
      await writeFileSet(
        absolute,
        [
          ...restores.map((r) => ({
            path: r.path,
            content: r.original,
            ...(backups.has(r.entry.file) ? { backup: backups.get(r.entry.file)! } : {}),
          })),
          await historyWithRecord(absolute, record),
        ],
        { operation: "migrate rollback", beforeRename: (path) => options.beforeWrite?.(path) },
      );
      for (const restore of restores) {
        const readBack = await readBoundedFile(restore.path);
        if (!readBack.ok)
          throw new Error(`${restore.entry.file} cannot be read back: ${readBack.failure.reason}`);
        const written = readBack.bytes;
        if (sha256(written) !== restore.entry.before)
          throw new Error(`${restore.entry.file} does not read back with the recorded hash`);
      }
    } catch (error) {
      const failures = await unrestored(restores.map((r) => ({ path: r.path, bytes: r.current })));
      return failed([
        {
          code: failures.length === 0 ? "SY3008" : "SY3009",
          severity: "error",
          message: `Rollback failed (${error instanceof Error ? error.message : String(error)}); ${failures.length === 0 ? "every file was left as it was" : `could not put back ${failures.map((f) => f.path).join(", ")}`}`,
          hint: "Fix the cause and roll back again.",
        },
      ]);
    }
    return {
      ok: true,
      status: "rolled-back",
      dir: absolute,
      undone,
      record,
      files: restores.map((r) => ({
        fileName: r.entry.file,
        filePath: r.path,
        from: r.entry.to,
        to: r.entry.from,
        hash: r.entry.before,
      })),
      diagnostics: [...recovery, ...history.diagnostics],
    };
  });
  if (locked.ok) return locked.value;
  return { ok: false, status: "failed", dir: absolute, files: [], diagnostics: [locked.diagnostic] };
}
