import { constants } from "node:fs";
import { type FileHandle, link, open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { findSecretSpans } from "../secrets/detect.js";
import { tempFileName } from "./temp-name.js";

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /**
   * Permission bits of the written file. Default: the replaced file's mode (and, when
   * running as root, its owner); for a new file 0o600 when its content holds a secret
   * (config-schema's `findSecretSpans`) or `private` is set, else 0o666 minus the umask.
   */
  mode?: number;
  /** A new file is created 0o600 whatever its content (it may hold a secret the detector cannot see). */
  private?: boolean;
  /**
   * Whether the content may hold a secret, when the caller already knows (it scanned the part it
   * changed of a text it had scanned): then the content is not scanned again here. Default:
   * scanned with `findSecretSpans` when the answer matters (a new file, or a replaced one readable
   * by others).
   */
  holdsSecret?: boolean;
  /**
   * Called when the replaced file was readable or writable by others (e.g. 0644) and the new
   * content holds a secret (or `private` is set): the new file keeps the owner's bits only (0600),
   * since a file that may hold a secret is 0600. Say so to the user (the mode changed under them).
   */
  onModeTightened?: (change: ModeTightening) => void;
  /**
   * Called when the new content is written and synced, just before it replaces the target: the
   * last moment to check that the target is still what the new content was made from (a writer
   * that takes no lock, such as a person's editor, may have saved meanwhile). When it throws,
   * nothing is replaced, the temp file is removed, and the error is thrown.
   */
  beforeReplace?: () => Promise<void> | void;
}

/** A rewrite that dropped the group and other permission bits of the file it replaced. */
export interface ModeTightening {
  /** The replaced file's permission bits. */
  readonly from: number;
  /** The written file's. */
  readonly to: number;
}

/** Whether content to be written holds a secret (then a new file is created 0600). */
function holdsSecret(content: string | Uint8Array, options: AtomicWriteOptions): boolean {
  if (options.holdsSecret !== undefined) return options.holdsSecret;
  const text = typeof content === "string" ? content : Buffer.from(content).toString("utf8");
  return findSecretSpans(text).length > 0;
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? "");
}

/** Resolve symlinks so a linked config is updated in place rather than replaced by a file. */
export async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return resolve(path);
    throw error;
  }
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return undefined;
    throw error;
  }
}

/** fsync a directory so a rename or link in it survives a power cut. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    // Some platforms and filesystems cannot open or fsync a directory; the data is still written.
    if (!isErrno(error, "EISDIR", "EINVAL", "EPERM", "EACCES", "EBADF", "ENOTSUP")) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Write `content` to a fresh temp file beside `target` (exclusive create, fsync, mode and
 * owner copied from the file it replaces) and return the temp path. The caller moves it
 * into place; on failure the temp file is removed. `name` is the temp file's name (default
 * `.<base>.tmp-<pid>-<random>`).
 */
export async function writeTempFile(
  target: string,
  content: string | Uint8Array,
  modeOrOptions: number | AtomicWriteOptions | undefined,
  name: string = tempFileName(basename(target)),
): Promise<string> {
  const options: AtomicWriteOptions =
    typeof modeOrOptions === "number" ? { mode: modeOrOptions } : (modeOrOptions ?? {});
  const previous = await statOrUndefined(target);
  const tempPath = join(dirname(target), name);
  // Created 0600 and widened only after: the content is never readable by others in between.
  const handle = await open(tempPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  try {
    await handle.writeFile(content);
    let mode: number;
    if (options.mode !== undefined) mode = options.mode;
    else if (previous === undefined)
      mode = options.private === true || holdsSecret(content, options) ? 0o600 : 0o666 & ~process.umask();
    else {
      // A rewrite keeps the replaced file's mode, except that a secret is never left readable by
      // others: 0644 becomes 0600 (setuid/sticky bits and the owner's bits are kept).
      const kept = previous.mode & 0o7777;
      mode =
        kept & 0o077 && (options.private === true || holdsSecret(content, options)) ? kept & ~0o077 : kept;
      if (mode !== kept) options.onModeTightened?.({ from: kept, to: mode });
    }
    await handle.chmod(mode);
    if (previous && process.getuid?.() === 0) {
      await handle.chown(previous.uid, previous.gid);
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return tempPath;
}

/**
 * Replace a file atomically: a reader (or a crash) sees either the old content or the
 * new, never a mix. Temp file in the target's directory (exclusive create, named
 * `.<base>.tmp-<pid>-<random>`), write, fsync, copy mode (and owner when root) from the
 * old file, rename over the target, fsync the directory. No lock and no backup: see
 * `writeFileSafely` for those. A symlinked target is followed and its destination replaced.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const target = await resolveTarget(path);
  const tempPath = await writeTempFile(target, content, options);
  try {
    await options.beforeReplace?.();
    await rename(tempPath, target);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dirname(target));
}

/**
 * Like {@link writeFileAtomic}, but never replaces an existing file: the complete temp
 * file is hard-linked to `path`, which fails with `EEXIST` if the name is taken. Used
 * for backups, whose names must not clobber one another.
 *
 * @returns false when `path` already exists (nothing written).
 */
export async function writeFileExclusive(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<boolean> {
  const target = resolve(path);
  const tempPath = await writeTempFile(target, content, options);
  try {
    await link(tempPath, target);
  } catch (error) {
    if (isErrno(error, "EEXIST")) return false;
    if (!isErrno(error, "EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS")) throw error;
    // Filesystems without hard links: check, then rename (a tiny window, but never a torn file).
    if (await statOrUndefined(target)) return false;
    await rename(tempPath, target);
  } finally {
    await unlink(tempPath).catch(() => undefined);
  }
  await fsyncDirectory(dirname(target));
  return true;
}
