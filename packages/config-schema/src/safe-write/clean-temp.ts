import { readdir, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseBackupName } from "../backups/backup-name.js";
import { isProcessAlive } from "./process-alive.js";
import { parseTempFileName } from "./temp-name.js";

/** Whether a temp file of `tempBase` belongs to `baseName`: the file itself or one of its backups. */
function belongsTo(tempBase: string, baseName: string): boolean {
  return tempBase === baseName || parseBackupName(tempBase)?.baseName === baseName;
}

/**
 * Remove temp files left in `dir` by writers that died mid-write (`.<base>.tmp-<pid>-…`
 * whose pid is no longer running on this machine). Temp files of live processes are left
 * alone: they may be writes in progress. With `baseName`, only that file's leftovers are
 * considered: its own temps and those of its backups (`.<base>.backup-<stamp>.tmp-<pid>-…`,
 * left by a writer killed while backing the file up).
 *
 * @returns the removed paths, sorted, so the caller can say what it cleaned up.
 */
export async function cleanStaleTempFiles(dir: string, baseName?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const parsed = parseTempFileName(name);
    if (!parsed) continue;
    if (baseName !== undefined && !belongsTo(parsed.baseName, baseName)) continue;
    if (isProcessAlive(parsed.pid)) continue;
    const path = join(resolve(dir), name);
    try {
      await unlink(path);
      removed.push(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return removed.sort();
}
