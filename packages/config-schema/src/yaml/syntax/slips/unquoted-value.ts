import { schemaDiagnostic } from "../../../diagnostics/schema-catalogue.js";
import { keyOf, lineValue } from "../lines.js";
import { code, RANK, type Repair, type Slip } from "../slip.js";

/** `text` as a double-quoted YAML scalar. */
function doubleQuoted(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

const RESERVED = new Set(["@", "`"]);

/**
 * A plain value that YAML reads as something else: one containing `: ` (read as a nested key),
 * one starting with a reserved character (`@`, a backtick), and a double-quoted value with
 * backslashes (a Windows path), which YAML reads as escape sequences.
 */
export const unquotedValue: Slip = {
  name: "unquoted-value",
  propose(context, line) {
    const text = context.lines[line]!;
    if (context.body[line]) return [];
    const key = keyOf(text);
    const value = lineValue(text);
    if (key === undefined || value === undefined || value.text === "") return [];
    const head = text.slice(0, value.start);
    const tail = text.slice(value.start + value.text.length);
    const repairs: Repair[] = [];
    const first = value.text[0]!;
    if (first === '"' && value.text.includes("\\")) {
      const inner = value.text.replace(/^"|"$/g, "");
      const bad = /\\(?![0abtnvfre "/\\N_LPxuU\t])./.exec(inner);
      const single = `'${inner.replace(/'/g, "''")}'`;
      repairs.push({
        line,
        text: `${head}${single}${tail}`,
        rank: RANK.unquotedValue,
        diagnostic: () => {
          const at = bad === null ? value.start : value.start + 1 + bad.index;
          return schemaDiagnostic("SY1018", {
            message:
              bad === null
                ? `In double quotes, \`\\\` starts an escape sequence: the value of ${code(key.name)} is not read as written`
                : `${code(bad[0])} is not an escape sequence: in double quotes, \`\\\` starts one`,
            file: context.file,
            range: context.range(line, at, at + (bad === null ? 1 : 2)),
            hint: `Use single quotes, where \`\\\` is an ordinary character: ${key.name}: ${single}`,
          });
        },
      });
      return repairs;
    }
    if (first === '"' || first === "'" || first === "[" || first === "{" || first === "|" || first === ">")
      return repairs;
    const colon = value.text.search(/:(?:[ \t]|$)/);
    const reserved = RESERVED.has(first);
    if (colon === -1 && !reserved) return repairs;
    const quoted = doubleQuoted(value.text);
    repairs.push({
      line,
      text: `${head}${quoted}${tail}`,
      rank: RANK.unquotedValue,
      diagnostic: () =>
        reserved
          ? schemaDiagnostic("SY1018", {
              message: `A value cannot start with ${code(first)} unless it is quoted`,
              file: context.file,
              range: context.range(line, value.start, value.start + 1),
              hint: `Quote the value: ${key.name}: ${quoted}`,
            })
          : schemaDiagnostic("SY1018", {
              message: `The value of ${code(key.name)} contains \`: \`, which YAML reads as the start of another key`,
              file: context.file,
              range: context.range(line, value.start + colon, value.start + colon + 1),
              hint: `Quote the value: ${key.name}: ${quoted}`,
            }),
    });
    return repairs;
  },
};
