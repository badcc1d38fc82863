import type { ConfigSet, Diagnostic } from "@switchyard/config-schema";

/** Options for {@link validateConfigSet}. */
export interface ValidateOptions {
  /** Limit for fallback chain depth before a warning (default from settings, else 5). */
  readonly maxFallbackDepth?: number;
}

/** The combined result of schema checks and cross-file rules. */
export interface ValidationReport {
  /** Every diagnostic: the set's schema diagnostics plus the cross-file rules', sorted by file and line. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Run the cross-file rules over a loaded config set and merge their findings with the set's own
 * (schema) diagnostics. Placeholder until the rule registry lands: returns the schema diagnostics.
 */
export function validateConfigSet(set: ConfigSet, _options: ValidateOptions = {}): ValidationReport {
  return { diagnostics: set.diagnostics };
}
