/**
 * The `Diagnostic` model shared by every Switchyard package.
 *
 * Validators never throw on bad input: they return diagnostics. Each one carries a stable code
 * (`SY1xxx` config-schema, `SY2xxx` consistency, `SY3xxx` migrations, `SY4xxx` generator,
 * `SY5xxx` audit, `SY6xxx` ports, `SY7xxx` flags), a location when one exists, and a hint.
 */

/** How serious a finding is. `error` makes `switchyard validate` exit 1. */
export type Severity = "error" | "warning" | "info";

/** A point in a source file. `line` and `column` are 1-based; `offset` is a 0-based UTF-16 index. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A span in a source file; `end` is exclusive. */
export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** A path inside a YAML document, e.g. `["providers", "ollama", "base_url"]`. */
export type YamlPath = readonly (string | number)[];

/** A second place that takes part in a finding ("the provider is declared here"). */
export interface RelatedLocation {
  readonly message: string;
  readonly file?: string;
  readonly range?: SourceRange;
  readonly path?: YamlPath;
}

/** One finding about a config set. */
export interface Diagnostic {
  /** Stable code such as `SY1030`; documented in the catalogue (`switchyard explain <code>`). */
  readonly code: string;
  readonly severity: Severity;
  /** One sentence that says what is wrong, naming the offending value. */
  readonly message: string;
  /** Path of the file, relative to the working directory when it was loaded. */
  readonly file?: string;
  readonly range?: SourceRange;
  /** The YAML path of the offending node, when the finding is about one. */
  readonly path?: YamlPath;
  /** What to do about it. */
  readonly hint?: string;
  /** The nearest existing name, computed by edit distance ("did you mean ..."). */
  readonly suggestion?: string;
  /** Other places that take part in the finding (both ends of a disagreement, each node of a cycle). */
  readonly related?: readonly RelatedLocation[];
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Compare two diagnostics: by file, then line, then column, then severity, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.file ?? "";
  const fb = b.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.range?.start.line ?? 0;
  const lb = b.range?.start.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.range?.start.column ?? 0;
  const cb = b.range?.start.column ?? 0;
  if (ca !== cb) return ca - cb;
  const sa = severityRank[a.severity];
  const sb = severityRank[b.severity];
  if (sa !== sb) return sa - sb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Diagnostics sorted by file and position (a new array; the input is not changed). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

/** Counts of each severity. */
export interface DiagnosticCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
