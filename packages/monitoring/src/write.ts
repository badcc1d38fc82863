import { dirname, join, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { displayPath, makeDirectory, readBoundedFileIfExists, utf8Text } from "@switchyard/config-schema/fs";
import type { ConfigSet } from "@switchyard/config-schema/load";
import { STATE_DIR } from "@switchyard/config-schema/state";
import { unifiedDiff } from "@switchyard/config-schema/text";
import {
  backupFile,
  type FileSetChange,
  type RecoveryReport,
  recoverFileSets,
  type WritePrune,
  withFileLock,
  writeFileSet,
} from "@switchyard/config-schema/write";
import { MONITORING_FINDINGS, type MonitoringCode, monitoringDiagnostic } from "./catalogue.js";
import { generateMonitoring, type MonitoringFile, type MonitoringOptions } from "./generate.js";
import { type MonitoringFileStatus, monitoringFileStatus, monitoringSourcesHash } from "./header.js";
import type { MonitoringInput } from "./targets.js";

/** The output directory `switchyard generate monitoring` writes to when given none: `<config dir>/monitoring`. */
export const DEFAULT_MONITORING_DIR = "monitoring";

/** The input of the monitoring generators, taken from a loaded config set. */
export function monitoringInputOf(set: ConfigSet): MonitoringInput {
  return {
    ports: set.files.ports?.value,
    providers: set.files.providers?.value,
    mappings: set.files["model-mappings"]?.value,
  };
}

/** One file compared with a fresh generation. */
export interface MonitoringFileCheck {
  /** Relative to the output directory, with `/`. */
  readonly path: string;
  readonly status: MonitoringFileStatus;
  /** The catalogued code of a file that is not current (SY4401–SY4405; `switchyard explain` says more). */
  readonly code?: MonitoringCode;
  /** The unified diff from the file on disk to the fresh generation ("" when current). */
  readonly diff: string;
}

/** What {@link checkMonitoring} found. */
export interface MonitoringCheckReport {
  /** True when every file is exactly what generating now gives. */
  readonly current: boolean;
  readonly files: readonly MonitoringFileCheck[];
  /** One finding per file that is not current, located at the file, with its code and hint. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of {@link checkMonitoring}. */
export interface CheckMonitoringOptions extends MonitoringOptions {
  /** The directory the diagnostics' paths are shown relative to (default `process.cwd()`). */
  readonly cwd?: string;
}

async function readText(path: string): Promise<string | undefined> {
  const bytes = await readBoundedFileIfExists(path);
  return bytes === undefined ? undefined : utf8Text(bytes);
}

function fresh(input: MonitoringInput, options: MonitoringOptions): MonitoringFile[] {
  return generateMonitoring(input, options);
}

/**
 * Compare every file under `outDir` with a fresh generation: `current`, `missing`, `header-missing`,
 * `hand-edited`, `sources-changed` or `generator-changed`, with the diff. Writes nothing. Throws
 * config-schema's `BoundedReadError` for a file that cannot be read (not a regular file, too large…).
 */
export async function checkMonitoring(
  input: MonitoringInput,
  outDir: string,
  options: CheckMonitoringOptions = {},
): Promise<MonitoringCheckReport> {
  const sources = monitoringSourcesHash(input);
  const cwd = options.cwd ?? process.cwd();
  const files: MonitoringFileCheck[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of fresh(input, options)) {
    const existing = await readText(join(outDir, file.path));
    const status = monitoringFileStatus(file.path, file.content, existing, sources);
    if (status === "current") {
      files.push({ path: file.path, status, diff: "" });
      continue;
    }
    const finding = MONITORING_FINDINGS[status];
    const diff = unifiedDiff(existing ?? "", file.content, {
      oldLabel: `a/${file.path}`,
      newLabel: `b/${file.path}`,
    }).text;
    files.push({ path: file.path, status, code: finding.code, diff });
    diagnostics.push(
      monitoringDiagnostic(finding.code, {
        message: `${file.path}: ${finding.message}`,
        file: displayPath(resolve(outDir, file.path), cwd),
        hint: finding.hint,
      }),
    );
  }
  return { current: diagnostics.length === 0, files, diagnostics };
}

/** Options of {@link writeMonitoring}. */
export interface WriteMonitoringOptions extends MonitoringOptions {
  /** Overwrite files edited by hand or without a Switchyard header (a backup is kept). */
  readonly force?: boolean;
  /** How long to wait for another `generate monitoring` writing the same directory, in ms. Default 10 000. */
  readonly lockTimeoutMs?: number;
  /**
   * Called before each file is moved into place, after the change is committed (config-schema's
   * `writeFileSet`): an observer, and how the kill tests stop a write between two files.
   */
  readonly beforeRename?: (path: string) => void | Promise<void>;
}

/** One file {@link writeMonitoring} handled. */
export interface MonitoringFileWrite {
  readonly path: string;
  /** What the file was before. */
  readonly previous: MonitoringFileStatus;
  /** False when it was already current (then nothing was written). */
  readonly changed: boolean;
  /** The backup of the previous content, when one was made. */
  readonly backupPath?: string;
  /** The old backups pruned after the write (the default retention), when any were removed or pruning failed. */
  readonly pruned?: WritePrune;
}

/** What {@link writeMonitoring} did: `refused` lists the hand-edited files it left alone (nothing written then). */
export type MonitoringWriteResult =
  | { readonly ok: true; readonly outDir: string; readonly files: readonly MonitoringFileWrite[] }
  | { readonly ok: false; readonly outDir: string; readonly refused: readonly MonitoringFileCheck[] };

/** The operation name a monitoring change carries in its journal (and in a later recovery's message). */
export const MONITORING_OPERATION = "generate monitoring";

/** The lock a monitoring write holds: `<outDir>/.switchyard/generate-monitoring`. */
function lockPath(dir: string): string {
  return join(dir, STATE_DIR, "generate-monitoring");
}

/**
 * Finish a monitoring write that a kill interrupted in `outDir` (config-schema's `recoverFileSets`:
 * a committed set is completed, the staged files of one that was not are removed, here and in the
 * subdirectories the generated files live in). What `generate monitoring` runs first, and says.
 */
export function recoverMonitoring(
  input: MonitoringInput,
  outDir: string,
  options: MonitoringOptions = {},
): Promise<RecoveryReport> {
  const subdirectories = [...new Set(fresh(input, options).map((f) => dirname(f.path)))];
  return recoverFileSets(resolve(outDir), { subdirectories });
}

/**
 * Write every monitoring file under `outDir` as one change, all or nothing (config-schema's
 * journaled `writeFileSet`: every file staged, the journal committed, then each moved into place;
 * a kill between two files is completed by the next {@link recoverMonitoring}). Each replaced file
 * is backed up first; identical files are not rewritten; the directory's monitoring lock keeps a
 * second writer out. A file edited by hand or without a Switchyard header is never overwritten
 * without `force`: then nothing is written and the result lists them.
 */
export async function writeMonitoring(
  input: MonitoringInput,
  outDir: string,
  options: WriteMonitoringOptions = {},
): Promise<MonitoringWriteResult> {
  const dir = resolve(outDir);
  await makeDirectory(join(dir, STATE_DIR));
  return withFileLock(lockPath(dir), () => writeLocked(input, dir, options), {
    timeoutMs: options.lockTimeoutMs ?? 10_000,
  });
}

async function writeLocked(
  input: MonitoringInput,
  dir: string,
  options: WriteMonitoringOptions,
): Promise<MonitoringWriteResult> {
  const report = await checkMonitoring(input, dir, options);
  const refused = report.files.filter((f) => f.status === "hand-edited" || f.status === "header-missing");
  if (refused.length > 0 && options.force !== true) return { ok: false, outDir: dir, refused };
  const statuses = new Map(report.files.map((f) => [f.path, f.status]));
  const changes: FileSetChange[] = [];
  const backups = new Map<string, string>();
  for (const file of fresh(input, options)) {
    const target = join(dir, file.path);
    const status = statuses.get(file.path) ?? "missing";
    await makeDirectory(dirname(target));
    // The previous content of a file about to change is kept beside it (and named in the journal).
    const backup = status === "current" || status === "missing" ? undefined : await backupFile(target);
    if (backup !== undefined) backups.set(file.path, backup);
    changes.push({ path: target, content: file.content, ...(backup !== undefined ? { backup } : {}) });
  }
  const written = await writeFileSet(dir, changes, {
    operation: MONITORING_OPERATION,
    ...(options.beforeRename !== undefined ? { beforeRename: options.beforeRename } : {}),
  });
  const changed = new Map(written.map((f) => [f.path, f.changed]));
  const pruned = new Map(
    written.flatMap((f) => (f.pruned === undefined ? [] : [[f.path, f.pruned] as const])),
  );
  const files = fresh(input, options).map((file): MonitoringFileWrite => {
    const backupPath = backups.get(file.path);
    return {
      path: file.path,
      previous: statuses.get(file.path) ?? "missing",
      changed: changed.get(join(dir, file.path)) ?? false,
      ...(backupPath !== undefined ? { backupPath } : {}),
      ...(pruned.get(join(dir, file.path)) !== undefined
        ? { pruned: pruned.get(join(dir, file.path))! }
        : {}),
    };
  });
  return { ok: true, outDir: dir, files };
}
