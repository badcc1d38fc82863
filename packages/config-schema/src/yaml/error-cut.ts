import type { Document, LineCounter } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { plural } from "../text/plural.js";
import { jsYamlComplaints } from "./fast-load.js";
import { rangeFromOffsets } from "./positions.js";

/**
 * Files at least this large that do not parse are read only up to {@link LINES_PAST_FIRST_ERROR}
 * lines past their first syntax error. The strict tier (the `yaml` package's positioned document)
 * costs about 5 µs a line: a 150,000-line file with a broken line near its top took 1–2 s of CPU in
 * every command, for diagnostics that stop mattering after the first (fuzz budget, #10). Smaller
 * files, which people edit by hand, are always read whole.
 */
export const ERROR_CUT_MIN_LENGTH = 64 * 1024;

/**
 * How many lines past the first syntax error a large file is read: enough for the errors near it,
 * few enough that the diagnostic saying where reading stopped is not itself capped away (a file
 * lists at most 1,000 diagnostics; a broken line can make two or three).
 */
export const LINES_PAST_FIRST_ERROR = 200;

/**
 * How many lines of a large file that does not parse the strict tier reads at most. When js-yaml's
 * first syntax error lies further on, the strict tier reads this many lines (for the errors and
 * repeated keys among them) and js-yaml's error is reported where js-yaml found it: reading the
 * lines between cost about 10 µs each, 1.5–2 s for a 150,000-line file with its first syntax error
 * at the end (fuzz seed 20261211 input 9793: 150,000 repeated keys, then 104,000 unclosed `{`).
 */
export const STRICT_READ_MAX_LINES = 20_000;

/**
 * js-yaml complaints the `yaml` package may not share (tags and directives it reads, characters it
 * accepts): never reported on js-yaml's word alone.
 */
const NOT_ONLY_SYNTAX = /tag|directive|non-printable|character/i;

/**
 * How many problems in the {@link LINES_PAST_FIRST_ERROR} lines from a well-formed large file's first
 * repeated key make it a run of them, and reading stop there (half the lines).
 */
export const MANY_REPEATS = LINES_PAST_FIRST_ERROR / 2;

/** The end of the hints of the diagnostics that say a large broken file was not read whole. */
const BROKEN_LARGE_FILE =
  " A file this large with broken syntax is often not the file that was meant (check the path) or was damaged: restore it from a backup.";

/** A strict parse of a large file's beginning that already has syntax errors. */
export interface ErrorCut {
  /** The document of `text.slice(0, offset)`: errors at or past `offset` (the cut's own) removed. */
  readonly document: Document.Parsed;
  /** Offset of the first character not read (a line start). */
  readonly offset: number;
  /**
   * js-yaml's first syntax error, when it lies past the {@link STRICT_READ_MAX_LINES} lines read:
   * reported as js-yaml found it.
   */
  readonly beyond?: { readonly offset: number; readonly reason: string };
  /** The text is well-formed, and reading stopped in a run of repeated keys. */
  readonly tooMany?: true;
}

/** The start of the line `lines` lines after the one holding `offset`, or `text.length`. */
function lineStartAfter(text: string, offset: number, lines: number): number {
  let at = offset;
  for (let n = 0; n < lines; n++) {
    const next = text.indexOf("\n", at);
    if (next === -1) return text.length;
    at = next + 1;
  }
  return at;
}

/** The strict reading of `text.slice(0, offset)`, without the errors the cut itself makes. */
function readBefore(text: string, offset: number, parse: (text: string) => Document.Parsed): Document.Parsed {
  const document = parse(text.slice(0, offset));
  const before = document.errors.filter((error) => error.pos[0] < offset);
  document.errors.length = 0;
  for (const error of before) document.errors.push(error);
  const warnings = document.warnings.filter((warning) => warning.pos[0] < offset);
  document.warnings.length = 0;
  for (const warning of warnings) document.warnings.push(warning);
  return document;
}

/**
 * The strict reading of the beginning of a large `text` that does not parse, or `undefined` to read
 * it whole. js-yaml finds where the text first fails (linear, and it stops there; repeated keys are
 * read past). When that is within {@link STRICT_READ_MAX_LINES} lines, the strict tier reads up to
 * {@link LINES_PAST_FIRST_ERROR} lines past it, and that reading is used only when it has syntax
 * errors of its own before the cut (js-yaml refuses some text the strict tier reads; a file whose
 * errors all lie further on is read whole). Further on, the strict tier reads the first
 * {@link STRICT_READ_MAX_LINES} lines (or {@link LINES_PAST_FIRST_ERROR} past the first repeated key)
 * and js-yaml's error is reported as it stands (`beyond`), unless it is one js-yaml may be alone in
 * making (a tag, a character): then the file is read whole. A file the strict tier would read whole
 * whose first repeated key starts a run of them ({@link MANY_REPEATS} problems in the
 * {@link LINES_PAST_FIRST_ERROR} lines from it) is read up to there instead (`tooMany`). What the cut itself
 * breaks (a collection or quote left open) is reported at the cut's offset: those errors are dropped.
 * `problems` counts what the strict tier reports of a document beyond its syntax errors (repeated
 * keys and the like).
 */
export function readUpToFirstErrors(
  text: string,
  parse: (text: string) => Document.Parsed,
  problems: (document: Document.Parsed) => number,
): ErrorCut | undefined {
  if (text.length < ERROR_CUT_MIN_LENGTH) return undefined;
  const complaints = jsYamlComplaints(text);
  if (complaints === undefined) return undefined;
  const { syntax, repeatedKeyAt } = complaints;
  // Where the strict tier would read whole: a run of repeated keys still stops it (a file of 145,000
  // repeated keys and an alias, which the plain reader declines, took 1.9 s of CPU; fuzz seed
  // 20261211 input 39104); a few are reported and the file is read whole.
  const runOfRepeats = (): ErrorCut | undefined => {
    if (repeatedKeyAt === undefined) return undefined;
    const offset = lineStartAfter(text, repeatedKeyAt, LINES_PAST_FIRST_ERROR + 1);
    if (offset >= text.length) return undefined;
    const document = readBefore(text, offset, parse);
    if (document.errors.length > 0 || problems(document) < MANY_REPEATS) return undefined;
    return { document, offset, tooMany: true };
  };
  if (syntax === undefined) return runOfRepeats();
  const window = lineStartAfter(text, 0, STRICT_READ_MAX_LINES);
  if (syntax.offset >= window && window < text.length) {
    if (NOT_ONLY_SYNTAX.test(syntax.reason)) return runOfRepeats();
    // Past a repeated key, only a little further (a file of repeats makes one diagnostic a line;
    // the two that say where reading stopped must not be capped away, see cap.ts).
    const stop =
      repeatedKeyAt === undefined
        ? window
        : Math.min(window, lineStartAfter(text, repeatedKeyAt, LINES_PAST_FIRST_ERROR + 1));
    return { document: readBefore(text, stop, parse), offset: stop, beyond: syntax };
  }
  const offset = lineStartAfter(text, syntax.offset, LINES_PAST_FIRST_ERROR + 1);
  if (offset >= text.length) return runOfRepeats();
  const document = readBefore(text, offset, parse);
  return document.errors.length === 0 ? runOfRepeats() : { document, offset };
}

/**
 * The SY1001 that says where reading stopped and how much was not read, and the one of js-yaml's
 * error past it (when it is {@link ErrorCut.beyond} the lines read).
 */
export function errorCutDiagnostics(
  file: string,
  cut: ErrorCut,
  text: string,
  lineCounter: LineCounter,
): Diagnostic[] {
  const range = rangeFromOffsets(lineCounter, cut.offset, Math.min(text.length, cut.offset + 1));
  // The text's lines; a final line break does not start another.
  const total = lineCounter.lineStarts.length - (text.endsWith("\n") ? 1 : 0);
  const unread = total - range.start.line + 1;
  if (cut.tooMany)
    return [
      schemaDiagnostic("SY1001", {
        message: `Reading stopped ${LINES_PAST_FIRST_ERROR} lines past the first repeated key, among many repeated keys; the rest of the file (${plural(unread, "line")}) was not read`,
        file,
        range,
        hint: "Fix the repeated keys listed above and run again: the rest of the file is read once they are fixed. A file with this many repeated keys is often not the file that was meant (check the path) or was damaged: restore it from a backup.",
      }),
    ];
  if (cut.beyond === undefined)
    return [
      schemaDiagnostic("SY1001", {
        message: `Reading stopped ${LINES_PAST_FIRST_ERROR} lines past the first syntax error; the rest of the file (${plural(unread, "line")}) was not read`,
        file,
        range,
        hint: `Fix the errors listed above and run again: the rest of the file is read once its beginning parses.${BROKEN_LARGE_FILE}`,
      }),
    ];
  const at = rangeFromOffsets(lineCounter, cut.beyond.offset, Math.min(text.length, cut.beyond.offset + 1));
  return [
    schemaDiagnostic("SY1001", {
      message: `Reading stopped at line ${range.start.line}: the first syntax error is further on (line ${at.start.line}); the rest of the file (${plural(unread, "line")}) was not read`,
      file,
      range,
      hint: `Fix the syntax error reported below and run again: a file this large is read in full once it parses.${BROKEN_LARGE_FILE}`,
    }),
    schemaDiagnostic("SY1001", {
      message: `The YAML does not parse here: ${cut.beyond.reason || "syntax error"}`,
      file,
      range: at,
      hint: "Fix this line (a bracket or quote left open, a line indented wrongly, a `- ` among keys) and run again.",
    }),
  ];
}
