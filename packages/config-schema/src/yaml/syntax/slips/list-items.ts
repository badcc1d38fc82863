import { schemaDiagnostic } from "../../../diagnostics/schema-catalogue.js";
import { indentOf, isBlankOrComment, isListItem, keyOf } from "../lines.js";
import { code, RANK, type Repair, type Slip, type SlipContext } from "../slip.js";

/** The nearest structural line above `line` at `column` or left of it. */
function previousAt(context: SlipContext, line: number, column: number): number | undefined {
  for (let j = line - 1; j >= 0; j--) {
    const text = context.lines[j]!;
    if (context.body[j] || isBlankOrComment(text)) continue;
    if (indentOf(text) <= column) return j;
  }
  return undefined;
}

/** The nearest structural line above `line` left of `column` (the parent of an entry there). */
function parentOf(context: SlipContext, line: number, column: number): number | undefined {
  for (let j = line - 1; j >= 0; j--) {
    const text = context.lines[j]!;
    if (context.body[j] || isBlankOrComment(text)) continue;
    if (indentOf(text) < column) return j;
  }
  return undefined;
}

/** A key line at exactly `column` in the same block as `line` (above or below), if any. */
function keyAtColumn(context: SlipContext, line: number, column: number): number | undefined {
  for (const step of [-1, 1]) {
    for (let j = line + step; j >= 0 && j < context.lines.length; j += step) {
      const text = context.lines[j]!;
      if (context.body[j] || isBlankOrComment(text)) continue;
      const indent = indentOf(text);
      if (indent < column) break;
      if (indent === column) {
        if (isListItem(text)) break;
        if (keyOf(text) !== undefined) return j;
      }
    }
  }
  return undefined;
}

/**
 * List syntax slips: a list item (`- `) among the keys of a mapping, `-item` without the space
 * that makes the dash a list marker, and an item of a list written without its `- `.
 */
export const listItems: Slip = {
  name: "list-items",
  propose(context, line) {
    const text = context.lines[line]!;
    if (context.body[line] || isBlankOrComment(text)) return [];
    const indent = indentOf(text);
    const repairs: Repair[] = [];
    const error = (start: number, end: number, message: string, hint: string) =>
      schemaDiagnostic("SY1024", {
        message,
        file: context.file,
        range: context.range(line, start, end),
        hint,
      });
    if (isListItem(text)) {
      const rest = text.slice(indent + 1).trimStart();
      const sibling = keyAtColumn(context, line, indent);
      const parent = parentOf(context, line, indent);
      // Only among keys of a mapping that is not itself a list item's: there, a dash at the
      // column of the item's keys is the next item, indented too far.
      if (
        sibling !== undefined &&
        rest !== "" &&
        (parent === undefined || !isListItem(context.lines[parent]!))
      ) {
        const name = keyOf(context.lines[sibling]!)!.name;
        for (const column of [indent, indent + 2]) {
          repairs.push({
            line,
            text: " ".repeat(column) + rest,
            rank: RANK.listItem + (column === indent ? 0 : 1),
            diagnostic: () =>
              error(
                indent,
                indent + 1,
                `A list item (\`- \`) among the keys of a mapping (${code(name)} is a key at the same column)`,
                "Remove the `- `: entries of a mapping are `key: value` lines. If a list was meant, give it a key of its own.",
              ),
          });
        }
      }
      return repairs;
    }
    const dashed = /^(\s*)-([^\s\d.-].*)$/.exec(text);
    if (dashed !== null) {
      const fixed = `${dashed[1]}- ${dashed[2]}`;
      repairs.push({
        line,
        text: fixed,
        rank: RANK.listItem,
        diagnostic: () =>
          error(
            indent,
            indent + 1,
            `${code(`-${dashed[2]!.split(/[\s:]/)[0]}`)} has no space after \`-\`, so it is not a list item`,
            `Write ${code(fixed.trim())}: a list item is \`- \` followed by its value.`,
          ),
      });
    }
    // An item without its dash: a line at the column of the list's dashes.
    const above = previousAt(context, line, indent);
    if (
      above !== undefined &&
      isListItem(context.lines[above]!) &&
      indentOf(context.lines[above]!) === indent
    ) {
      const key = keyOf(text);
      const firstKey = keyOf(context.lines[above]!);
      // A key line continues the item above unless it repeats the item's first key.
      if (key === undefined || (firstKey !== undefined && firstKey.name === key.name)) {
        repairs.push({
          line,
          text: `${" ".repeat(indent)}- ${text.slice(indent)}`,
          rank: RANK.listItem + 2,
          diagnostic: () =>
            error(
              indent,
              Math.max(indent + 1, text.trimEnd().length),
              "This line sits among the items of a list but has no `- `",
              "Start each list item with `- `.",
            ),
        });
      }
    }
    return repairs;
  },
};
