/**
 * `@switchyard/config-schema/diagnostics`: the Diagnostic model every package reports with (types,
 * sorting, counting), catalogues and the factory that takes a code's severity and title from its
 * catalogue, the per-file cap, and did-you-mean suggestions.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export {
  capDiagnosticsPerFile,
  MAX_DIAGNOSTICS_PER_FILE,
  TOO_MANY_DIAGNOSTICS_CODE,
} from "../diagnostics/cap.js";
export type {
  Catalogue,
  CatalogueEntry,
  CodeOf,
  DiagnosticFactory,
  DiagnosticFields,
} from "../diagnostics/catalogue.js";
export {
  defineCatalogue,
  diagnosticFactory,
  findCatalogueEntry,
  formatCatalogueEntry,
  mergeCatalogues,
} from "../diagnostics/catalogue.js";
export type {
  Diagnostic,
  DiagnosticCounts,
  RelatedLocation,
  Severity,
  SourcePosition,
  SourceRange,
  YamlPath,
} from "../diagnostics/diagnostic.js";
export {
  compareDiagnostics,
  countDiagnostics,
  hasErrors,
  sortDiagnostics,
} from "../diagnostics/diagnostic.js";
export type { SchemaCode } from "../diagnostics/schema-catalogue.js";
export { schemaCatalogue, schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
export { didYouMean, suggestName } from "../diagnostics/suggest.js";
