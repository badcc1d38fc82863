import { dirname, join, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { displayPath, makeDirectory, readBoundedFile, utf8Text } from "@switchyard/config-schema/fs";
import { AUDIT_BASELINE_FILE, STATE_DIR } from "@switchyard/config-schema/state";
import { type SafeWriteResult, writeFileSafely } from "@switchyard/config-schema/write";
import { AUDIT_PROBLEM_CODES, auditDiagnostic } from "./catalogue.js";
import type { AuditFinding, AuditResult, BaselineEntry } from "./types.js";

/** The format marker of a baseline file. */
export const BASELINE_FORMAT = "switchyard-audit-baseline/1";

/** Where `--write-baseline` writes, and where the audit looks for a baseline, relative to the config directory. */
export const DEFAULT_BASELINE_FILE = join(STATE_DIR, AUDIT_BASELINE_FILE);

/** A baseline: the findings accepted when it was written, keyed by check, file and YAML path. */
export interface Baseline {
  readonly format: typeof BASELINE_FORMAT;
  readonly entries: readonly BaselineEntry[];
}

/** A baseline read from a file. */
export interface LoadedBaseline {
  /** Display path of the file. */
  readonly file: string;
  readonly baseline: Baseline;
}

/** The baseline key of an entry (the same string as {@link AuditFinding.key}). */
export function baselineKey(entry: Pick<BaselineEntry, "id" | "file" | "location">): string {
  return `${entry.id}|${entry.file}|${entry.location}`;
}

/** Split a finding's key back into a baseline entry. */
export function entryOfFinding(finding: AuditFinding): BaselineEntry {
  const [id = finding.id, file = "", ...rest] = finding.key.split("|");
  return { id, file, location: rest.join("|"), message: finding.message };
}

/**
 * The baseline of a result: every finding still open or already in the baseline (suppressed findings
 * are accepted by their suppression and left out), sorted and de-duplicated. It carries no timestamp,
 * so rewriting an unchanged baseline changes nothing.
 */
export function createBaseline(result: AuditResult): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const finding of [...result.findings, ...result.baselined]) {
    const entry = entryOfFinding(finding);
    byKey.set(baselineKey(entry), entry);
  }
  const entries = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  return { format: BASELINE_FORMAT, entries };
}

/** The baseline as the JSON text written to disk (entries sorted by key, so diffs stay small). */
export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

function badBaseline(file: string, message: string): Diagnostic {
  return auditDiagnostic(AUDIT_PROBLEM_CODES.badBaseline, {
    message: `Baseline ${file} ${message}`,
    file,
    hint: "Write a new one with `switchyard audit --write-baseline`, or pass the right path with `--baseline`.",
  });
}

function isEntry(value: unknown): value is BaselineEntry {
  if (value === null || typeof value !== "object") return false;
  const e = value as Record<string, unknown>;
  return typeof e.id === "string" && typeof e.file === "string" && typeof e.location === "string";
}

/** Parse a baseline file's text. Never throws. */
export function parseBaseline(
  text: string,
  file: string,
): { ok: true; baseline: Baseline } | { ok: false; diagnostic: Diagnostic } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, diagnostic: badBaseline(file, `is not valid JSON (${(error as Error).message})`) };
  }
  const record = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  if (!record || record.format !== BASELINE_FORMAT || !Array.isArray(record.entries)) {
    return {
      ok: false,
      diagnostic: badBaseline(
        file,
        `is not a Switchyard audit baseline (expected "format": "${BASELINE_FORMAT}")`,
      ),
    };
  }
  const entries = record.entries.filter(isEntry).map((e) => ({
    id: e.id,
    file: e.file,
    location: e.location,
    ...(typeof e.message === "string" ? { message: e.message } : {}),
  }));
  if (entries.length !== record.entries.length) {
    return {
      ok: false,
      diagnostic: badBaseline(file, "has entries without `id`, `file` and `location` strings"),
    };
  }
  return { ok: true, baseline: { format: BASELINE_FORMAT, entries } };
}

/** Options of {@link readBaseline}. */
export interface ReadBaselineOptions {
  /** Paths are shown relative to this directory (default `process.cwd()`). */
  readonly cwd?: string;
  /** When true, a missing file is not an error: the result is `{ ok: true, loaded: undefined }`. */
  readonly optional?: boolean;
}

/** Read a baseline file. Never throws: a missing (unless optional), unreadable or malformed file is an SY5004 diagnostic. */
export async function readBaseline(
  path: string,
  options: ReadBaselineOptions = {},
): Promise<{ ok: true; loaded: LoadedBaseline | undefined } | { ok: false; diagnostic: Diagnostic }> {
  const absolute = resolve(path);
  const file = displayPath(absolute, options.cwd ?? process.cwd());
  const read = await readBoundedFile(absolute);
  if (!read.ok) {
    const failure = read.failure;
    if (failure.kind === "not-found" && options.optional) return { ok: true, loaded: undefined };
    return {
      ok: false,
      diagnostic: badBaseline(
        file,
        failure.kind === "not-found" ? "does not exist" : `cannot be read (${failure.reason})`,
      ),
    };
  }
  const parsed = parseBaseline(utf8Text(read.bytes), file);
  return parsed.ok ? { ok: true, loaded: { file, baseline: parsed.baseline } } : parsed;
}

/**
 * Write the baseline of a result to `path` (atomically, keeping a backup of the previous baseline,
 * through config-schema's `writeFileSafely`). Returns what was written.
 */
export async function writeBaseline(
  path: string,
  result: AuditResult,
): Promise<{ readonly baseline: Baseline; readonly write: SafeWriteResult }> {
  const baseline = createBaseline(result);
  await makeDirectory(dirname(resolve(path)));
  const write = await writeFileSafely(resolve(path), formatBaseline(baseline));
  return { baseline, write };
}
