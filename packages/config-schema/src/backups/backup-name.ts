import { formatNaiveStamp, type NaiveTime, naiveTimeFromDate, parseNaiveStamp } from "./naive-time.js";

/** The marker between a file name and its stamp: `providers.yaml.backup-20261126_121500`. */
export const BACKUP_MARKER = ".backup-";

/** What {@link parseBackupName} reads from a backup's file name. */
export interface ParsedBackupName {
  /** The backed-up file's name, e.g. `providers.yaml`. */
  baseName: string;
  /** `YYYYMMDD_HHMMSS` */
  stamp: string;
  /** The stamp's fields, read as a naive local time. */
  time: NaiveTime;
  /** 1 for `…_121500`, 2 for `…_121500-2`, …: later copies within the same second. */
  sequence: number;
}

/**
 * The backup name for a file at a moment: `<fileName>.backup-YYYYMMDD_HHMMSS`.
 * The stamp uses the machine's local time zone (the wall clock the operator reads),
 * and is compared as a naive time: retention never converts it to UTC.
 */
export function backupName(fileName: string, date: Date): string {
  return `${fileName}${BACKUP_MARKER}${formatNaiveStamp(naiveTimeFromDate(date))}`;
}

/** The name of the `sequence`-th backup taken within one second (`-2`, `-3`, … after the first). */
export function backupNameWithSequence(name: string, sequence: number): string {
  return sequence <= 1 ? name : `${name}-${sequence}`;
}

const BACKUP_NAME = /^(.+)\.backup-(\d{8}_\d{6})(?:-([1-9]\d{0,8}))?$/;

/**
 * Parse `providers.yaml.backup-20261126_121500` (optionally with a `-2`, `-3`, …
 * collision suffix); `undefined` for any other name, including impossible dates.
 */
export function parseBackupName(name: string): ParsedBackupName | undefined {
  const m = BACKUP_NAME.exec(name);
  if (!m) return undefined;
  const [, baseName, stamp, sequenceText] = m as unknown as [string, string, string, string | undefined];
  const time = parseNaiveStamp(stamp);
  if (time === undefined) return undefined;
  const sequence = sequenceText === undefined ? 1 : Number(sequenceText);
  if (sequence < 2 && sequenceText !== undefined) return undefined;
  return { baseName, stamp, time, sequence };
}
