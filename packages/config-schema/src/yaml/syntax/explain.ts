import type { Document, YAMLError } from "yaml";
import type { Diagnostic, SourceRange } from "../../diagnostics/diagnostic.js";
import { NESTING_TOO_DEEP } from "../nesting-cap.js";
import { blockScalarBodies, indentOf, isBlankOrComment } from "./lines.js";
import type { Repair, Slip, SlipContext } from "./slip.js";
import { indentation } from "./slips/indentation.js";
import { keySeparator } from "./slips/key-separator.js";
import { listItems } from "./slips/list-items.js";
import { openAtEnd, unclosed } from "./slips/unclosed.js";
import { unquotedValue } from "./slips/unquoted-value.js";
import { repairTabs } from "./tabs.js";

/** Every slip family, tried at each line near a parse error. */
const SLIPS: readonly Slip[] = [unclosed, keySeparator, listItems, unquotedValue, indentation];

/**
 * Larger files get the parser's own errors (one per line): the search re-parses the file after each
 * repair, up to forty times its size. 64 KiB, the size of a hand-edited file (see error-cut.ts, which
 * cuts a larger broken file down to its first errors, so those are still explained). At 512 KiB a
 * 376 KB file of 75,000 lines with one bracket left open took 21 s of CPU (fuzz seed 20261209).
 */
export const EXPLAIN_MAX_LENGTH = 64 * 1024;
/**
 * A file with more parser errors than this is not a file with a few slips (a binary, another
 * format, a hostile input): it gets the parser's own errors.
 */
export const EXPLAIN_MAX_ERRORS = 200;
/** At most this many slips are explained in one file; the rest are the parser's errors. */
const MAX_STEPS = 50;
/** Lines around the error whose repairs are tried. */
const WINDOW = 3;
/** Repairs are scored on the part of the file around them, at most this many lines. */
const MAX_SEGMENT_LINES = 400;

export interface ExplainOptions {
  readonly file: string;
  /** The strict parser (the same options as the file was parsed with). */
  readonly parse: (text: string) => Document.Parsed;
  /** The errors of the file as parsed already (saves parsing it again). */
  readonly errors?: readonly YAMLError[];
  /** The parser's own diagnostic for an error no slip explains, at the given range. */
  readonly describe: (error: YAMLError, range: SourceRange) => Diagnostic;
}

/** Offsets of the first character of each line of `lines` joined with `\n`. */
function lineStartsOf(lines: readonly string[], lengths: (i: number) => number): number[] {
  const starts = new Array<number>(lines.length);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += lengths(i) + 1;
  }
  return starts;
}

/** The 0-based line holding `offset`, by binary search over line starts. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A parser that counts what it reads and refuses to read more than its budget. */
class BudgetedParser {
  private left: number;
  constructor(
    private readonly parse: ExplainOptions["parse"],
    budget: number,
  ) {
    this.left = budget;
  }
  get exhausted(): boolean {
    return this.left <= 0;
  }
  errors(lines: readonly string[]): readonly YAMLError[] {
    const text = lines.join("\n");
    this.left -= text.length + 1;
    return this.parse(text).errors;
  }
}

/** Lines of context kept around a repair when it is scored on part of the file. */
const CONTEXT = 12;

/**
 * The part of the file around lines `from`..`to` that parses like the whole file does there: it
 * starts and ends at entries no deeper than any line in between (so their parents and siblings
 * read the same), with some context on each side. `undefined` when that part would be too large.
 */
function segmentAround(
  lines: readonly string[],
  body: readonly boolean[],
  from: number,
  to: number,
): { start: number; end: number } | undefined {
  const structural = (j: number) => !body[j] && !isBlankOrComment(lines[j]!);
  const first = Math.max(0, from - CONTEXT);
  const last = Math.min(lines.length - 1, to + CONTEXT);
  let least = Number.POSITIVE_INFINITY;
  for (let j = first; j <= last; j++) if (structural(j)) least = Math.min(least, indentOf(lines[j]!));
  if (least === Number.POSITIVE_INFINITY) least = 0;
  let start = 0;
  for (let j = first; j > 0; j--) {
    if (structural(j) && indentOf(lines[j]!) <= least) {
      start = j;
      break;
    }
  }
  let end = lines.length;
  for (let j = last + 1; j < lines.length; j++) {
    if (structural(j) && indentOf(lines[j]!) <= least) {
      end = j;
      break;
    }
  }
  if (end - start > MAX_SEGMENT_LINES) return undefined;
  return { start, end };
}

/**
 * Explain a file that does not parse as the hand-editing slips that broke it: one diagnostic per
 * mistake, at the line that holds it, instead of the parser's cascade of errors. Each round takes
 * the parser's first error, tries the repairs every slip family proposes on the lines around it
 * (re-indent, close a quote, add the space after `:`, quote a value, …), keeps the one that leaves
 * the fewest errors, reports it, and parses again. Tabs are reported once per line first. What no
 * repair explains is reported as the parser says it, one error per line.
 */
export function explainSyntaxErrors(text: string, options: ExplainOptions): Diagnostic[] {
  const { file, parse, describe } = options;
  const original = text.split("\n");
  const originalStarts = lineStartsOf(original, (i) => original[i]!.length);
  const range = (line: number, start: number, end: number): SourceRange => {
    const base = originalStarts[line] ?? text.length;
    // Columns found on a repaired line can run past the end of the line as written (re-indenting
    // `dels:` makes it longer), and the parser can point one past the end of the text: they are kept
    // on the line, so line, column and offset agree.
    const width = original[line]?.length ?? 0;
    const at = (column: number) => {
      const kept = Math.min(column, width);
      return { line: line + 1, column: kept + 1, offset: base + kept };
    };
    return { start: at(start), end: at(Math.max(end, start)) };
  };
  const stripped = original.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  const body = blockScalarBodies(stripped);
  const tabs = repairTabs(stripped, body, file, range);
  const working = tabs.lines;
  const diagnostics: Diagnostic[] = [...tabs.diagnostics];

  // Re-parsing is bounded: about forty times the file, whatever the file.
  const parser = new BudgetedParser(parse, 40 * text.length + 1_000_000);
  let errors =
    options.errors !== undefined && working.every((line, i) => line === original[i])
      ? options.errors
      : parser.errors(working);
  for (let step = 0; step < MAX_STEPS && errors.length > 0 && !parser.exhausted; step++) {
    const starts = lineStartsOf(working, (i) => working[i]!.length);
    const first = errors.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
    const errorLine = lineAt(starts, first.pos[0]);
    // Nesting past the cap is no slip a repair explains, and each attempt re-reads the file up to
    // the cap (0.3 s of CPU for 400 levels of indentation): the cap's error says what it is.
    if (first.code === NESTING_TOO_DEEP) break;
    if (first.code === "MULTIPLE_DOCS") {
      diagnostics.push(describe(first, range(errorLine, 0, working[errorLine]!.length)));
      for (let j = errorLine; j < working.length; j++) working[j] = "";
      errors = parser.errors(working);
      continue;
    }
    const context: SlipContext = { lines: working, body, error: first, errorLine, file, range };
    const best = bestRepair(context, tabs.flexible, parser);
    if (best === undefined) break;
    const before = working[best.line]!;
    working[best.line] = best.text;
    const after = parser.errors(working);
    if (after.length >= errors.length) {
      working[best.line] = before;
      break;
    }
    if (!best.silent) diagnostics.push(best.diagnostic());
    errors = after;
  }
  if (errors.length > 0) {
    // What no slip explains, as the parser reports it: the first error of each line.
    const starts = lineStartsOf(working, (i) => working[i]!.length);
    const seen = new Set<number>();
    for (const error of [...errors].sort((a, b) => a.pos[0] - b.pos[0])) {
      const line = lineAt(starts, error.pos[0]);
      if (seen.has(line)) continue;
      if (isBlankOrComment(working[line]!) && seen.size > 0) continue;
      seen.add(line);
      const column = error.pos[0] - starts[line]!;
      const endColumn = Math.min(working[line]!.length, column + Math.max(1, error.pos[1] - error.pos[0]));
      diagnostics.push(describe(error, range(line, column, Math.max(endColumn, column + 1))));
    }
  }
  return diagnostics;
}

/**
 * The repair near the first error that explains it best: the most likely one (lowest rank) that
 * leaves no error in the part of the file around it, else the one that removes the most errors
 * there. `undefined` when none removes any.
 */
function bestRepair(
  context: SlipContext,
  flexible: ReadonlySet<number>,
  parser: BudgetedParser,
): Repair | undefined {
  const { lines, body, errorLine } = context;
  const candidates: Repair[] = [];
  const lineSet = new Set<number>();
  for (let j = Math.max(0, errorLine - WINDOW); j <= Math.min(lines.length - 1, errorLine + WINDOW); j++)
    lineSet.add(j);
  // Unclosed quotes and brackets: the nearest few lines above that leave one open (an unclosed
  // quote can swallow the rest of the file, so the parser's error may be far below it).
  let openers = 0;
  for (let j = Math.min(lines.length - 1, errorLine); j >= 0; j--) {
    if (body[j] || isBlankOrComment(lines[j]!) || openAtEnd(lines[j]!) === undefined) continue;
    lineSet.add(j);
    if (++openers === 3) break;
  }
  for (const line of lineSet) {
    for (const slip of SLIPS) {
      for (const repair of slip.propose(context, line)) {
        // A tab line's indentation was a guess: correcting it is part of the tab's diagnostic.
        if (flexible.has(line) && slip === indentation)
          candidates.push({ ...repair, rank: repair.rank - 50, silent: true, diagnostic: repair.diagnostic });
        else candidates.push(repair);
      }
    }
  }
  if (candidates.length === 0) return undefined;
  // Most likely first: the first repair that leaves no error at all cannot be beaten.
  candidates.sort((a, b) => a.rank - b.rank);

  // Repairs are scored on the part of the file around the error (one part for every repair near
  // it, so they compare fairly), or around themselves for an opener far above it.
  const parts = new Map<string, { start: number; lines: string[]; baseline: number }>();
  const near = (line: number) => Math.abs(line - errorLine) <= 2 * WINDOW;
  const partFor = (line: number) => {
    const from = near(line) ? Math.max(0, errorLine - 2 * WINDOW) : line;
    const to = Math.min(lines.length - 1, near(line) ? errorLine + 2 * WINDOW : line + WINDOW);
    let segment = segmentAround(lines, body, from, to) ?? { start: 0, end: lines.length };
    const key = `${segment.start}:${segment.end}`;
    const known = parts.get(key);
    if (known !== undefined) return known;
    let part = lines.slice(segment.start, segment.end);
    let baseline = parser.errors(part).length;
    if (baseline === 0 && (segment.start > 0 || segment.end < lines.length)) {
      // The part alone parses: the error needs context from outside it.
      segment = { start: 0, end: lines.length };
      part = [...lines];
      baseline = parser.errors(part).length;
    }
    const made = { start: segment.start, lines: part, baseline };
    parts.set(key, made);
    return made;
  };

  let best: { repair: Repair; removed: number } | undefined;
  for (const repair of candidates) {
    if (parser.exhausted) break;
    const part = partFor(repair.line);
    const index = repair.line - part.start;
    if (index < 0 || index >= part.lines.length) continue;
    const saved = part.lines[index]!;
    part.lines[index] = repair.text;
    const count = parser.errors(part.lines).length;
    part.lines[index] = saved;
    if (count === 0 && part.baseline > 0) return repair;
    const removed = part.baseline - count;
    if (removed > 0 && (best === undefined || removed > best.removed)) best = { repair, removed };
  }
  return best?.repair;
}
