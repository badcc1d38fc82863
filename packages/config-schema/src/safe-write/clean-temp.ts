import { readdir, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isProcessAlive } from "./process-alive.js";
import { parseTempFileName } from "./temp-name.js";

/**
 * Remove temp files left in `dir` by writers that died mid-write (`.<base>.tmp-<pid>-…`
 * whose pid is no longer running on this machine). Temp files of live processes are left
 * alone: they may be writes in progress. With `baseName`, only that file's leftovers are
 * considered.
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
    if (baseName !== undefined && parsed.baseName !== baseName) continue;
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
