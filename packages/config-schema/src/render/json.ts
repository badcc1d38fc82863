import type { Diagnostic, RelatedLocation, SourceRange } from "../diagnostics/diagnostic.js";
import { countDiagnostics, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { guardJsonForLogs } from "./sanitize.js";
import type { RenderOptions } from "./types.js";

/** Version of the JSON report's shape; raised only on an incompatible change. */
export const JSON_REPORT_VERSION = 1;

function jsonRange(range: SourceRange) {
  return {
    start: { line: range.start.line, column: range.start.column, offset: range.start.offset },
    end: { line: range.end.line, column: range.end.column, offset: range.end.offset },
  };
}

function jsonRelated(related: RelatedLocation): Record<string, unknown> {
  const out: Record<string, unknown> = { message: related.message };
  if (related.file !== undefined) out.file = related.file;
  if (related.range !== undefined) out.range = jsonRange(related.range);
  if (related.path !== undefined) out.path = [...related.path];
  return out;
}

function jsonDiagnostic(diagnostic: Diagnostic, options: RenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { code: diagnostic.code };
  const name = options.catalogue?.get(diagnostic.code)?.name;
  if (name !== undefined) out.name = name;
  out.severity = diagnostic.severity;
  out.message = diagnostic.message;
  if (diagnostic.file !== undefined) out.file = diagnostic.file;
  if (diagnostic.range !== undefined) out.range = jsonRange(diagnostic.range);
  if (diagnostic.path !== undefined) out.path = [...diagnostic.path];
  if (diagnostic.hint !== undefined) out.hint = diagnostic.hint;
  if (diagnostic.suggestion !== undefined) out.suggestion = diagnostic.suggestion;
  if (diagnostic.related !== undefined) out.related = diagnostic.related.map(jsonRelated);
  return out;
}

/** The JSON report's shape (see {@link jsonReport}). */
export interface JsonReport {
  readonly version: number;
  readonly tool: { readonly name: string; readonly version?: string };
  readonly summary: { readonly error: number; readonly warning: number; readonly info: number };
  readonly diagnostics: readonly Record<string, unknown>[];
}

/**
 * Diagnostics as a stable JSON document for scripts and the HTTP API:
 * `{ version: 1, tool: { name, version? }, summary: { error, warning, info }, diagnostics: [...] }`.
 * Keys always come in the same order; each diagnostic carries every field it has (`code`, `name`
 * when the catalogue knows the code, `severity`, `message`, `file`, `range`, `path`, `hint`,
 * `suggestion`, `related`); absent fields are omitted. Diagnostics are sorted by file and position.
 */
export function jsonReport(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): JsonReport {
  const sorted = sortDiagnostics(diagnostics);
  const counts = countDiagnostics(sorted);
  return {
    version: JSON_REPORT_VERSION,
    tool:
      options.toolVersion === undefined
        ? { name: "switchyard" }
        : { name: "switchyard", version: options.toolVersion },
    summary: { error: counts.error, warning: counts.warning, info: counts.info },
    diagnostics: sorted.map((d) => jsonDiagnostic(d, options)),
  };
}

/** {@link jsonReport} as text, two-space indented, with a final newline (`##[` guarded for CI logs). */
export function renderJson(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  return `${guardJsonForLogs(JSON.stringify(jsonReport(diagnostics, options), null, 2))}\n`;
}
