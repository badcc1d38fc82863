/**
 * `@switchyard/config-schema/suppressions`: the suppression mechanism shared by `validate` and
 * `audit`: inline `# switchyard-ignore` comments, `.switchyard.yaml` settings (severity overrides,
 * options, suppressions with a reason and expiry), and the SY109x findings about them.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type {
  ApplySuppressionsOptions,
  ResolvedSeverityOverrides,
  SeverityOverride,
  SuppressionOutcome,
} from "../suppressions/apply.js";
export {
  applySeverityOverrides,
  applySuppressions,
  resolveSeverityOverrides,
} from "../suppressions/apply.js";
export { SUPPRESSION_CODES, suppressionCatalogue } from "../suppressions/catalogue.js";
export type { InlineSuppressions } from "../suppressions/comments.js";
export { parseInlineSuppressions, SUPPRESSION_DIRECTIVE } from "../suppressions/comments.js";
export type { LoadedSettings, LoadSettingsOptions, Settings } from "../suppressions/settings-file.js";
export { emptySettings, loadSettingsFile, loadSettingsText } from "../suppressions/settings-file.js";
export type {
  CodeScope,
  SuppressedDiagnostic,
  Suppression,
  SuppressionLocation,
} from "../suppressions/types.js";
