import { CST, Lexer } from "yaml";
import type { Diagnostic, SourceRange } from "../diagnostics/diagnostic.js";
import { DIAGNOSTIC_CODE_PATTERN } from "../schemas/settings.js";
import type { YamlSource } from "../yaml/parse.js";
import { rangeFromOffsets } from "../yaml/positions.js";
import { SUPPRESSION_CODES } from "./catalogue.js";
import type { Suppression } from "./types.js";

/** The word that starts an inline suppression comment. */
export const SUPPRESSION_DIRECTIVE = "switchyard-ignore";

const DIRECTIVE = /^#\s*switchyard-ignore(?![\w-])(.*)$/s;
const BODY = /^\s+(SY\d{4}(?:\s*,\s*SY\d{4})*)\s*(?::(.*))?$/s;

/** The lexer's zero-width control tokens (document start, flow end, scalar); they are not source text. */
const CONTROL_TOKENS: ReadonlySet<string> = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

interface Comment {
  readonly text: string;
  readonly offset: number;
}

/** Every YAML comment of a text with its offset (quoted `#` and block-scalar content are not comments). */
function comments(text: string): Comment[] {
  const out: Comment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKENS.has(token)) continue;
    if (CST.tokenType(token) === "comment") out.push({ text: token, offset });
    offset += token.length;
  }
  return out;
}

function lineStart(text: string, offset: number): number {
  const nl = text.lastIndexOf("\n", offset - 1);
  return nl + 1;
}

function isOwnLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === "";
}

/** The line an own-line comment covers: the next line that is not itself a comment-only line. */
function coveredLineBelow(lines: readonly string[], commentLine: number): number {
  let line = commentLine + 1;
  while (line <= lines.length && /^\s*#/.test(lines[line - 1] ?? "")) line++;
  return line;
}

/** The result of reading the suppression comments of one file. */
export interface InlineSuppressions {
  readonly suppressions: readonly Suppression[];
  /** Malformed comments (SY1094) and comments without a reason (SY1091). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Read the `# switchyard-ignore CODE[, CODE]: reason` comments of a parsed file.
 *
 * A comment that follows content on its line covers findings that start on that line. A comment on
 * a line of its own covers the next line that is not a comment-only line (so several suppression
 * comments can be stacked above one line); a blank line in between ends it, and such a comment is
 * reported as unused. The reason is required: a comment without one is reported (SY1091) and not
 * applied. Never throws.
 */
export function parseInlineSuppressions(source: YamlSource): InlineSuppressions {
  const text = source.text;
  if (!text.includes(SUPPRESSION_DIRECTIVE)) return { suppressions: [], diagnostics: [] };
  const suppressions: Suppression[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split("\n");
  for (const comment of comments(text)) {
    const directive = DIRECTIVE.exec(comment.text);
    if (!directive) continue;
    const range: SourceRange = rangeFromOffsets(
      source.lineCounter,
      comment.offset,
      comment.offset + comment.text.length,
    );
    const at = { file: source.file, range };
    const body = BODY.exec(directive[1] ?? "");
    if (!body) {
      diagnostics.push({
        code: SUPPRESSION_CODES.malformed,
        severity: "error",
        message: `Cannot read suppression comment '${comment.text.trim()}'`,
        ...at,
        hint: "Write `# switchyard-ignore SY2003: reason`; several codes are separated by commas.",
      });
      continue;
    }
    const codes = (body[1] ?? "").split(",").map((c) => c.trim());
    const reason = body[2]?.trim() ?? "";
    if (reason === "") {
      diagnostics.push({
        code: SUPPRESSION_CODES.missingReason,
        severity: "error",
        message: `Suppression of ${codes.join(", ")} gives no reason, so it is not applied`,
        ...at,
        hint: `Add the reason after a colon: \`# switchyard-ignore ${codes.join(", ")}: <why this is fine>\`.`,
      });
      continue;
    }
    const ownLine = isOwnLine(text, comment.offset);
    const line = ownLine ? coveredLineBelow(lines, range.start.line) : range.start.line;
    suppressions.push({
      origin: "inline",
      codes: codes.filter((c) => DIAGNOSTIC_CODE_PATTERN.test(c)),
      reason,
      file: source.file,
      line,
      at,
    });
  }
  return { suppressions, diagnostics };
}
