// The text-preserving YAML editor lives in config-schema (shared with the flag store); re-exported here.
// Recognising a legacy file is config-schema's (validation does it); re-exported for compatibility.
export type { OlderSchemaFile } from "@switchyard/config-schema/load";
export { recognizeOlderSchemas, withOlderSchemasRecognized } from "@switchyard/config-schema/load";
export type { InsertPosition, ScalarStyle, ScalarValue } from "@switchyard/config-schema/yaml";
export { YamlEditError, YamlEditor } from "@switchyard/config-schema/yaml";
export type { MigrationsCode } from "./catalogue.js";
export { migrationsCatalogue } from "./catalogue.js";
export type {
  ConfigDirOptions,
  ConfigSetMigration,
  MigrateConfigSetOptions,
  SetFileMigration,
} from "./engine/config-set.js";
export { migrateConfigSet, planMigration } from "./engine/config-set.js";
export type { HistoryFileEntry, HistoryReading, HistoryRecord } from "./engine/history-log.js";
export {
  formatHistory,
  HISTORY_FILE,
  historyPath,
  lastMigration,
  readHistory,
  STATE_DIR,
} from "./engine/history-log.js";
export type {
  FileMigration,
  MigrateTextsOptions,
  RemovedValue,
  StepEvent,
  StepSummary,
  TextMigration,
} from "./engine/migrate-texts.js";
export { MIGRATED_KINDS, migrateConfigTexts, resolveTargetVersion } from "./engine/migrate-texts.js";
export type { RollbackOptions, RollbackResult, RolledBackFile } from "./engine/rollback.js";
export { rollbackLastMigration } from "./engine/rollback.js";
export type { SchemaChange, SchemaVersionRecord, VersionedSchemaChange } from "./history/schema-history.js";
export {
  breakingChanges,
  formatSchemaHistory,
  formatSchemaHistoryMarkdown,
  isCompatible,
  isKnownVersion,
  SCHEMA_HISTORY,
} from "./history/schema-history.js";
export type { MigrationPath, MigrationStep } from "./migrations/registry.js";
export { defaultRegistry, findMigrationPath, MIGRATIONS, MigrationRegistry } from "./migrations/registry.js";
export type {
  MigratedKind,
  Migration,
  MigrationContext,
  MigrationNoteInput,
  MigrationTransform,
} from "./migrations/types.js";
export type { VllmConflict, VllmRuleProvider } from "./rules/one-active-vllm.js";
export { vllmConflicts, vllmEndpoint } from "./rules/one-active-vllm.js";
export type { DetectedVersion, VersionMarker } from "./versions/detect.js";
export { detectVersion } from "./versions/detect.js";
export type { LegacyVersion, VersionedKind } from "./versions/legacy-schemas.js";
export { LEGACY_SCHEMAS } from "./versions/legacy-schemas.js";
