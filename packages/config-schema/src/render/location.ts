import type { SourceRange } from "../diagnostics/diagnostic.js";

/** A range as 1-based integers, `end` exclusive, never before `start`, never empty on one line. */
export interface LineSpan {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A 1-based integer from whatever a producer wrote (`NaN`, `0` or negatives become 1). */
export function positiveInt(value: number): number {
  return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
}

/**
 * Normalise a diagnostic range for formats that need well-formed regions: integers ≥ 1, the end
 * moved to the start when it lies before it, and an empty span widened to one character.
 */
export function normalizeRange(range: SourceRange): LineSpan {
  const startLine = positiveInt(range.start.line);
  const startColumn = positiveInt(range.start.column);
  let endLine = positiveInt(range.end.line);
  let endColumn = positiveInt(range.end.column);
  if (endLine < startLine || (endLine === startLine && endColumn <= startColumn)) {
    endLine = startLine;
    endColumn = startColumn + 1;
  }
  return { startLine, startColumn, endLine, endColumn };
}

/**
 * Where a diagnostic is, as people write it: `file:line:col`, `file` for a finding about a whole
 * file, `line:col` when there is no file, `""` when there is neither (never `undefined:undefined`).
 *
 * ```ts
 * for (const d of set.diagnostics) console.log(`${formatLocation(d)} ${d.code} ${d.message}`);
 * ```
 */
export function formatLocation(diagnostic: { readonly file?: string; readonly range?: SourceRange }): string;
/** The same from a file and a range. */
export function formatLocation(file: string | undefined, range: SourceRange | undefined): string;
export function formatLocation(
  first: string | undefined | { readonly file?: string; readonly range?: SourceRange },
  second?: SourceRange,
): string {
  if (first !== null && typeof first === "object") return formatLocation(first.file, first.range);
  const file = first;
  const range = second;
  const position =
    range === undefined ? "" : `${positiveInt(range.start.line)}:${positiveInt(range.start.column)}`;
  if (file === undefined || file === "") return position;
  return position === "" ? file : `${file}:${position}`;
}

/** A path with forward slashes, as GitHub and SARIF expect (`config\providers.yaml` → `config/providers.yaml`). */
export function toForwardSlashes(path: string): string {
  return path.replace(/\\/g, "/");
}
