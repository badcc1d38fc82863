import { constants } from "node:fs";
import { access, mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { errnoCode } from "./errno.js";

/** The nearest ancestor of `path` (or `path` itself) that exists. */
async function nearestExisting(path: string): Promise<string> {
  let current = resolve(path);
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

/**
 * `mkdir -p`, with the right error. Node's recursive mkdir reports `ENOENT` when the first directory
 * it must create lies on a read-only file system or in a directory the user cannot write; this
 * reports what stops it (`EROFS`, `EACCES`, `ENOTDIR`) by checking the nearest existing ancestor, and
 * a path that is already a file as "it exists and is not a directory" (its `reason`, which
 * `describeFsError` shows), not Node's "EEXIST: file already exists, mkdir".
 * Returns the first directory it created, as `fs.mkdir` does.
 */
export async function makeDirectory(dir: string): Promise<string | undefined> {
  try {
    return await mkdir(dir, { recursive: true });
  } catch (error) {
    // EEXIST from a recursive mkdir: the path is there, but it is a file (or another non-directory).
    if (errnoCode(error) === "EEXIST")
      throw Object.assign(new Error(`EEXIST: '${dir}' exists and is not a directory`), {
        code: "EEXIST",
        path: dir,
        syscall: "mkdir",
        reason: "it exists and is not a directory",
      });
    if (errnoCode(error) !== "ENOENT") throw error;
    const ancestor = await nearestExisting(dir);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(ancestor);
    } catch {
      throw error;
    }
    if (!info.isDirectory()) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), {
        code: "ENOTDIR",
        path: ancestor,
        syscall: "mkdir",
      });
    }
    try {
      await access(ancestor, constants.W_OK);
    } catch (reason) {
      throw Object.assign(new Error(`${errnoCode(reason)}: cannot create '${dir}' in '${ancestor}'`), {
        code: errnoCode(reason) ?? "EACCES",
        path: ancestor,
        syscall: "mkdir",
      });
    }
    throw error;
  }
}
