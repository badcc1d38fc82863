import type { SourceRange } from "../diagnostics/diagnostic.js";
import type { Palette } from "./ansi.js";
import { positiveInt } from "./location.js";
import { sanitizeForTerminal } from "./sanitize.js";

/** One source line of a frame, already made printable (tabs expanded, control characters shown). */
export interface FrameRow {
  readonly lineNumber: number;
  readonly text: string;
  readonly highlighted: boolean;
}

/** A code frame: the rows to print and where the carets go under the highlighted row. */
export interface CodeFrame {
  readonly rows: readonly FrameRow[];
  /** 0-based display column of the first caret within the highlighted row's text. */
  readonly markerStart: number;
  /** Number of carets (at least 1). */
  readonly markerLength: number;
}

export interface CodeFrameOptions {
  /** Lines of context above the highlighted line (default 2, as Babel). */
  readonly linesAbove?: number;
  /** Lines of context below it (default 3, as Babel). */
  readonly linesBelow?: number;
  /** Longest line shown, in display columns; longer lines are cut around the span (default 160). */
  readonly maxWidth?: number;
  /** Tab stops every this many columns (default 4). */
  readonly tabWidth?: number;
}

/** Context kept before the span when a long line is cut. */
const CONTEXT_BEFORE_SPAN = 40;
const ELLIPSIS = "…";

/**
 * A line as display cells, one per terminal column, plus the display column of every UTF-16 index
 * (`columns[raw.length]` is the display width). Tabs expand to the next tab stop; a surrogate pair
 * is one cell; control characters are replaced by visible symbols.
 */
function toCells(raw: string, tabWidth: number): { cells: string[]; columns: number[] } {
  const cells: string[] = [];
  const columns: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    columns[i] = cells.length;
    const code = raw.charCodeAt(i);
    if (raw[i] === "\t") {
      // A tab is shown as `→` and padded to its tab stop: a tab in indentation is a YAML error,
      // and a frame that showed it as spaces would hide the very mistake it points at.
      const width = tabWidth - (cells.length % tabWidth);
      cells.push("→");
      for (let k = 1; k < width; k++) cells.push(" ");
    } else if (
      code >= 0xd800 &&
      code <= 0xdbff &&
      i + 1 < raw.length &&
      (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      columns[i + 1] = cells.length;
      cells.push(raw.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      cells.push("\ufffd");
    } else {
      cells.push(sanitizeForTerminal(raw[i]!));
    }
  }
  columns[raw.length] = cells.length;
  return { cells, columns };
}

/** Line starts of the last few sources framed: a file with 1,000 diagnostics is split once, not 1,000 times. */
const lineStartsCache = new Map<string, readonly number[]>();
const LINE_STARTS_CACHED = 8;

function lineStartsOf(source: string): readonly number[] {
  const cached = lineStartsCache.get(source);
  if (cached !== undefined) return cached;
  const starts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  if (lineStartsCache.size >= LINE_STARTS_CACHED) lineStartsCache.clear();
  lineStartsCache.set(source, starts);
  return starts;
}

/** The lines of `source` (split at `\n`, a trailing `\r` dropped), read one at a time. */
function sourceLines(source: string): { readonly length: number; at(index: number): string } {
  const starts = lineStartsOf(source);
  return {
    length: starts.length,
    at(index) {
      const start = starts[index];
      if (start === undefined) return "";
      const next = starts[index + 1];
      const line = source.slice(start, next === undefined ? source.length : next - 1);
      return line.endsWith("\r") ? line.slice(0, -1) : line;
    },
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * Build a Babel-style code frame for `range` in `source`. Multi-line spans are marked from their
 * start to the end of their first line; a range past the end of the file is shown at the end of
 * the last line. Never throws, whatever the range.
 */
export function buildCodeFrame(
  source: string,
  range: SourceRange,
  options: CodeFrameOptions = {},
): CodeFrame {
  const linesAbove = options.linesAbove ?? 2;
  const linesBelow = options.linesBelow ?? 3;
  const maxWidth = Math.max(20, options.maxWidth ?? 160);
  const tabWidth = Math.max(1, options.tabWidth ?? 4);

  const lines = sourceLines(source);
  // The empty "line" after a final newline is shown only when the range points at it.
  const lastContentLine = lines.length > 1 && source.endsWith("\n") ? lines.length - 1 : lines.length;

  let line = positiveInt(range.start.line);
  let startColumn: number;
  let endColumn: number;
  if (line > lines.length) {
    line = lines.length;
    startColumn = lines.at(line - 1).length + 1;
    endColumn = startColumn + 1;
  } else {
    const length = lines.at(line - 1).length;
    startColumn = clamp(positiveInt(range.start.column), 1, length + 1);
    const endLine = positiveInt(range.end.line);
    if (endLine === line)
      endColumn = Math.max(startColumn + 1, Math.min(positiveInt(range.end.column), length + 1));
    else if (endLine > line) endColumn = Math.max(startColumn + 1, length + 1);
    else endColumn = startColumn + 1;
  }

  const first = Math.max(1, line - linesAbove);
  const last = Math.max(line, Math.min(lastContentLine, line + linesBelow));
  const rendered = [] as { lineNumber: number; cells: string[]; highlighted: boolean }[];
  let markerStart = 0;
  let markerEnd = 1;
  for (let n = first; n <= last; n++) {
    const raw = lines.at(n - 1);
    const { cells, columns } = toCells(raw, tabWidth);
    if (n === line) {
      markerStart = columns[startColumn - 1] ?? cells.length;
      // A caret just past the end of the line (at its newline, or at the end of the file).
      markerEnd = endColumn - 1 <= raw.length ? (columns[endColumn - 1] ?? cells.length) : cells.length + 1;
      markerEnd = Math.max(markerEnd, markerStart + 1);
    }
    rendered.push({ lineNumber: n, cells, highlighted: n === line });
  }

  // A highlighted line wider than maxWidth is cut to a window around the span; context lines that
  // fit are shown whole ("short: 1" says more than an ellipsis), longer ones are cut to the same window.
  const highlightedWidth = rendered.find((row) => row.highlighted)!.cells.length;
  const windowed = highlightedWidth > maxWidth;
  const windowStart =
    windowed && markerEnd > maxWidth - 10
      ? Math.max(0, Math.min(markerStart - CONTEXT_BEFORE_SPAN, highlightedWidth + 1 - maxWidth))
      : 0;
  const rows: FrameRow[] = rendered.map((row) => {
    if (row.cells.length <= maxWidth && !(row.highlighted && windowed)) {
      return { lineNumber: row.lineNumber, text: row.cells.join(""), highlighted: row.highlighted };
    }
    const visible = row.cells.slice(windowStart, windowStart + maxWidth).join("");
    const before = windowStart > 0 ? ELLIPSIS : "";
    const after = row.cells.length > windowStart + maxWidth ? ELLIPSIS : "";
    return { lineNumber: row.lineNumber, text: `${before}${visible}${after}`, highlighted: row.highlighted };
  });
  const shift = windowStart > 0 ? 1 - windowStart : 0;
  // One column past the window leaves room for a caret at the end of the line.
  const visibleEnd = windowed ? windowStart + maxWidth + 1 : Number.POSITIVE_INFINITY;
  const start = markerStart + shift;
  const length = Math.max(1, Math.min(markerEnd, visibleEnd) - markerStart);
  return { rows, markerStart: start, markerLength: length };
}

/** Digits needed for the largest line number of the frames. */
export function gutterWidth(frames: readonly CodeFrame[]): number {
  let widest = 1;
  for (const frame of frames) {
    for (const row of frame.rows) widest = Math.max(widest, String(row.lineNumber).length);
  }
  return widest;
}

/**
 * Print a frame: `> 5 |     base_ur: …` for the highlighted line, `  4 |     type: …` for context,
 * and a caret line under the highlighted one. `mark` colours the `>` and the carets.
 */
export function formatCodeFrame(
  frame: CodeFrame,
  width: number,
  paint: Palette,
  mark: (text: string) => string,
): string[] {
  const out: string[] = [];
  for (const row of frame.rows) {
    const gutter = paint.dim(`${String(row.lineNumber).padStart(width)} |`);
    const pointer = row.highlighted ? mark(">") : " ";
    out.push(`${pointer} ${gutter}${row.text === "" ? "" : ` ${row.text}`}`);
    if (row.highlighted) {
      out.push(
        `  ${paint.dim(`${" ".repeat(width)} |`)} ${" ".repeat(frame.markerStart)}${mark("^".repeat(frame.markerLength))}`,
      );
    }
  }
  return out;
}
