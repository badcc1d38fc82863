import type { YAMLError } from "yaml";
import type { Diagnostic, SourceRange } from "../../diagnostics/diagnostic.js";

/** What a slip detector sees: the working lines of the file and the parser's first error. */
export interface SlipContext {
  /** The file's lines as repaired so far (no line breaks, no `\r`). */
  readonly lines: readonly string[];
  /** Lines inside a block scalar's body (content, not structure). */
  readonly body: readonly boolean[];
  /** The parser's first error in the working text, and the 0-based line it is on. */
  readonly error: YAMLError;
  readonly errorLine: number;
  /** The file name diagnostics report. */
  readonly file: string;
  /** The range of 0-based `[start, end)` columns of a 0-based line, in the original file. */
  range(line: number, start: number, end: number): SourceRange;
}

/**
 * One way a hand-editing slip may explain a parse error: a replacement for one line that, if it
 * makes the parser's errors go away, identifies the slip. The explainer tries every proposal near
 * the error and keeps the one that leaves the fewest errors (ties go to the lowest `rank`).
 */
export interface Repair {
  /** 0-based line replaced. */
  readonly line: number;
  /** Its new text. */
  readonly text: string;
  /** Preference among repairs that fix equally much: lower wins. */
  readonly rank: number;
  /** The diagnostic that names the slip (built only for the repair that is kept). */
  diagnostic(): Diagnostic;
  /** A repair that needs no diagnostic of its own (a tab line's indentation, already reported). */
  readonly silent?: boolean;
  /** Lines after `line` that the repair empties too (a second document). */
  readonly clearAfter?: boolean;
}

/** A family of slips: proposes repairs for one line of the working text. */
export interface Slip {
  readonly name: string;
  propose(context: SlipContext, line: number): readonly Repair[];
}

/** Base ranks of the slip families, in order of how specific their evidence is. */
export const RANK = {
  flexible: 0,
  unclosed: 10,
  keySeparator: 20,
  listItem: 30,
  unquotedValue: 40,
  indentation: 50,
} as const;

/** `` `text` `` with backticks in it shown safely. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
