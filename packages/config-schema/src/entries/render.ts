/**
 * `@switchyard/config-schema/render`: the renderers of diagnostics (pretty with code frames, JSON,
 * GitHub annotations, SARIF), colour support, and the sanitisers every user-controlled string goes
 * through before it is shown.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type { Palette } from "../render/ansi.js";
export { palette } from "../render/ansi.js";
export { collectSources, readSources } from "../render/collect-sources.js";
export { shouldUseColor } from "../render/color-support.js";
export { GITHUB_ANNOTATIONS_PER_LEVEL, renderGithub } from "../render/github.js";
export type { JsonReport } from "../render/json.js";
export { JSON_REPORT_VERSION, jsonReport, renderJson } from "../render/json.js";
export { lineHashes } from "../render/line-hash.js";
export { formatLocation } from "../render/location.js";
export { renderPretty } from "../render/pretty.js";
export { renderDiagnostics } from "../render/render.js";
export {
  guardJsonForLogs,
  sanitizeForTerminal,
  sanitizeHumanOutput,
  sanitizeLines,
} from "../render/sanitize.js";
export {
  escapeSarifText,
  renderSarif,
  SARIF_FINGERPRINT_KEY,
  SARIF_MAX_RESULTS,
  SARIF_SCHEMA_URI,
  SARIF_SOURCE_ROOT_ID,
  toSarif,
} from "../render/sarif.js";
export type {
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifRegion,
  SarifResult,
  SarifRun,
} from "../render/sarif-types.js";
export type { RepositoryPlace, SourceRoot } from "../render/source-root.js";
export { placeInRepository } from "../render/source-root.js";
export type { OutputFormat, RenderOptions } from "../render/types.js";
export { isOutputFormat, OUTPUT_FORMATS } from "../render/types.js";
