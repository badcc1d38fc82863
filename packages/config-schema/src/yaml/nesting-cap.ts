import { type CST, type ErrorCode, Lexer, Parser } from "yaml";

/**
 * The deepest nesting of collections (block or flow) the loader reads. The `yaml` package reads
 * tokens without recursion but composes the document recursively, one level of the JavaScript stack
 * per level of nesting: a line of 87,000 `{` (a fuzz input, seed 20261205-476) nearly exhausted the
 * stack, and a regular expression compiled there aborted the whole process ("RegExpCompiler
 * Allocation failed - process out of memory", Node 20), which no `try` can catch. Config files
 * never need more than a dozen levels.
 */
export const MAX_NESTING_DEPTH = 100;

/** The error code of the `yaml` parse error {@link readTokens} adds (not one of the package's own). */
export const NESTING_TOO_DEEP = "NESTING_TOO_DEEP" as ErrorCode;

/** The CST of a text, read up to where its nesting first goes deeper than the cap. */
export interface CappedTokens {
  readonly tokens: CST.Token[];
  /** Offset of the token that went too deep; `undefined` when the whole text was read. */
  readonly tooDeepAt?: number;
}

/**
 * Read `text` into CST tokens as `yaml`'s `parseDocument` does (`Parser.parse`), but stop at the
 * first token that opens a collection deeper than `max` levels: what was read so far is closed and
 * kept, the rest is not read. Linear, no recursion.
 */
export function readTokens(
  text: string,
  onNewLine: ((offset: number) => void) | undefined,
  max = MAX_NESTING_DEPTH,
): CappedTokens {
  const parser = new Parser(onNewLine);
  onNewLine?.(0);
  const tokens: CST.Token[] = [];
  let tooDeepAt: number | undefined;
  for (const lexeme of new Lexer().lex(text)) {
    const offset = parser.offset;
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The stack holds the document, one entry per open collection, and at times the scalar being
    // read: collections are counted only when the stack is long enough to hold too many.
    if (parser.stack.length > max + 1 && openCollections(parser.stack) > max) {
      tooDeepAt = offset;
      break;
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return tooDeepAt === undefined ? { tokens } : { tokens, tooDeepAt };
}

function openCollections(stack: readonly CST.Token[]): number {
  let n = 0;
  for (const token of stack)
    if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") n++;
  return n;
}
