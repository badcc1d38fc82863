import { randomHex } from "../text/hash.js";

/**
 * Temp files live beside their target as `.<base>.tmp-<pid>-<random>`: hidden, in the
 * same directory (so `rename` stays on one filesystem), and naming the writing process
 * so a later run can tell a crashed writer's leftover from a write in progress.
 */
export function tempFileName(baseName: string, pid: number = process.pid): string {
  return `.${baseName}.tmp-${pid}-${randomHex(6)}`;
}

const TEMP_NAME = /^\.(.+)\.tmp-(\d+)-[0-9a-f]+$/;

/** Parse a temp file name made by {@link tempFileName}; `undefined` for other names. */
export function parseTempFileName(name: string): { baseName: string; pid: number } | undefined {
  const m = TEMP_NAME.exec(name);
  if (!m) return undefined;
  return { baseName: m[1]!, pid: Number(m[2]) };
}
