import { schemaDiagnostic } from "../../../diagnostics/schema-catalogue.js";
import { isBlankOrComment } from "../lines.js";
import { code, RANK, type Repair, type Slip } from "../slip.js";

/** What a line leaves open at its end: a quote or a flow bracket, and where it was opened. */
export interface OpenAtEnd {
  readonly char: '"' | "'" | "[" | "{";
  /** 0-based column of the opener. */
  readonly at: number;
}

/**
 * Scan one line as YAML would see its flow parts: quotes (with `\` escapes in double quotes and
 * `''` in single ones), brackets and a ` #` comment. Returns what is still open at the end.
 */
export function openAtEnd(line: string): OpenAtEnd | undefined {
  const stack: { char: "[" | "{"; at: number }[] = [];
  let quote: { char: '"' | "'"; at: number } | undefined;
  // A quote opens a scalar only where a value starts: after `: `, `- `, `[`, `{`, `,` or at the start.
  let valueStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (quote.char === '"' && c === "\\") {
        i++;
        continue;
      }
      if (c === quote.char) {
        if (quote.char === "'" && line[i + 1] === "'") {
          i++;
          continue;
        }
        quote = undefined;
        valueStart = false;
      }
      continue;
    }
    if (c === "#" && (i === 0 || line[i - 1] === " " || line[i - 1] === "\t")) break;
    if ((c === '"' || c === "'") && valueStart) {
      quote = { char: c, at: i };
      continue;
    }
    if (c === "[" || c === "{") {
      if (valueStart) stack.push({ char: c, at: i });
      continue;
    }
    if ((c === "]" || c === "}") && stack.length > 0) {
      stack.pop();
      continue;
    }
    if (c === " " || c === "\t") {
      if (line[i - 1] === ":" || line[i - 1] === "-" || line[i - 1] === ",") valueStart = true;
      continue;
    }
    valueStart = stack.length > 0 && c === ",";
  }
  if (quote !== undefined) return quote;
  return stack.at(-1);
}

const CLOSER = { '"': '"', "'": "'", "[": "]", "{": "}" } as const;
const NAME = { '"': "quote", "'": "quote", "[": "list", "{": "mapping" } as const;

/**
 * A quote or bracket opened on a line and never closed: `description: "General chat`, `[a, b`,
 * and a double-quoted string whose last `\` escapes its closing quote (`"C:\models\"`).
 */
export const unclosed: Slip = {
  name: "unclosed",
  propose(context, line) {
    const text = context.lines[line]!;
    if (context.body[line] || isBlankOrComment(text)) return [];
    const open = openAtEnd(text);
    if (open === undefined) return [];
    const closer = CLOSER[open.char];
    const trimmed = text.trimEnd();
    const escapedClose = open.char === '"' && /\\"$/.test(trimmed) && trimmed.length - 2 > open.at;
    const repair: Repair = {
      line,
      text: `${trimmed}${closer}`,
      rank: RANK.unclosed,
      diagnostic: () =>
        escapedClose
          ? schemaDiagnostic("SY1014", {
              message: 'The `\\` before the closing `"` escapes it, so the string never ends',
              file: context.file,
              range: context.range(line, trimmed.length - 2, trimmed.length),
              hint: "Write `\\\\` for a backslash at the end of a double-quoted string, or use single quotes, where `\\` is an ordinary character.",
            })
          : schemaDiagnostic("SY1014", {
              message: `The ${code(open.char)} that opens this ${NAME[open.char]} is never closed`,
              file: context.file,
              range: context.range(line, open.at, open.at + 1),
              hint:
                open.char === "[" || open.char === "{"
                  ? `Add ${code(closer)} after the last entry.`
                  : `Add the closing ${code(closer)} at the end of the value.`,
            }),
    };
    return [repair];
  },
};
