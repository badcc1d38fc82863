/**
 * `@switchyard/config-schema/load`: loading and validating config files and sets: bounded reads, schema
 * validation with positions, the quick tier, older schema versions and the schema-version marker.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */

export type { ConfigSet, LoadedFile, LoadOptions } from "../load.js";
export { configDirDisplay, loadConfigFile, loadConfigSet, loadConfigText, readFailure } from "../load.js";
export type { QuickConfigKind } from "../load-quick.js";
export { quickLoadConfigFile, quickLoadConfigText } from "../load-quick.js";
export type { DetectedVersion, VersionMarker } from "../validate/detect-version.js";
export { detectVersion } from "../validate/detect-version.js";
export type { JsonSchemaCheck, JsonSchemaNode } from "../validate/json-schema-check.js";
export { compileJsonSchemaCheck, conformsToJsonSchema } from "../validate/json-schema-check.js";
export type { OlderSchemaFile } from "../validate/older-schemas.js";
export { recognizeOlderSchemas, withOlderSchemasRecognized } from "../validate/older-schemas.js";
export type { SchemaVersionStatus } from "../validate/schema-version.js";
export { olderSchemaDiagnostic } from "../validate/schema-version.js";
export type { FileValidation } from "../validate/validate-file.js";
export { validateSource } from "../validate/validate-file.js";
