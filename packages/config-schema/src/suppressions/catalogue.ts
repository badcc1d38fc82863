import { defineCatalogue } from "../diagnostics/catalogue.js";

/** Codes of the shared suppression mechanism (used by `validate` and `audit`). */
export const SUPPRESSION_CODES = {
  unused: "SY1090",
  missingReason: "SY1091",
  expired: "SY1092",
  unknownCode: "SY1093",
  malformed: "SY1094",
  fixedCode: "SY1095",
} as const;

/**
 * SY109x: findings about suppressions and severity overrides themselves. They live in config-schema's
 * range because the mechanism is shared by every command that reports diagnostics.
 */
export const suppressionCatalogue = defineCatalogue([
  {
    code: "SY1090",
    name: "unused-suppression",
    title: "A suppression matches no finding.",
    severity: "warning",
    cause:
      "The finding it was written for has been fixed, moved to another line, or never had this code. A stale suppression would silently hide the next, unrelated finding on that line.",
    fix: "Remove the `# switchyard-ignore` comment (or the `suppressions` entry in `.switchyard.yaml`). An inline comment covers findings on its own line when it follows code, or on the next line when it stands alone.",
    example: "model: llama3.1:8b  # switchyard-ignore SY2003: served from a local Modelfile",
  },
  {
    code: "SY1091",
    name: "suppression-without-reason",
    title: "A suppression gives no reason.",
    severity: "error",
    cause:
      "Every suppression must say why the finding is accepted, so a reviewer can judge it later. A suppression without a reason is not applied.",
    fix: "Write the reason after a colon: `# switchyard-ignore SY2003: <why this is fine>`.",
  },
  {
    code: "SY1092",
    name: "expired-suppression",
    title: "A suppression's `expires` date has passed.",
    severity: "warning",
    cause:
      "The suppression was accepted until a date that is now in the past, so it no longer applies and the finding is reported again.",
    fix: "Fix the finding and remove the suppression, or extend `expires` with a new reason.",
  },
  {
    code: "SY1093",
    name: "unknown-code",
    title: "A suppression or severity override names a code that does not exist.",
    severity: "warning",
    cause: "Usually a typo in the code (`SY2300` for `SY2003`). The suppression or override has no effect.",
    fix: "Use the suggested code; `switchyard explain <code>` shows what each code means.",
  },
  {
    code: "SY1094",
    name: "malformed-suppression",
    title: "A `# switchyard-ignore` comment cannot be read.",
    severity: "error",
    cause:
      "The comment does not follow `# switchyard-ignore CODE[, CODE]: reason` (codes are `SY` and four digits).",
    fix: "Rewrite it as `# switchyard-ignore SY2003: reason` or `# switchyard-ignore SY2003, SY2041: reason`.",
  },
  {
    code: "SY1095",
    name: "fixed-code",
    title: "A code that cannot be suppressed or changed.",
    severity: "warning",
    cause:
      "Syntax and schema errors make a file unusable, so they cannot be turned off, downgraded or suppressed; only rule findings and warnings can.",
    fix: "Fix the finding instead, and remove the override or suppression.",
  },
]);
