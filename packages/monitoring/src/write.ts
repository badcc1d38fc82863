import { join, resolve } from "node:path";
import {
  type ConfigSet,
  type Diagnostic,
  displayPath,
  makeDirectory,
  readBoundedFileIfExists,
  unifiedDiff,
  utf8Text,
  type WritePrune,
  writeFileSafely,
} from "@switchyard/config-schema";
import { MONITORING_FINDINGS, type MonitoringCode, monitoringDiagnostic } from "./catalogue.js";
import { generateMonitoring, type MonitoringFile, type MonitoringOptions } from "./generate.js";
import { type MonitoringFileStatus, monitoringFileStatus, monitoringSourcesHash } from "./header.js";
import type { MonitoringInput } from "./targets.js";

/** The output directory `switchyard generate monitoring` writes to when given none: `<config dir>/monitoring`. */
export const DEFAULT_MONITORING_DIR = "monitoring";

/** The input of the monitoring generators, taken from a loaded config set. */
export function monitoringInputOf(set: ConfigSet): MonitoringInput {
  return { ports: set.files.ports?.value, providers: set.files.providers?.value };
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

/**
 * Write every monitoring file under `outDir` through config-schema's safe-write layer (locked,
 * previous content backed up, replaced atomically, old backups pruned; identical content is not rewritten). A file
 * edited by hand or without a Switchyard header is never overwritten without `force`: then nothing
 * is written and the result lists them.
 */
export async function writeMonitoring(
  input: MonitoringInput,
  outDir: string,
  options: WriteMonitoringOptions = {},
): Promise<MonitoringWriteResult> {
  const dir = resolve(outDir);
  const report = await checkMonitoring(input, dir, options);
  const refused = report.files.filter((f) => f.status === "hand-edited" || f.status === "header-missing");
  if (refused.length > 0 && options.force !== true) return { ok: false, outDir: dir, refused };
  const statuses = new Map(report.files.map((f) => [f.path, f.status]));
  const written: MonitoringFileWrite[] = [];
  for (const file of fresh(input, options)) {
    const target = join(dir, file.path);
    await makeDirectory(resolve(target, ".."));
    const result = await writeFileSafely(target, file.content);
    written.push({
      path: file.path,
      previous: statuses.get(file.path) ?? "missing",
      changed: result.changed,
      ...(result.backupPath !== undefined ? { backupPath: result.backupPath } : {}),
      ...(result.pruned !== undefined ? { pruned: result.pruned } : {}),
    });
  }
  return { ok: true, outDir: dir, files: written };
}
