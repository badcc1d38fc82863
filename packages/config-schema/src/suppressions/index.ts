/**
 * The suppression mechanism shared by `validate` and `audit`: inline `# switchyard-ignore` comments,
 * `.switchyard.yaml` settings (severity overrides, options, suppressions with a reason and expiry),
 * and the SY109x findings about them.
 */
export type {
  ApplySuppressionsOptions,
  ResolvedSeverityOverrides,
  SeverityOverride,
  SuppressionOutcome,
} from "./apply.js";
export { applySeverityOverrides, applySuppressions, resolveSeverityOverrides } from "./apply.js";
export { SUPPRESSION_CODES, suppressionCatalogue } from "./catalogue.js";
export type { InlineSuppressions } from "./comments.js";
export { parseInlineSuppressions, SUPPRESSION_DIRECTIVE } from "./comments.js";
export type { LoadedSettings, LoadSettingsOptions, Settings } from "./settings-file.js";
export { emptySettings, loadSettingsFile, loadSettingsText } from "./settings-file.js";
export type { CodeScope, SuppressedDiagnostic, Suppression, SuppressionLocation } from "./types.js";
