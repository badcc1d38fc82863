import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { describeFsError, errnoCode } from "./errno.js";

/** Default size cap of a config file, backup, state file or import source: 16 MiB. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The size cap of another version of a file whose size is known: the file a write replaces (known:
 * the new content), a backup a restore would put in place of the file (known: the file now). Twice
 * the known size, never less than {@link DEFAULT_MAX_BYTES}. The one rule for every read of "the other
 * version": Switchyard reads back what it wrote however large its input made it (200,000 models
 * generate a 41 MB file), while a foreign or runaway file stays bounded by what is at hand.
 */
export function versionMaxBytes(knownBytes: number): number {
  return Math.max(DEFAULT_MAX_BYTES, 2 * knownBytes);
}

/** Options of {@link readBoundedFile}. */
export interface BoundedReadOptions {
  /** Largest file accepted, in bytes (default {@link DEFAULT_MAX_BYTES}); larger ones are never read whole. */
  readonly maxBytes?: number;
  /** Refuse a symbolic link as the last component of the path (`O_NOFOLLOW`), e.g. for backups. */
  readonly noFollow?: boolean;
}

/** What is at a path when it is not a regular file. */
export type FileType =
  | "directory"
  | "FIFO (named pipe)"
  | "socket"
  | "character device"
  | "block device"
  | "symbolic link"
  | "special file";

/** Why a file could not be read. Every case carries `reason`, the words for a message. */
export type BoundedReadFailure =
  | { readonly kind: "not-found"; readonly code: "ENOENT" | "ENOTDIR"; readonly reason: string }
  | { readonly kind: "not-regular-file"; readonly fileType: FileType; readonly reason: string }
  | {
      readonly kind: "too-large";
      readonly size: number | undefined;
      readonly maxBytes: number;
      readonly reason: string;
    }
  | { readonly kind: "permission"; readonly code: string; readonly reason: string }
  | { readonly kind: "io"; readonly code: string; readonly reason: string };

/** A regular file's bytes, with the mode and size it had when read. */
export interface BoundedReadSuccess {
  readonly ok: true;
  /** The bytes (a `Buffer` in Node; typed `Uint8Array` so that the declarations need no `@types/node`). */
  readonly bytes: Uint8Array;
  /** Permission bits (`& 0o7777`). */
  readonly mode: number;
}

/**
 * The UTF-8 text of bytes a bounded read returned (a byte order mark is kept, as `Buffer` does;
 * invalid sequences become U+FFFD). No copy is made.
 */
export function utf8Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

export type BoundedReadResult =
  | BoundedReadSuccess
  | { readonly ok: false; readonly failure: BoundedReadFailure };

const CHUNK = 64 * 1024;

function openFlags(options: BoundedReadOptions): number {
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting forever.
  return constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0);
}

/** The part of a `Stats` that `fileTypeOf` reads (structural: the declarations need no `@types/node`). */
export interface FileKindTests {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSymbolicLink(): boolean;
}

/** What kind of file `info` (from `stat`, `lstat` or `fstat`) describes, in words. */
export function fileTypeOf(info: FileKindTests): FileType {
  if (info.isDirectory()) return "directory";
  if (info.isFIFO()) return "FIFO (named pipe)";
  if (info.isSocket()) return "socket";
  if (info.isCharacterDevice()) return "character device";
  if (info.isBlockDevice()) return "block device";
  if (info.isSymbolicLink()) return "symbolic link";
  return "special file";
}

function notRegular(fileType: FileType): BoundedReadFailure {
  return {
    kind: "not-regular-file",
    fileType,
    reason: fileType === "directory" ? "it is a directory" : `it is a ${fileType}, not a regular file`,
  };
}

function tooLarge(size: number | undefined, maxBytes: number): BoundedReadFailure {
  return {
    kind: "too-large",
    size,
    maxBytes,
    reason:
      size === undefined
        ? `it is larger than the ${maxBytes}-byte limit`
        : `it is ${size} bytes, over the ${maxBytes}-byte limit`,
  };
}

/** An `open`/`read` error as a failure. */
function failureOf(error: unknown, options: BoundedReadOptions): BoundedReadFailure {
  const code = errnoCode(error) ?? "EIO";
  if (code === "ENOENT" || code === "ENOTDIR")
    return {
      kind: "not-found",
      code,
      reason: describeFsError(error),
    };
  if (code === "ELOOP" && options.noFollow) return notRegular("symbolic link");
  if (code === "EISDIR") return notRegular("directory");
  if (code === "EACCES" || code === "EPERM") return { kind: "permission", code, reason: "permission denied" };
  // ENXIO: a socket or a FIFO opened for writing without a reader; it is not a regular file either.
  if (code === "ENXIO") return notRegular("special file");
  return { kind: "io", code, reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Read a config file (or a backup, a state file, an import source) safely: open it non-blocking
 * (`O_NONBLOCK`, plus `O_NOFOLLOW` with `noFollow`), check on the opened descriptor (`fstat`) that
 * it is a regular file, and read at most `maxBytes + 1` bytes, so a FIFO never hangs the caller and
 * `/dev/zero` or a huge file never fills memory. Never throws: a failure says what it is
 * (`not-found`, `not-regular-file`, `too-large`, `permission`, `io`) and carries the words for a
 * message in `reason`.
 */
export async function readBoundedFile(
  path: string,
  options: BoundedReadOptions = {},
): Promise<BoundedReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let handle: FileHandle;
  try {
    handle = await open(path, openFlags(options));
  } catch (error) {
    return { ok: false, failure: failureOf(error, options) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, failure: notRegular(fileTypeOf(info)) };
    if (info.size > maxBytes) return { ok: false, failure: tooLarge(info.size, maxBytes) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size - total, CHUNK), maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      // A file that grew past the cap while being read (or a /proc-like file with size 0).
      if (total > maxBytes) return { ok: false, failure: tooLarge(undefined, maxBytes) };
    }
    return {
      ok: true,
      bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total),
      mode: info.mode & 0o7777,
    };
  } catch (error) {
    return { ok: false, failure: failureOf(error, options) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** {@link readBoundedFile} for synchronous callers: the same checks, the same result. */
export function readBoundedFileSync(path: string, options: BoundedReadOptions = {}): BoundedReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let fd: number;
  try {
    fd = openSync(path, openFlags(options));
  } catch (error) {
    return { ok: false, failure: failureOf(error, options) };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, failure: notRegular(fileTypeOf(info)) };
    if (info.size > maxBytes) return { ok: false, failure: tooLarge(info.size, maxBytes) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size - total, CHUNK), maxBytes + 1 - total));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { ok: false, failure: tooLarge(undefined, maxBytes) };
    }
    return {
      ok: true,
      bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total),
      mode: info.mode & 0o7777,
    };
  } catch (error) {
    return { ok: false, failure: failureOf(error, options) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // The descriptor is gone either way.
    }
  }
}

/** An `Error` for a read failure, for callers that throw: `code` is errno-like, `reason` the words. */
export class BoundedReadError extends Error {
  override readonly name = "BoundedReadError";
  readonly code: string;
  readonly reason: string;
  readonly failure: BoundedReadFailure;

  constructor(path: string, failure: BoundedReadFailure) {
    super(`Cannot read ${path}: ${failure.reason}`);
    this.failure = failure;
    this.reason = failure.reason;
    this.code =
      failure.kind === "not-found" || failure.kind === "permission" || failure.kind === "io"
        ? failure.code
        : failure.kind === "too-large"
          ? "EFBIG"
          : failure.fileType === "directory"
            ? "EISDIR"
            : failure.fileType === "symbolic link"
              ? "ELOOP"
              : "ENOTREG";
  }
}

/**
 * The bytes of a regular file, `undefined` when it does not exist, and a {@link BoundedReadError}
 * thrown for anything else (a FIFO, a directory, too large, unreadable): for state and history files
 * whose absence is normal.
 */
export async function readBoundedFileIfExists(
  path: string,
  options: BoundedReadOptions = {},
): Promise<Uint8Array | undefined> {
  const read = await readBoundedFile(path, options);
  if (read.ok) return read.bytes;
  if (read.failure.kind === "not-found") return undefined;
  throw new BoundedReadError(path, read.failure);
}

/** What {@link compareFileContent} found. */
export type FileContentComparison = "missing" | "same" | "different";

/**
 * Whether the regular file at `path` holds exactly `bytes`, reading it only when its size is
 * `bytes.length` (a file of another size is `different` without a read, however large it is):
 * `missing` when there is none. Anything else that is not a readable regular file (a FIFO, a
 * directory, unreadable) throws a {@link BoundedReadError}, as {@link readBoundedFileIfExists} does.
 * For writers that skip identical content; the file's bytes are never kept.
 */
export async function compareFileContent(
  path: string,
  bytes: Uint8Array,
  options: Pick<BoundedReadOptions, "noFollow"> = {},
): Promise<FileContentComparison> {
  let handle: FileHandle;
  try {
    handle = await open(path, openFlags(options));
  } catch (error) {
    const failure = failureOf(error, options);
    if (failure.kind === "not-found") return "missing";
    throw new BoundedReadError(path, failure);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new BoundedReadError(path, notRegular(fileTypeOf(info)));
    if (info.size !== bytes.length) return "different";
    // One byte more than expected tells a file that grew since the fstat.
    const chunk = Buffer.allocUnsafe(Math.min(bytes.length + 1, CHUNK));
    let offset = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return offset === bytes.length ? "same" : "different";
      if (offset + bytesRead > bytes.length) return "different";
      if (Buffer.compare(chunk.subarray(0, bytesRead), bytes.subarray(offset, offset + bytesRead)) !== 0)
        return "different";
      offset += bytesRead;
    }
  } catch (error) {
    if (error instanceof BoundedReadError) throw error;
    throw new BoundedReadError(path, failureOf(error, options));
  } finally {
    await handle.close().catch(() => undefined);
  }
}
