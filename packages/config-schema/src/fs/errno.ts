/**
 * Errno codes in words: the one place a file-system error becomes text for people
 * ("read-only file system", not "EROFS").
 */
const WORDS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "a parent path is not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "it is a directory",
  EEXIST: "it already exists",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  ELOOP: "it is a symbolic link (or a loop of them)",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  EBUSY: "the resource is busy",
  ETXTBSY: "the file is busy",
  EIO: "input/output error",
  EXDEV: "it is on another file system",
  ENOTEMPTY: "the directory is not empty",
  EAGAIN: "the resource is temporarily unavailable",
  EFBIG: "the file is too large",
  ENXIO: "no such device or address",
  ENODEV: "no such device",
};

/** The errno code of an error (`"ENOENT"`), or `undefined`. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * A short reason for a file-system error, for messages: `ENOENT` → "no such file or directory",
 * `EROFS` → "read-only file system". An error that carries its own words (`describe`, as the bounded
 * reader's errors do) keeps them; an unknown code falls back to the error's message.
 */
export function describeFsError(error: unknown): string {
  const own = (error as { reason?: unknown } | null | undefined)?.reason;
  if (typeof own === "string") return own;
  const code = errnoCode(error);
  if (code !== undefined && Object.hasOwn(WORDS, code)) return WORDS[code]!;
  return error instanceof Error ? error.message : String(error);
}

/** Whether an error means "you may not write here" (permissions or a read-only mount). */
export function isPermissionError(error: unknown): boolean {
  const code = errnoCode(error);
  return code === "EACCES" || code === "EPERM" || code === "EROFS";
}
