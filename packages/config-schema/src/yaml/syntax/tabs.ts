import type { Diagnostic, SourceRange } from "../../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../../diagnostics/schema-catalogue.js";
import { indentOf, isBlankOrComment, keyOf, lineValue } from "./lines.js";

/** Width of the leading whitespace with tabs at every 4 columns: how the author saw the line. */
function visualIndent(line: string): number {
  let width = 0;
  for (const c of line) {
    if (c === " ") width++;
    else if (c === "\t") width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** True when a line's value is empty, so that the next, deeper line is its child (`key:`, `- key:`). */
function opensBlock(line: string): boolean {
  const value = lineValue(line);
  return value !== undefined && (value.text === "" || /^[|>]/.test(value.text));
}

export interface TabRepair {
  readonly diagnostics: Diagnostic[];
  /** The lines with tab indentation replaced by a best guess in spaces. */
  readonly lines: string[];
  /** Lines whose indentation was guessed: re-indenting them costs no further diagnostic. */
  readonly flexible: Set<number>;
}

/**
 * One SY1003 per line indented with a tab (a whitespace-only line is emptied silently), and the
 * lines re-indented with spaces at the column the author most likely meant: deeper than the line
 * above when it looked deeper, level with the line that looked level.
 */
export function repairTabs(
  lines: readonly string[],
  body: readonly boolean[],
  file: string,
  range: (line: number, start: number, end: number) => SourceRange,
): TabRepair {
  const out = [...lines];
  const flexible = new Set<number>();
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lead = /^[ \t]*/.exec(line)![0];
    if (!lead.includes("\t") || body[i]) continue;
    // Blank and comment lines hold no structure: their tabs are harmless to YAML's meaning.
    if (lead.length === line.length || line[lead.length] === "#") {
      out[i] = line.slice(lead.length);
      continue;
    }
    diagnostics.push(
      schemaDiagnostic("SY1003", {
        message: "Tabs are not allowed as indentation",
        file,
        range: range(i, 0, lead.length),
        hint: "Indent with spaces; YAML does not allow tabs for indentation.",
      }),
    );
    flexible.add(i);
    const seen = visualIndent(line);
    let column = 0;
    for (let j = i - 1; j >= 0; j--) {
      if (body[j] || isBlankOrComment(lines[j]!)) continue;
      const before = visualIndent(lines[j]!);
      if (seen > before) {
        const key = keyOf(out[j]!);
        column = opensBlock(out[j]!) && key !== undefined ? key.start + 2 : indentOf(out[j]!) + 2;
        break;
      }
      if (seen === before) {
        column = indentOf(out[j]!);
        break;
      }
    }
    out[i] = " ".repeat(column) + line.slice(lead.length);
  }
  return { diagnostics, lines: out, flexible };
}
