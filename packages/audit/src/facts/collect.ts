import { stat } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { displayPath, readBoundedFile, utf8Text } from "@switchyard/config-schema/fs";
import type { ConfigSet, LoadedFile } from "@switchyard/config-schema/load";
import { flagHistoryPath, migrationHistoryPath } from "@switchyard/config-schema/state";
import { listBackups, verifyBackup } from "@switchyard/config-schema/write";
import { filesOfSet } from "../internal/files.js";
import { gitDirOf, trackedPaths } from "./git-index.js";
import type { AuditFacts, BackupFact, FlagHistoryFact, HistoryFact, VcsFact } from "./types.js";

// The state directory and history names have one home, config-schema's state-files (re-exported here).
export { FLAG_HISTORY_FILE, MIGRATION_HISTORY_FILE, STATE_DIR } from "@switchyard/config-schema/state";

/** Options for {@link collectFacts}. */
export interface CollectFactsOptions {
  /**
   * `index` (default): find `.git` by walking up from the config directory, then read the git index
   * to see which config files are tracked (no git process, no network); `walk`: only look for `.git`.
   */
  readonly git?: "index" | "walk";
}

function loadedFiles(set: ConfigSet): LoadedFile[] {
  return filesOfSet(set);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function findGitRoot(dir: string): Promise<string | undefined> {
  let current = dir;
  for (;;) {
    if (await exists(join(current, ".git"))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Version control: `.git` in the directory or a parent, then which config files the git index tracks. */
export async function collectVcs(set: ConfigSet, options: CollectFactsOptions = {}): Promise<VcsFact> {
  const root = await findGitRoot(set.dir);
  if (root === undefined) return { status: "none" };
  const files = filesOfSet(set);
  if (options.git === "walk" || files.length === 0) return { status: "tracked", root, verified: false };
  const gitDir = await gitDirOf(root);
  const inRepository = files.map((f) => relative(root, f.path).split(sep).join("/"));
  const tracked = gitDir !== undefined ? await trackedPaths(gitDir, inRepository) : undefined;
  if (tracked === undefined) return { status: "tracked", root, verified: false };
  const untracked = files.filter((_, i) => !tracked.has(inRepository[i]!)).map((f) => f.file);
  return untracked.length === 0
    ? { status: "tracked", root, verified: true }
    : { status: "untracked-files", root, files: untracked };
}

/** The backups of each loaded file, and whether the newest one could be restored ({@link verifyBackup}). */
export async function collectBackups(set: ConfigSet): Promise<BackupFact[]> {
  return Promise.all(
    loadedFiles(set).map(async (file): Promise<BackupFact> => {
      const backups = await listBackups(file.path).catch(() => []);
      const newest = backups[0];
      if (newest === undefined) return { kind: file.kind, file: file.file, count: 0 };
      // config-schema's one verifier, as `switchyard backup verify`: regular file, parses, validates,
      // and a generated file's header hash matches.
      const verification = await verifyBackup(newest, basename(file.path), newest.name);
      const problem = verification.ok ? undefined : verification.problems.join("; ");
      return {
        kind: file.kind,
        file: file.file,
        count: backups.length,
        newest: newest.name,
        verified: problem === undefined,
        ...(problem !== undefined ? { problem } : {}),
      };
    }),
  );
}

interface JsonLines {
  readonly records: Record<string, unknown>[];
  readonly badLines: number[];
}

function parseJsonLines(text: string): JsonLines {
  const records: Record<string, unknown>[] = [];
  const badLines: number[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === "object" && !Array.isArray(value))
        records.push(value as Record<string, unknown>);
      else badLines.push(index + 1);
    } catch {
      badLines.push(index + 1);
    }
  });
  return { records, badLines };
}

/** A history file's text through the bounded reader; `undefined` when it is missing or cannot be read (a FIFO never hangs the audit). */
async function readText(path: string): Promise<string | undefined> {
  const read = await readBoundedFile(path);
  return read.ok ? utf8Text(read.bytes) : undefined;
}

/** The migration history, `<configDir>/.switchyard/migrations.jsonl`. */
export async function collectMigrationHistory(set: ConfigSet, cwd = process.cwd()): Promise<HistoryFact> {
  const path = migrationHistoryPath(set.dir);
  const file = displayPath(path, cwd);
  const text = await readText(path);
  if (text === undefined) return { status: "missing", file };
  const { records, badLines } = parseJsonLines(text);
  return { status: "present", file, entries: records.length, badLines };
}

function dateField(record: Record<string, unknown>): Date | undefined {
  for (const key of ["at", "timestamp", "time", "changed_at"]) {
    const value = record[key];
    if (typeof value !== "string" && typeof value !== "number") continue;
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return undefined;
}

/** When each flag last changed, from `<configDir>/.switchyard/flag-history.jsonl` (lines `{flag, at}`). */
export async function collectFlagHistory(set: ConfigSet, cwd = process.cwd()): Promise<FlagHistoryFact> {
  const path = flagHistoryPath(set.dir);
  const file = displayPath(path, cwd);
  const text = await readText(path);
  if (text === undefined) return { status: "missing", file };
  const lastChange = new Map<string, Date>();
  for (const record of parseJsonLines(text).records) {
    const flag =
      typeof record.flag === "string"
        ? record.flag
        : typeof record.name === "string"
          ? record.name
          : undefined;
    const at = dateField(record);
    if (flag === undefined || at === undefined) continue;
    const previous = lastChange.get(flag);
    if (previous === undefined || previous < at) lastChange.set(flag, at);
  }
  return { status: "present", file, lastChange };
}

/** Gather every fact the checks need from outside the config files. Never throws. */
export async function collectFacts(
  set: ConfigSet,
  options: CollectFactsOptions & { readonly cwd?: string } = {},
): Promise<AuditFacts> {
  const [vcs, backups, migrationHistory, flagHistory] = await Promise.all([
    collectVcs(set, options),
    collectBackups(set),
    collectMigrationHistory(set, options.cwd),
    collectFlagHistory(set, options.cwd),
  ]);
  return { vcs, backups, migrationHistory, flagHistory };
}
