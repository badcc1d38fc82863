import type { Diagnostic, SourceRange, YamlPath } from "../diagnostics/diagnostic.js";

/** Where a suppression is written: the comment, or the entry of `.switchyard.yaml`. */
export interface SuppressionLocation {
  readonly file: string;
  readonly range?: SourceRange;
  readonly path?: YamlPath;
}

/** One suppression, from an inline comment or from the settings file. */
export interface Suppression {
  readonly origin: "inline" | "settings";
  /** The codes it suppresses. */
  readonly codes: readonly string[];
  /** Why the findings are accepted (never empty). */
  readonly reason: string;
  /** The (display) path of the config file whose findings it covers. */
  readonly file: string;
  /** Inline only: the 1-based line whose findings it covers (by their start line). */
  readonly line?: number;
  /** Settings only: the YAML path (formatted as `formatYamlPath` does) it covers, with everything below it. */
  readonly path?: string;
  /** Settings only: the date (`YYYY-MM-DD` or a date-time) after which it no longer applies. */
  readonly expires?: string;
  /** Where the suppression itself is written. */
  readonly at: SuppressionLocation;
}

/**
 * Which codes a run answers for. Validate owns `SY1xxx` and `SY2xxx`, audit `SY5xxx`: a suppression
 * of a code another command owns is left alone (neither applied nor reported as unused).
 */
export interface CodeScope {
  /** Whether the code falls in this run's ranges. */
  owns(code: string): boolean;
  /** Every code this run knows (used for "unknown code" reports and their suggestions). */
  readonly known: ReadonlySet<string>;
  /** Whether findings of this code may be suppressed or have their severity changed. */
  adjustable(code: string): boolean;
}

/** A finding that a suppression hid, with the suppression that hid it. */
export interface SuppressedDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly suppression: Suppression;
}
