import type { Document, LineCounter } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { plural } from "../text/plural.js";
import { firstJsYamlError } from "./fast-load.js";
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

/** A strict parse of a large file's beginning that already has syntax errors. */
export interface ErrorCut {
  /** The document of `text.slice(0, offset)`: errors at or past `offset` (the cut's own) removed. */
  readonly document: Document.Parsed;
  /** Offset of the first character not read (a line start). */
  readonly offset: number;
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

/**
 * The strict reading of the beginning of a large `text` that does not parse, or `undefined` to read
 * it whole. js-yaml finds where the text first fails (linear, and it stops there); the strict tier
 * reads up to {@link LINES_PAST_FIRST_ERROR} lines past it, and that reading is used only when it has
 * syntax errors of its own before the cut (js-yaml refuses some text the strict tier reads, e.g.
 * duplicate keys; a file whose errors all lie further on is read whole). What the cut itself breaks
 * (a collection or quote left open) is reported at the cut's offset: those errors are dropped.
 */
export function readUpToFirstErrors(
  text: string,
  parse: (text: string) => Document.Parsed,
): ErrorCut | undefined {
  if (text.length < ERROR_CUT_MIN_LENGTH) return undefined;
  const first = firstJsYamlError(text);
  if (first === undefined) return undefined;
  const offset = lineStartAfter(text, first, LINES_PAST_FIRST_ERROR + 1);
  if (offset >= text.length) return undefined;
  const document = parse(text.slice(0, offset));
  const before = document.errors.filter((error) => error.pos[0] < offset);
  if (before.length === 0) return undefined;
  document.errors.length = 0;
  for (const error of before) document.errors.push(error);
  const warnings = document.warnings.filter((warning) => warning.pos[0] < offset);
  document.warnings.length = 0;
  for (const warning of warnings) document.warnings.push(warning);
  return { document, offset };
}

/** The SY1001 that says where reading stopped and how much was not read. */
export function errorCutDiagnostic(
  file: string,
  cut: ErrorCut,
  text: string,
  lineCounter: LineCounter,
): Diagnostic {
  const range = rangeFromOffsets(lineCounter, cut.offset, Math.min(text.length, cut.offset + 1));
  // The text's lines; a final line break does not start another.
  const total = lineCounter.lineStarts.length - (text.endsWith("\n") ? 1 : 0);
  const unread = total - range.start.line + 1;
  return schemaDiagnostic("SY1001", {
    message: `Reading stopped ${LINES_PAST_FIRST_ERROR} lines past the first syntax error; the rest of the file (${plural(unread, "line")}) was not read`,
    file,
    range,
    hint: "Fix the errors listed above and run again: the rest of the file is read once its beginning parses. A file this large with broken syntax is often not the file that was meant (check the path) or was damaged: restore it from a backup.",
  });
}
