import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../../diagnostics/schema-catalogue.js";
import { plural } from "../../text/plural.js";
import { positionInText } from "../decode.js";

/**
 * SY1016: a byte-order mark (U+FEFF) after the start of the file. Invisible in editors, it makes
 * a key such as `\uFEFFmodel` that looks like `model` but is not. It usually comes from pasting,
 * or from joining files that each start with one. (One at the very start is dropped before this.)
 */
export function strayByteOrderMark(text: string, file: string): Diagnostic | undefined {
  const at = text.indexOf("\uFEFF");
  if (at === -1) return undefined;
  const start = positionInText(text, at);
  return schemaDiagnostic("SY1016", {
    message: "An invisible byte-order mark (U+FEFF) is inside the file",
    file,
    range: { start, end: { line: start.line, column: start.column + 1, offset: at + 1 } },
    hint: "Delete it (in most editors: delete the character before the first visible one); only the very start of a file may hold one.",
  });
}

/**
 * `text` with each byte-order mark that starts a line's indentation moved after it
 * (`\uFEFF    model:` → `    \uFEFFmodel:`): the same length, and every character but the mark and
 * the spaces it passes keeps its offset. What the parser then reads is the line as an editor shows it
 * (the mark is invisible), so a stray mark is its own finding (SY1016), not also a mis-indented key.
 */
export function bomsAfterIndentation(text: string): string {
  return text.replace(/(^|\n)(\uFEFF+)([ \t]+)/g, "$1$3$2");
}

/**
 * SY1015: some lines end with CRLF and others with LF — a file edited on Windows and elsewhere.
 * YAML reads both, but the file's diffs and block scalars (`|`) change with every save.
 */
export function mixedLineEndings(text: string, file: string): Diagnostic | undefined {
  const crlf = text.indexOf("\r\n");
  if (crlf === -1) return undefined;
  let withCr = 0;
  let withoutCr = 0;
  let firstMinority = -1;
  let firstCr = -1;
  let firstLf = -1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) {
      withCr++;
      if (firstCr === -1) firstCr = i - 1;
    } else {
      withoutCr++;
      if (firstLf === -1) firstLf = i;
    }
  }
  if (withCr === 0 || withoutCr === 0) return undefined;
  // Point at the first line ending of the less common kind.
  firstMinority = withCr <= withoutCr ? firstCr : firstLf;
  const start = positionInText(text, firstMinority);
  const minority = withCr <= withoutCr ? "CRLF" : "LF";
  const majority = minority === "CRLF" ? "LF" : "CRLF";
  const count = Math.min(withCr, withoutCr);
  return schemaDiagnostic("SY1015", {
    message: `Line endings are mixed: ${plural(count, "line ends", "lines end")} with ${minority} (the first is line ${start.line}), ${Math.max(withCr, withoutCr)} with ${majority}`,
    file,
    range: { start, end: { line: start.line, column: start.column + 1, offset: firstMinority + 1 } },
    hint: `Save the file with one kind of line ending (${majority}), e.g. with your editor's line-ending setting or \`dos2unix\`.`,
  });
}
