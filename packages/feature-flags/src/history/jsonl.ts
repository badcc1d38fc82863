import { constants } from "node:fs";
import { type FileHandle, lstat, open } from "node:fs/promises";
import { dirname } from "node:path";
import { errnoCode, makeDirectory } from "@switchyard/config-schema/fs";
import { type FlagChangeRecord, type HistoryQuery, historyLimit, isChangeRecord } from "./types.js";

const CHUNK = 64 * 1024;

/**
 * Open a JSON-lines history for appending (see {@link writeHistoryRecord}), creating it 0600 and
 * its directory if needed; never through a symlink (`O_NOFOLLOW`, and a symlinked state directory
 * is refused). A store opens it before changing anything, so a history that cannot be written
 * refuses the change instead of losing its record.
 */
export async function openHistoryForAppend(path: string): Promise<FileHandle> {
  const dir = dirname(path);
  await makeDirectory(dir);
  const info = await lstat(dir);
  if (!info.isDirectory()) {
    throw Object.assign(new Error(`${dir} is not a directory (a symlink is not followed)`), {
      code: "ENOTDIR",
    });
  }
  return open(
    path,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
    0o600,
  );
}

/**
 * Append one record and fsync. One `write` of one whole line on a file opened with `O_APPEND`:
 * concurrent appenders never interleave inside a line, and a crash leaves at worst a torn last
 * line, which readers skip.
 */
export async function writeHistoryRecord(handle: FileHandle, record: FlagChangeRecord): Promise<void> {
  await handle.write(`${JSON.stringify(record)}\n`);
  await handle.sync();
}

/**
 * The newest records of a JSON-lines history that match `query`, newest first, reading the file
 * backwards in 64 KiB chunks so a long history costs only what is returned. Lines that are not
 * records (a torn last line after a crash, other tools' lines) are skipped. A missing file is an
 * empty history; a symlink or a non-regular file is an error.
 */
export async function readHistoryRecords(path: string, query?: HistoryQuery): Promise<FlagChangeRecord[]> {
  const limit = historyLimit(query);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return [];
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    const out: FlagChangeRecord[] = [];
    let position = info.size;
    let carry = Buffer.alloc(0);
    while (position > 0 && out.length < limit) {
      const size = Math.min(CHUNK, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      await handle.read(chunk, 0, size, position);
      const buffer = Buffer.concat([chunk, carry]);
      // Every complete line after the first newline of this buffer; the part before it may
      // continue in the previous chunk (unless we are at the file's start).
      let end = buffer.length;
      for (let i = buffer.length - 1; i >= -1 && out.length < limit; i--) {
        if (i >= 0 && buffer[i] !== 0x0a) continue;
        if (i < 0 && position > 0) break;
        const line = buffer
          .subarray(i + 1, end)
          .toString("utf8")
          .trim();
        end = i;
        if (line === "") continue;
        const record = parse(line);
        if (record !== undefined && (query?.flag === undefined || record.flag === query.flag))
          out.push(record);
      }
      carry = Buffer.from(buffer.subarray(0, Math.max(0, end)));
    }
    return out;
  } finally {
    await handle.close();
  }
}

function parse(line: string): FlagChangeRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isChangeRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
