import { join } from "node:path";

/**
 * Where Switchyard keeps its own state inside a config directory: `<configDir>/.switchyard/`. The one
 * home of these names; migrations, the audit, flags and the CLI all use them.
 */
export const STATE_DIR = ".switchyard";

/** The migration history, one JSON record per line, inside {@link STATE_DIR}. */
export const MIGRATION_HISTORY_FILE = "migrations.jsonl";

/** When each flag last changed (`{flag, at}` per line), inside {@link STATE_DIR}. */
export const FLAG_HISTORY_FILE = "flag-history.jsonl";

/** The audit baseline `--write-baseline` writes, inside {@link STATE_DIR}. */
export const AUDIT_BASELINE_FILE = "audit-baseline.json";

/** `<dir>/.switchyard`. */
export function stateDirOf(configDir: string): string {
  return join(configDir, STATE_DIR);
}

/** `<dir>/.switchyard/migrations.jsonl`. */
export function migrationHistoryPath(configDir: string): string {
  return join(configDir, STATE_DIR, MIGRATION_HISTORY_FILE);
}

/** `<dir>/.switchyard/flag-history.jsonl`. */
export function flagHistoryPath(configDir: string): string {
  return join(configDir, STATE_DIR, FLAG_HISTORY_FILE);
}
