import type { SourceRange } from "../diagnostics/diagnostic.js";
import { findSecretSpans } from "../secrets/detect.js";
import type { SecretSpan } from "../secrets/formats.js";
import { redactSecret } from "../secrets/redact.js";
import type { Palette } from "./ansi.js";
import { positiveInt } from "./location.js";
import { sanitizeForTerminal, sanitizeLines } from "./sanitize.js";

/** A frame row as printed: `##[` broken (rows start with the gutter, so `::` cannot start a line). */
function guardRow(text: string): string {
  return text.includes("##") ? sanitizeLines(text) : text;
}

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

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * A source prepared once for any number of frames: its line starts and its secret spans, so that a
 * file with thousands of diagnostics is split and scanned once, not once per frame.
 */
export interface FrameSource {
  readonly text: string;
  /** Offset of the first character of each line (0 first). */
  readonly lineStarts: readonly number[];
  /** Secrets in the text (sorted, not overlapping), shown redacted in every frame. */
  readonly secrets: readonly SecretSpan[];
}

/** The last few sources prepared: a file with 1,000 diagnostics is split and scanned once, not 1,000 times. */
const prepared = new Map<string, FrameSource>();
const PREPARED_CACHED = 8;

/** Prepare a source for {@link buildCodeFrame}: line starts and secret spans (config-schema's detector). */
export function prepareFrameSource(text: string): FrameSource {
  const cached = prepared.get(text);
  if (cached !== undefined) return cached;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const source = { text, lineStarts, secrets: findSecretSpans(text) };
  if (prepared.size >= PREPARED_CACHED) prepared.clear();
  prepared.set(text, source);
  return source;
}

/** The spans of `secrets` that touch `[from, to)` (binary search: the list is sorted and disjoint). */
function secretsIn(secrets: readonly SecretSpan[], from: number, to: number): SecretSpan[] {
  let low = 0;
  let high = secrets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (secrets[mid]!.end <= from) low = mid + 1;
    else high = mid;
  }
  const out: SecretSpan[] = [];
  for (let i = low; i < secrets.length && secrets[i]!.start < to; i++) out.push(secrets[i]!);
  return out;
}

/**
 * A piece of a line with its secrets redacted, and where each of its UTF-16 indexes went. An index
 * inside a secret maps to the start of its redaction (its end to the redaction's end).
 */
function redactPiece(
  raw: string,
  offset: number,
  secrets: readonly SecretSpan[],
): { text: string; map: (index: number) => number } {
  if (secrets.length === 0) return { text: raw, map: (index) => index };
  const cuts: { start: number; end: number; newStart: number; newEnd: number }[] = [];
  let text = "";
  let last = 0;
  for (const span of secrets) {
    const start = Math.max(0, span.start - offset);
    const end = Math.min(raw.length, span.end - offset);
    if (end <= start || start < last) continue;
    text += raw.slice(last, start);
    const newStart = text.length;
    text += redactSecret(raw.slice(start, end));
    cuts.push({ start, end, newStart, newEnd: text.length });
    last = end;
  }
  text += raw.slice(last);
  return {
    text,
    map: (index) => {
      let shift = 0;
      for (const cut of cuts) {
        if (index < cut.start) break;
        if (index < cut.end) return cut.newStart;
        shift = cut.newEnd - cut.end;
      }
      return index + shift;
    },
  };
}

/**
 * Build a Babel-style code frame for `range` in `source`. Multi-line spans are marked from their
 * start to the end of their first line; a range past the end of the file is shown at the end of
 * the last line. Secrets in the shown lines are redacted (`sk-p…**** (51 chars)`), and a line longer
 * than a few screen widths is cut around the span before it is measured, so a 100 000-character line
 * costs no more than a short one. Never throws, whatever the range.
 */
export function buildCodeFrame(
  input: string | FrameSource,
  range: SourceRange,
  options: CodeFrameOptions = {},
): CodeFrame {
  const source = typeof input === "string" ? prepareFrameSource(input) : input;
  const linesAbove = options.linesAbove ?? 2;
  const linesBelow = options.linesBelow ?? 3;
  const maxWidth = Math.max(20, options.maxWidth ?? 160);
  const tabWidth = Math.max(1, options.tabWidth ?? 4);
  const { text, lineStarts } = source;
  const lineCount = lineStarts.length;

  /** Line `n` (1-based) without its newline and a final `\r`, and where it starts. */
  const lineAt = (n: number): { start: number; raw: string } => {
    const start = lineStarts[n - 1] ?? text.length;
    let end = n < lineCount ? lineStarts[n]! - 1 : text.length;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return { start, raw: text.slice(start, end) };
  };

  // The empty "line" after a final newline is shown only when the range points at it.
  const lastContentLine = lineCount > 1 && text.endsWith("\n") ? lineCount - 1 : lineCount;

  let line = positiveInt(range.start.line);
  let startColumn: number;
  let endColumn: number;
  if (line > lineCount) {
    line = lineCount;
    startColumn = lineAt(line).raw.length + 1;
    endColumn = startColumn + 1;
  } else {
    const length = lineAt(line).raw.length;
    startColumn = clamp(positiveInt(range.start.column), 1, length + 1);
    const endLine = positiveInt(range.end.line);
    if (endLine === line)
      endColumn = Math.max(startColumn + 1, Math.min(positiveInt(range.end.column), length + 1));
    else if (endLine > line) endColumn = Math.max(startColumn + 1, length + 1);
    else endColumn = startColumn + 1;
  }

  // Long lines are cut, in raw characters, to a few screen widths around the span first.
  const rawLimit = maxWidth * 4;
  const rawFrom = Math.max(0, startColumn - 1 - maxWidth * 2);

  const first = Math.max(1, line - linesAbove);
  const last = Math.max(line, Math.min(lastContentLine, line + linesBelow));
  const rendered = [] as {
    lineNumber: number;
    cells: string[];
    highlighted: boolean;
    cutBefore: boolean;
    cutAfter: boolean;
  }[];
  let markerStart = 0;
  let markerEnd = 1;
  for (let n = first; n <= last; n++) {
    const { start: lineStart, raw: whole } = lineAt(n);
    const long = whole.length > rawLimit;
    let from = long ? Math.min(rawFrom, Math.max(0, whole.length - rawLimit)) : 0;
    let to = long ? Math.min(whole.length, from + rawLimit) : whole.length;
    // Never split a surrogate pair.
    if (from > 0 && (whole.charCodeAt(from) & 0xfc00) === 0xdc00) from++;
    if (to < whole.length && (whole.charCodeAt(to - 1) & 0xfc00) === 0xd800) to--;
    const piece = from === 0 && to === whole.length ? whole : whole.slice(from, to);
    const redacted = redactPiece(
      piece,
      lineStart + from,
      secretsIn(source.secrets, lineStart + from, lineStart + to),
    );
    const { cells, columns } = toCells(redacted.text, tabWidth);
    const cutBefore = from > 0;
    const cutAfter = to < whole.length;
    if (n === line) {
      const column = (rawIndex: number): number => {
        const local = clamp(rawIndex - from, 0, piece.length);
        return columns[redacted.map(local)] ?? cells.length;
      };
      markerStart = column(startColumn - 1);
      // A caret just past the end of the line (at its newline, or at the end of the file).
      markerEnd = endColumn - 1 <= whole.length ? column(endColumn - 1) : cells.length + 1;
      if (endColumn - 1 > to) markerEnd = cells.length + (cutAfter ? 0 : 1);
      markerEnd = Math.max(markerEnd, markerStart + 1);
    }
    rendered.push({ lineNumber: n, cells, highlighted: n === line, cutBefore, cutAfter });
  }

  // A highlighted line wider than maxWidth is cut to a window around the span; context lines that
  // fit are shown whole ("short: 1" says more than an ellipsis), longer ones are cut to the same window.
  const highlightedRow = rendered.find((row) => row.highlighted)!;
  const highlightedWidth = highlightedRow.cells.length;
  const windowed = highlightedWidth > maxWidth;
  const windowStart =
    windowed && markerEnd > maxWidth - 10
      ? Math.max(0, Math.min(markerStart - CONTEXT_BEFORE_SPAN, highlightedWidth + 1 - maxWidth))
      : 0;
  const rows: FrameRow[] = rendered.map((row) => {
    if (row.cells.length <= maxWidth && !(row.highlighted && windowed) && !row.cutBefore && !row.cutAfter) {
      return { lineNumber: row.lineNumber, text: guardRow(row.cells.join("")), highlighted: row.highlighted };
    }
    const visible = row.cells.slice(windowStart, windowStart + maxWidth).join("");
    const before = windowStart > 0 || row.cutBefore ? ELLIPSIS : "";
    const after = row.cells.length > windowStart + maxWidth || row.cutAfter ? ELLIPSIS : "";
    return {
      lineNumber: row.lineNumber,
      text: guardRow(`${before}${visible}${after}`),
      highlighted: row.highlighted,
    };
  });
  const cutBefore = windowStart > 0 || highlightedRow.cutBefore;
  const shift = (cutBefore ? 1 : 0) - windowStart;
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
