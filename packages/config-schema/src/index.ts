export type { Catalogue, CatalogueEntry } from "./diagnostics/catalogue.js";
export { defineCatalogue, formatCatalogueEntry, mergeCatalogues } from "./diagnostics/catalogue.js";
export type {
  Diagnostic,
  DiagnosticCounts,
  RelatedLocation,
  Severity,
  SourcePosition,
  SourceRange,
  YamlPath,
} from "./diagnostics/diagnostic.js";
export { compareDiagnostics, countDiagnostics, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.js";
export { schemaCatalogue } from "./diagnostics/schema-catalogue.js";
export { didYouMean, suggestName } from "./diagnostics/suggest.js";
export { generateJsonSchema, generateJsonSchemas, SCHEMA_BASE_URL, schemaUrl, yamlLanguageServerComment } from "./json-schema.js";
export type { ConfigSet, LoadedFile, LoadOptions } from "./load.js";
export { loadConfigFile, loadConfigSet, loadConfigText } from "./load.js";
export * from "./schemas/common.js";
export * from "./schemas/feature-flags.js";
export type { ConfigFileKind, ConfigFileSpec, ConfigFileTypes } from "./schemas/files.js";
export { CONFIG_FILE_KINDS, CONFIG_FILES, kindOfFileName } from "./schemas/files.js";
export * from "./schemas/litellm.js";
export * from "./schemas/model-mappings.js";
export * from "./schemas/ports.js";
export * from "./schemas/providers.js";
export { formatYamlPath } from "./validate/describe-path.js";
export { redactSecret } from "./validate/lint.js";
export type { SchemaVersionStatus } from "./validate/schema-version.js";
export type { FileValidation } from "./validate/validate-file.js";
export { validateSource } from "./validate/validate-file.js";
export type { ParseYamlOptions, YamlSource } from "./yaml/parse.js";
export { DEFAULT_MAX_ALIAS_COUNT, DEFAULT_MAX_BYTES, FORBIDDEN_KEYS, parseYaml } from "./yaml/parse.js";
export type { PathLookup } from "./yaml/positions.js";
export { lookupPath } from "./yaml/positions.js";
export { sha256 } from "./text/hash.js";
export type { UnifiedDiffOptions } from "./text/unified-diff.js";
export { unifiedDiff } from "./text/unified-diff.js";
