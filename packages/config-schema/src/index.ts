export type { BackupEntries, BackupFileOptions, BackupInfo, ForeignBackup } from "./backups/backup-file.js";
export { backupFile, listBackupEntries, listBackups } from "./backups/backup-file.js";
export type { ParsedBackupName } from "./backups/backup-name.js";
export { backupName, parseBackupName } from "./backups/backup-name.js";
export type { IsoWeek, NaiveTime } from "./backups/naive-time.js";
export {
  compareNaiveTime,
  formatNaiveStamp,
  isoWeek,
  naiveTimeFromDate,
  parseNaiveStamp,
} from "./backups/naive-time.js";
export type { PruneOptions, PruneResult, WritePrune } from "./backups/prune.js";
export { pruneAfterWrite, pruneBackups } from "./backups/prune.js";
export type { RetentionDecision, RetentionPolicy, RetentionRule } from "./backups/retention.js";
export {
  applyRetention,
  DEFAULT_RETENTION,
  describeRetention,
  RETENTION_RULES,
} from "./backups/retention.js";
export type { BackupVerification } from "./backups/verify.js";
export { verifyBackup } from "./backups/verify.js";
export type {
  CheckRunReport,
  CheckSkipReason,
  CheckSpec,
  CheckYield,
  GatheredSuppressions,
  NotApplicable,
  RunChecksOptions,
  SettledFindings,
  SettleOptions,
} from "./checks/index.js";
export {
  checkCatalogueEntry,
  gatherSuppressions,
  notApplicable,
  runChecks,
  settleFindings,
} from "./checks/index.js";
export {
  asRecord,
  entriesOf,
  field,
  forEachEntry,
  getPath,
  listOf,
  nonEmptyText,
  numberField,
  stringField,
} from "./data/raw.js";
export type { ConfigDate } from "./dates/config-date.js";
export {
  CONFIG_DATE_SEMANTICS,
  isConfigDate,
  isWithinWindow,
  parseConfigDate,
  windowEnd,
  windowIsEmpty,
  windowStart,
} from "./dates/config-date.js";
export {
  capDiagnosticsPerFile,
  MAX_DIAGNOSTICS_PER_FILE,
  TOO_MANY_DIAGNOSTICS_CODE,
} from "./diagnostics/cap.js";
export type {
  Catalogue,
  CatalogueEntry,
  CodeOf,
  DiagnosticFactory,
  DiagnosticFields,
} from "./diagnostics/catalogue.js";
export {
  defineCatalogue,
  diagnosticFactory,
  findCatalogueEntry,
  formatCatalogueEntry,
  mergeCatalogues,
} from "./diagnostics/catalogue.js";
export type {
  Diagnostic,
  DiagnosticCounts,
  RelatedLocation,
  Severity,
  SourcePosition,
  SourceRange,
  YamlPath,
} from "./diagnostics/diagnostic.js";
export {
  compareDiagnostics,
  countDiagnostics,
  hasErrors,
  sortDiagnostics,
} from "./diagnostics/diagnostic.js";
export type { SchemaCode } from "./diagnostics/schema-catalogue.js";
export { schemaCatalogue, schemaDiagnostic } from "./diagnostics/schema-catalogue.js";
export { didYouMean, suggestName } from "./diagnostics/suggest.js";
export type {
  BoundedReadFailure,
  BoundedReadOptions,
  BoundedReadResult,
  BoundedReadSuccess,
  FileType,
} from "./fs/index.js";
export {
  BoundedReadError,
  describeFsError,
  displayPath,
  errnoCode,
  findRepositoryRoot,
  isPermissionError,
  makeDirectory,
  readBoundedFile,
  readBoundedFileIfExists,
  readBoundedFileSync,
  readFailureDiagnostic,
  sourceRootFor,
  utf8Text,
} from "./fs/index.js";
export type { GeneratedHeader, GeneratedStatus, ParsedGeneratedFile } from "./generated/header.js";
export { GENERATED_HEADER_START, generatedStatus, parseGeneratedHeader } from "./generated/header.js";
export type { Glob } from "./glob/glob.js";
export { compileGlob, GlobIndex, globIncludes, globMatches } from "./glob/glob.js";
export type { Dependency, DependencyCycle, DependencyOrder } from "./graph/dependency-order.js";
export { dependencyOrder } from "./graph/dependency-order.js";
export type { Components, Cycle, Edge, LongestPaths, Waves } from "./graph/graph.js";
export {
  adjacency,
  cycleThrough,
  findCycles,
  longestPaths,
  NodeIds,
  startWaves,
  stronglyConnectedComponents,
} from "./graph/graph.js";
export type { Host, HostKind } from "./hosts/host.js";
export {
  bindsOverlap,
  connectHost,
  formatHostPort,
  isLoopbackHost,
  isWildcardHost,
  parseHost,
} from "./hosts/host.js";
export { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from "./hosts/ip.js";
export {
  generateJsonSchema,
  generateJsonSchemas,
  installedSchemaPath,
  jsonSchemaOf,
  kindOfModeline,
  SCHEMA_BASE_URL,
  SCHEMA_PACKAGE_VERSION,
  schemaFileName,
  schemaUrl,
  yamlLanguageServerComment,
} from "./json-schema.js";
export {
  compareLiteLLMPatternPrecedence,
  isLiteLLMWildcard,
  litellmPatternMatches,
  litellmPatternOrder,
  litellmPatternRegex,
  litellmPatternSpecificity,
  litellmRouteFor,
} from "./litellm/wildcards.js";
export type { ConfigSet, LoadedFile, LoadOptions } from "./load.js";
export { configDirDisplay, loadConfigFile, loadConfigSet, loadConfigText, readFailure } from "./load.js";
export type { QuickConfigKind } from "./load-quick.js";
export { quickLoadConfigFile, quickLoadConfigText } from "./load-quick.js";
export type { Palette } from "./render/ansi.js";
export { palette } from "./render/ansi.js";
export { collectSources, readSources } from "./render/collect-sources.js";
export { shouldUseColor } from "./render/color-support.js";
export { GITHUB_ANNOTATIONS_PER_LEVEL, renderGithub } from "./render/github.js";
export type { JsonReport } from "./render/json.js";
export { JSON_REPORT_VERSION, jsonReport, renderJson } from "./render/json.js";
export { lineHashes } from "./render/line-hash.js";
export { formatLocation } from "./render/location.js";
export { renderPretty } from "./render/pretty.js";
export { renderDiagnostics } from "./render/render.js";
export {
  guardJsonForLogs,
  sanitizeForTerminal,
  sanitizeHumanOutput,
  sanitizeLines,
} from "./render/sanitize.js";
export {
  escapeSarifText,
  renderSarif,
  SARIF_FINGERPRINT_KEY,
  SARIF_MAX_RESULTS,
  SARIF_SCHEMA_URI,
  SARIF_SOURCE_ROOT_ID,
  toSarif,
} from "./render/sarif.js";
export type {
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifRegion,
  SarifResult,
  SarifRun,
} from "./render/sarif-types.js";
export type { RepositoryPlace, SourceRoot } from "./render/source-root.js";
export { placeInRepository } from "./render/source-root.js";
export type { OutputFormat, RenderOptions } from "./render/types.js";
export { isOutputFormat, OUTPUT_FORMATS } from "./render/types.js";
export type { AtomicWriteOptions, ModeTightening } from "./safe-write/atomic-write.js";
export { writeFileAtomic } from "./safe-write/atomic-write.js";
export { cleanStaleTempFiles } from "./safe-write/clean-temp.js";
export type { FileLockOptions, LockOwner } from "./safe-write/file-lock.js";
export { FileLockedError, withFileLock } from "./safe-write/file-lock.js";
export type {
  FileSetChange,
  FileSetFile,
  FileSetRecovery,
  RecoverFileSetsOptions,
  RecoveryReport,
  WriteFileSetOptions,
} from "./safe-write/file-set.js";
export { RECOVERY_CODES, recoverFileSets, recoveryDiagnostics, writeFileSet } from "./safe-write/file-set.js";
export type { SafeWriteOptions, SafeWriteResult } from "./safe-write/write-file-safely.js";
export { writeFileSafely } from "./safe-write/write-file-safely.js";
export * from "./schemas/common.js";
export * from "./schemas/feature-flags.js";
export type { ConfigFileKind, ConfigFileSpec, ConfigFileTypes } from "./schemas/files.js";
export { CONFIG_FILE_KINDS, CONFIG_FILES, kindOfFileName } from "./schemas/files.js";
export * from "./schemas/litellm.js";
export * from "./schemas/model-mappings.js";
export * from "./schemas/ports.js";
export * from "./schemas/providers.js";
export * from "./schemas/server-tokens.js";
export * from "./schemas/settings.js";
export type {
  DetectOptions,
  EntropyThresholds,
  SecretFormat,
  SecretKind,
  SecretSpan,
  SecretVerdict,
} from "./secrets/index.js";
export {
  credentialPaths,
  DEFAULT_ENTROPY_THRESHOLDS,
  detectSecret,
  findSecretSpans,
  findSecretsInValue,
  hasSecretKeyword,
  isCredentialField,
  isHighEntropy,
  isPlaceholder,
  isSecretKey,
  mayContainKnownFormat,
  normalizeKeyName,
  redactSecret,
  redactSecrets,
  SECRET_FORMATS,
  shannonEntropy,
} from "./secrets/index.js";
export { isGatewayService, isRedisService } from "./services/roles.js";
export {
  AUDIT_BASELINE_FILE,
  FLAG_HISTORY_FILE,
  flagHistoryPath,
  MIGRATION_HISTORY_FILE,
  migrationHistoryPath,
  STATE_DIR,
  stateDirOf,
} from "./state/state-files.js";
export * from "./suppressions/index.js";
export { sha256 } from "./text/hash.js";
export { plural } from "./text/plural.js";
export {
  DEFAULT_MAX_DIFF_EDITS,
  redactDiff,
  type UnifiedDiff,
  type UnifiedDiffOptions,
  unifiedDiff,
} from "./text/unified-diff.js";
export { formatYamlPath } from "./validate/describe-path.js";
export type { DetectedVersion, VersionMarker } from "./validate/detect-version.js";
export { detectVersion } from "./validate/detect-version.js";
export type { JsonSchemaCheck, JsonSchemaNode } from "./validate/json-schema-check.js";
export { compileJsonSchemaCheck, conformsToJsonSchema } from "./validate/json-schema-check.js";
export type { OlderSchemaFile } from "./validate/older-schemas.js";
export { recognizeOlderSchemas, withOlderSchemasRecognized } from "./validate/older-schemas.js";
export type { SchemaVersionStatus } from "./validate/schema-version.js";
export { olderSchemaDiagnostic } from "./validate/schema-version.js";
export type { FileValidation } from "./validate/validate-file.js";
export { validateSource } from "./validate/validate-file.js";
export type { InsertPosition, InsertValue } from "./yaml/editor.js";
export { YamlEditError, YamlEditor } from "./yaml/editor.js";
export type { ParseYamlOptions, YamlDocumentOptions, YamlSource } from "./yaml/parse.js";
export {
  DEFAULT_MAX_ALIAS_COUNT,
  DEFAULT_MAX_BYTES,
  FORBIDDEN_KEYS,
  parseYaml,
  parseYamlDocument,
} from "./yaml/parse.js";
export type { PathLookup } from "./yaml/positions.js";
export { lookupPath, rangeFromOffsets } from "./yaml/positions.js";
export type { ScalarStyle, ScalarValue } from "./yaml/scalar-text.js";
export { isSafePlainString, scalarText, styleOf } from "./yaml/scalar-text.js";
