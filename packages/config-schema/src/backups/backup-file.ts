import { lstat, readdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  BoundedReadError,
  compareFileContent,
  type FileType,
  fileTypeOf,
  readBoundedFile,
  versionMaxBytes,
} from "../fs/read-file.js";
import { writeFileExclusive } from "../safe-write/atomic-write.js";
import { backupName, backupNameWithSequence, parseBackupName } from "./backup-name.js";
import { compareNaiveTime, type NaiveTime } from "./naive-time.js";

/** One backup of a file, as {@link listBackups} finds it. */
export interface BackupInfo {
  /** Absolute path of the backup. */
  path: string;
  /** Its file name, e.g. `providers.yaml.backup-20261126_121500`. */
  name: string;
  /** `YYYYMMDD_HHMMSS` */
  stamp: string;
  /** The stamp's fields (naive local time). */
  time: NaiveTime;
  /** Size in bytes. */
  size: number;
}

/** Options of {@link backupFile}. */
export interface BackupFileOptions {
  /** The clock for the stamp; default `() => new Date()`. */
  now?: () => Date;
  /**
   * Largest file copied, in bytes (default `DEFAULT_MAX_BYTES`); a writer backing up the file it
   * replaces passes `versionMaxBytes(new content's size)`, so the copy of a large generated file is made.
   */
  maxBytes?: number;
}

/** Highest collision suffix tried before giving up (a clock stuck on one second). */
const MAX_SEQUENCE = 10_000;

/**
 * Copy a file to `<path>.backup-YYYYMMDD_HHMMSS` (the machine's local time) in the same
 * directory, atomically and keeping its mode. If a backup of that second already exists
 * with the same content it is reused; with different content the copy is named `-2`,
 * `-3`, …. Existing backups are never overwritten.
 *
 * @returns the backup's absolute path, or `undefined` when the file does not exist.
 */
export async function backupFile(path: string, options: BackupFileOptions = {}): Promise<string | undefined> {
  const source = resolve(path);
  // The bounded reader: the mode comes from the same descriptor the bytes do.
  const read = await readBoundedFile(
    source,
    options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes },
  );
  if (!read.ok) {
    if (read.failure.kind === "not-found") return undefined;
    throw new BoundedReadError(source, read.failure);
  }
  const { bytes: content, mode } = read;
  const first = join(dirname(source), backupName(basename(source), (options.now ?? (() => new Date()))()));
  for (let sequence = 1; sequence <= MAX_SEQUENCE; sequence++) {
    const candidate = backupNameWithSequence(first, sequence);
    if (await writeFileExclusive(candidate, content, { mode })) return candidate;
    const existing = await compareFileContent(candidate, content, { noFollow: true }).catch(() => undefined);
    if (existing === "same") return candidate;
  }
  throw new Error(`too many backups of ${source} within one second`);
}

/**
 * The size cap of a backup of `path` when it is read to be verified or restored: the one rule for
 * another version of a file (`versionMaxBytes`) with the file as it is now as the known version —
 * twice its size, never less than `DEFAULT_MAX_BYTES` (the file missing counts as empty). The backups
 * generate made of a 41 MB generated file are read; a runaway file named like a backup is not.
 */
export async function backupMaxBytes(path: string): Promise<number> {
  const info = await stat(resolve(path)).catch(() => undefined);
  return versionMaxBytes(info?.isFile() === true ? info.size : 0);
}

/**
 * The size cap of `path` itself when a backup of it is made on request (`switchyard backup create`),
 * with no new content to size it by: the same rule with the newest backup as the known version —
 * twice its size, never less than `DEFAULT_MAX_BYTES` (no backup yet counts as empty). A generated
 * file of 41 MB, which generate backs up at each rewrite, is copied; a runaway file is not read.
 */
export async function copyMaxBytes(path: string): Promise<number> {
  const newest = (await listBackups(path).catch(() => []))[0];
  return versionMaxBytes(newest?.size ?? 0);
}

/**
 * Something named like a backup of a file that is not a regular file of its directory (a symbolic
 * link, a directory, a FIFO, …). It is listed so the user sees it, and never read, restored or pruned.
 */
export interface ForeignBackup {
  /** Absolute path of the entry. */
  path: string;
  /** Its file name, e.g. `litellm-unified.yaml.backup-20300101_000000`. */
  name: string;
  /** What it is instead of a regular file. */
  fileType: FileType;
}

/** The backups of a file and the foreign entries named like them, as {@link listBackupEntries} finds them. */
export interface BackupEntries {
  /** Regular files, newest first (later `-N` copies first within one second). */
  backups: BackupInfo[];
  /** Entries named like backups that are not regular files, by name. */
  foreign: ForeignBackup[];
}

/**
 * The backups of `path` in its directory, and the foreign entries named like them. Each entry is
 * examined with `lstat`: a symbolic link is foreign even when it points at a regular file (a link
 * would lead out of the config directory, e.g. to `/etc/shadow`).
 */
export async function listBackupEntries(path: string): Promise<BackupEntries> {
  const source = resolve(path);
  const dir = dirname(source);
  const base = basename(source);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { backups: [], foreign: [] };
    throw error;
  }
  const found: { info: BackupInfo; sequence: number }[] = [];
  const foreign: ForeignBackup[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed || parsed.baseName !== base) continue;
    const backupPath = join(dir, name);
    const stats = await lstat(backupPath).catch(() => undefined);
    if (stats === undefined) continue;
    if (!stats.isFile()) {
      foreign.push({ path: backupPath, name, fileType: fileTypeOf(stats) });
      continue;
    }
    found.push({
      info: { path: backupPath, name, stamp: parsed.stamp, time: parsed.time, size: stats.size },
      sequence: parsed.sequence,
    });
  }
  found.sort((a, b) => compareNaiveTime(b.info.time, a.info.time) || b.sequence - a.sequence);
  foreign.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { backups: found.map((f) => f.info), foreign };
}

/**
 * The backups of `path` in its directory, newest first (later `-N` copies first within one second):
 * regular files only; see {@link listBackupEntries} for the foreign entries.
 */
export async function listBackups(path: string): Promise<BackupInfo[]> {
  return (await listBackupEntries(path)).backups;
}
