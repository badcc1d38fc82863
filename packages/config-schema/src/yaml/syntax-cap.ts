import { Lexer, type LineCounter } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { rangeFromOffsets } from "./positions.js";

/**
 * Unclosed flow collections (`{` or `[` the lexer had to end at a line break) read before parsing
 * stops. The `yaml` package's composer spends time quadratic in their number (a 220 KB file of `{`
 * lines took 15 s, 60 s at 220 KB in a quiet process); past this many the file is not a config file
 * anyone meant, and the errors found so far say so.
 */
export const MAX_UNCLOSED_FLOW_COLLECTIONS = 200;

/** The lexer's marker of a flow collection it ended because of an error. */
const FLOW_ERROR_END = "\u0018";
/** The lexer's zero-width markers: a document start and a scalar. */
const ZERO_WIDTH = new Set(["\u0002", "\u001f", FLOW_ERROR_END]);

/** Where to stop parsing a file with too many syntax errors, or `undefined` to parse it whole. */
export interface SyntaxCut {
  /** Offset of the first character not parsed. */
  readonly offset: number;
  /** Offset of the last unclosed `{` or `[` counted (where the diagnostic points). */
  readonly at: number;
  readonly unclosed: number;
}

/**
 * Find where parsing should stop: after {@link MAX_UNCLOSED_FLOW_COLLECTIONS} unclosed flow
 * collections. A linear character count first: only a file with that many more opening than
 * closing brackets is lexed (the lexer is linear; composing is what is not).
 */
export function findSyntaxCut(text: string, max = MAX_UNCLOSED_FLOW_COLLECTIONS): SyntaxCut | undefined {
  let balance = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) balance++;
    else if (c === 0x7d || c === 0x5d) balance--;
  }
  if (balance < max) return undefined;
  let offset = 0;
  let at = 0;
  let unclosed = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "{" || token === "[") at = offset;
    if (token === FLOW_ERROR_END) {
      unclosed++;
      if (unclosed >= max) return { offset, at, unclosed };
    }
    if (!ZERO_WIDTH.has(token)) offset += token.length;
  }
  return undefined;
}

/** The SY1001 that says where and why parsing stopped. */
export function syntaxCutDiagnostic(
  file: string,
  cut: SyntaxCut,
  lineCounter: LineCounter,
  textLength: number,
): Diagnostic {
  return schemaDiagnostic("SY1001", {
    message: `Parsing stopped after ${cut.unclosed} unclosed flow collections ('{' or '['); the rest of the file was not read`,
    file,
    range: rangeFromOffsets(lineCounter, cut.at, Math.min(textLength, cut.at + 1)),
    hint: "Close each `{` with `}` and each `[` with `]` on the same logical value, or use block style (one `key: value` per line). A file with this many broken brackets is often not the file that was meant.",
  });
}
