import type { RelatedLocation } from "../../../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../../../diagnostics/schema-catalogue.js";
import { indentOf, isBlankOrComment, isListItem, keyOf, spaces } from "../lines.js";
import { code, RANK, type Repair, type Slip, type SlipContext } from "../slip.js";

/** The column a line's structure sits at: its key's column (after any `- `), else its content's. */
function keyColumn(line: string): number {
  return keyOf(line)?.start ?? indentOf(line);
}

/** Lines that may hold structure (not blank, not a comment, not block-scalar content). */
function structural(context: SlipContext, line: number): boolean {
  return !context.body[line] && !isBlankOrComment(context.lines[line]!);
}

interface Siblings {
  /** The nearest sibling line, above first. */
  readonly nearest: number | undefined;
  readonly count: number;
}

/**
 * The entries that a line moved to `column` would be a sibling of: keys at that column in the
 * same mapping (for a key) or items at that column in the same list (for a list item), searched
 * up and down until the block ends.
 */
function siblingsAt(context: SlipContext, line: number, column: number, item: boolean): Siblings {
  const { lines } = context;
  let nearest: number | undefined;
  let count = 0;
  for (const step of [-1, 1]) {
    for (let j = line + step; j >= 0 && j < lines.length; j += step) {
      if (!structural(context, j)) continue;
      const text = lines[j]!;
      if (item) {
        if (isListItem(text) && indentOf(text) === column) {
          count++;
          nearest ??= j;
          continue;
        }
        if (indentOf(text) < column || (indentOf(text) === column && !isListItem(text))) break;
        continue;
      }
      const key = keyOf(text);
      const indent = indentOf(text);
      if (key !== undefined && key.start === column) {
        if (indent < column) {
          // `- first: x` opens its mapping: the first key of ours above, another item's below.
          if (step === -1) {
            count++;
            nearest ??= j;
          }
          break;
        }
        count++;
        nearest ??= j;
        continue;
      }
      if (indent <= column) break;
    }
  }
  return { nearest, count };
}

/** The columns a line could have been meant at: those of the structure around it. */
function candidateColumns(context: SlipContext, line: number): number[] {
  const columns = new Set<number>();
  const { lines } = context;
  let seen = 0;
  for (let j = line - 1; j >= 0 && seen < 40; j--) {
    if (!structural(context, j)) continue;
    seen++;
    const text = lines[j]!;
    columns.add(indentOf(text));
    columns.add(keyColumn(text));
    if (seen === 1) columns.add(keyColumn(text) + 2);
    if (indentOf(text) === 0) break;
  }
  seen = 0;
  for (let j = line + 1; j < lines.length && seen < 10; j++) {
    if (!structural(context, j)) continue;
    seen++;
    columns.add(indentOf(lines[j]!));
  }
  columns.delete(indentOf(lines[line]!));
  return [...columns].sort((a, b) => a - b);
}

/** The key of the nearest line above `line` whose structure is left of `column` (the parent). */
function parentName(context: SlipContext, line: number, column: number): string | undefined {
  for (let j = line - 1; j >= 0; j--) {
    if (!structural(context, j)) continue;
    const text = context.lines[j]!;
    if (keyColumn(text) < column) return keyOf(text)?.name;
  }
  return undefined;
}

/**
 * A key or list item indented differently from its siblings: "`model` is indented 2 spaces; its
 * siblings use 4", located at the key, with the nearest sibling as a related location.
 */
export const indentation: Slip = {
  name: "indentation",
  propose(context, line) {
    const text = context.lines[line]!;
    if (!structural(context, line)) return [];
    const item = isListItem(text);
    const key = keyOf(text);
    if (!item && key === undefined) return [];
    const current = indentOf(text);
    const content = text.slice(current);
    const repairs: Repair[] = [];
    for (const column of candidateColumns(context, line)) {
      const siblings = siblingsAt(context, line, column, item);
      repairs.push({
        line,
        text: " ".repeat(column) + content,
        // Columns that more siblings share are likelier; a nearer line is likelier the culprit.
        rank: RANK.indentation - Math.min(siblings.count, 9) + Math.abs(line - context.errorLine) / 10,
        diagnostic() {
          const sibling = siblings.nearest;
          const related: RelatedLocation[] = [];
          let message: string;
          if (item) {
            message =
              sibling === undefined
                ? `This list item is indented ${spaces(current)}; it belongs at ${column}`
                : `This list item is indented ${spaces(current)}; the other items use ${column}`;
            if (sibling !== undefined)
              related.push({
                message: `another item of the list, at ${spaces(column)}`,
                file: context.file,
                range: context.range(sibling, column, column + 1),
              });
          } else {
            const name = code(key!.name);
            const parent = parentName(context, line, column);
            message =
              sibling === undefined
                ? `${name} is indented ${spaces(current)}; ${parent === undefined ? "it belongs" : `as an entry of ${code(parent)} it belongs`} at ${column}`
                : `${name} is indented ${spaces(current)}; its siblings use ${column}`;
            if (sibling !== undefined) {
              const siblingKey = keyOf(context.lines[sibling]!)!;
              related.push({
                message: `sibling ${code(siblingKey.name)}, indented ${spaces(column)}`,
                file: context.file,
                range: context.range(sibling, siblingKey.start, siblingKey.end),
              });
            }
          }
          const start = item ? current : key!.start;
          const end = item ? current + 1 : key!.end;
          return schemaDiagnostic("SY1013", {
            message,
            file: context.file,
            range: context.range(line, start, end),
            hint: `Indent ${item ? "the item" : code(key!.name)} with ${spaces(column)}${sibling === undefined ? "" : item ? ", like the other items" : ", like its siblings"}; YAML reads structure from indentation.`,
            ...(related.length > 0 ? { related } : {}),
          });
        },
      });
    }
    return repairs;
  },
};
