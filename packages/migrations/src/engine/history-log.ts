import type { Diagnostic, YamlPath } from "@switchyard/config-schema/diagnostics";
import { readBoundedFileIfExists, utf8Text } from "@switchyard/config-schema/fs";
import { MIGRATION_HISTORY_FILE, migrationHistoryPath, STATE_DIR } from "@switchyard/config-schema/state";
import { migrationsDiagnostic } from "../catalogue.js";

// The state directory and the history file's name have one home: config-schema's state-files.
export { STATE_DIR };
/** The history file's name inside {@link STATE_DIR} (config-schema's `MIGRATION_HISTORY_FILE`). */
export const HISTORY_FILE = MIGRATION_HISTORY_FILE;

/** One file in a history record. */
export interface HistoryFileEntry {
  /** File name inside the config directory. */
  readonly file: string;
  readonly from: string;
  readonly to: string;
  /** SHA-256 of the file before the run. */
  readonly before: string;
  /** SHA-256 of the file after the run. */
  readonly after: string;
  readonly changed: boolean;
  /** The backup taken before the run, relative to the config directory. */
  readonly backup?: string;
}

/** One line of `config/.switchyard/migrations.jsonl`. */
export interface HistoryRecord {
  /** Unique id, e.g. `20261126T121500Z-3f9a1c`. */
  readonly id: string;
  readonly action: "migrate" | "rollback";
  /** ISO 8601 time the run finished writing. */
  readonly time: string;
  readonly user: string;
  readonly host: string;
  /** The set's version before (or `mixed`). */
  readonly from: string;
  readonly to: string;
  readonly files: readonly HistoryFileEntry[];
  /** Values removed by irreversible steps. */
  readonly removed?: readonly { readonly file: string; readonly path: YamlPath; readonly value: unknown }[];
  /** One line per note the run printed. */
  readonly notes?: readonly string[];
  /** For a rollback: the id of the migration it undid. */
  readonly rolls_back?: string;
}

/** The absolute path of a config directory's history file. */
export function historyPath(dir: string): string {
  return migrationHistoryPath(dir);
}

function isRecord(value: unknown): value is HistoryRecord {
  if (value === null || typeof value !== "object") return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.id === "string" &&
    (r.action === "migrate" || r.action === "rollback") &&
    typeof r.time === "string" &&
    typeof r.from === "string" &&
    typeof r.to === "string" &&
    Array.isArray(r.files)
  );
}

/** What {@link readHistory} returns. */
export interface HistoryReading {
  /** Records oldest first. */
  readonly records: readonly HistoryRecord[];
  /** SY3015 warnings for unreadable lines (skipped). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Read a config directory's migration history (`.switchyard/migrations.jsonl`), oldest first.
 * A missing file is an empty history; unreadable lines are skipped with an SY3015 warning.
 */
export async function readHistory(dir: string): Promise<HistoryReading> {
  const path = historyPath(dir);
  // The bounded reader: a FIFO or a device in place of the history is an error, never a hang.
  const bytes = await readBoundedFileIfExists(path);
  if (bytes === undefined) return { records: [], diagnostics: [] };
  const text = utf8Text(bytes);
  const records: HistoryRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isRecord(value)) {
      records.push(value);
      return;
    }
    diagnostics.push(
      migrationsDiagnostic("SY3015", {
        message: `Line ${index + 1} of the migration history is not a history record; it is skipped`,
        file: path,
        range: {
          start: { line: index + 1, column: 1, offset: 0 },
          end: { line: index + 1, column: line.length + 1, offset: 0 },
        },
        hint: "Remove or repair the line.",
      }),
    );
  });
  return { records, diagnostics };
}

/**
 * The history file with `record` appended: the path and the whole new content, to be written in
 * the same change (`writeFileSet`) as the files the record is about, so that a crash never leaves
 * a migrated set without its record or a record without its migration.
 */
export async function historyWithRecord(
  dir: string,
  record: HistoryRecord,
): Promise<{ path: string; content: Uint8Array }> {
  const path = historyPath(dir);
  const previous = (await readBoundedFileIfExists(path)) ?? Buffer.alloc(0);
  const separator = previous.length > 0 && previous[previous.length - 1] !== 0x0a ? "\n" : "";
  return { path, content: Buffer.concat([previous, Buffer.from(`${separator}${JSON.stringify(record)}\n`)]) };
}

/**
 * The newest migration that has not been rolled back (rollback records name the migration they
 * undid), or undefined.
 */
export function lastMigration(records: readonly HistoryRecord[]): HistoryRecord | undefined {
  const undone = new Set(
    records.filter((r) => r.action === "rollback" && r.rolls_back !== undefined).map((r) => r.rolls_back!),
  );
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i]!;
    if (record.action === "migrate" && !undone.has(record.id)) return record;
  }
  return undefined;
}

/**
 * The history as text, newest first (what `switchyard migrate history` prints): one line per run
 * with its time, action, versions, user and host, then one indented line per changed file with
 * its hashes (shortened to 12 digits).
 */
export function formatHistory(records: readonly HistoryRecord[]): string {
  if (records.length === 0) return "No migrations recorded.\n";
  const undone = new Set(records.filter((r) => r.action === "rollback").map((r) => r.rolls_back));
  const lines: string[] = [];
  for (const record of [...records].reverse()) {
    const what = record.action === "rollback" ? `rollback of ${record.rolls_back ?? "?"}` : "migrate";
    const mark = record.action === "migrate" && undone.has(record.id) ? " (rolled back)" : "";
    lines.push(
      `${record.time}  ${record.id}  ${what}  ${record.from} → ${record.to}  by ${record.user}@${record.host}${mark}`,
    );
    for (const file of record.files.filter((f) => f.changed)) {
      lines.push(
        `    ${file.file}  ${file.from} → ${file.to}  ${file.before.slice(0, 12)} → ${file.after.slice(0, 12)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
