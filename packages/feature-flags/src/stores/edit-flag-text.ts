import { type Flag, FlagSchema } from "@switchyard/config-schema/schemas";
import { redactSecrets } from "@switchyard/config-schema/secrets";
import {
  type InsertValue,
  parseYamlDocument,
  type ScalarValue,
  YamlEditor,
} from "@switchyard/config-schema/yaml";
import { isMap, isScalar, isSeq, LineCounter, type YAMLMap } from "yaml";

/** The order of a flag's keys, for placing a key the file does not have yet. */
const KEY_ORDER = Object.keys(FlagSchema.shape);

/**
 * The file's text with flag `name` set to `flag`, changing only the text of what differs: scalars
 * rewritten in place, list items appended or removed, missing keys inserted in schema order, a new
 * flag appended at the end of `flags`. Comments, blank lines, quoting and key order stay.
 */
export function editFlagText(text: string, name: string, flag: Flag): string {
  // config-schema's one parser: nesting past its cap is an error, not a recursion that can abort
  // the process. A text that does not parse is refused: edits spliced into it would land anywhere.
  const lineCounter = new LineCounter();
  const document = parseYamlDocument(text, { lineCounter });
  const problem = document.errors[0];
  if (problem) {
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    throw new Error(
      `the flag file cannot be edited: line ${line}, column ${col}: ${redactSecrets(problem.message.split("\n")[0]!.slice(0, 200))}`,
    );
  }
  const editor = new YamlEditor(text, document);
  const root = editor.root;
  if (!root) throw new Error("the flag file's top level is not a mapping");
  const flags = editor.getMap(root, "flags");
  if (!flags) throw new Error("the flag file has no `flags:` mapping");
  const existing = editor.getMap(flags, name);
  if (!existing) {
    const ordered: Record<string, unknown> = {};
    const record = flag as Readonly<Record<string, unknown>>;
    for (const key of [...KEY_ORDER, ...Object.keys(record)])
      if (record[key] !== undefined) ordered[key] = record[key];
    editor.insert(flags, name, ordered as InsertValue);
    return editor.render();
  }
  editFlagMap(editor, existing, flag);
  return editor.render();
}

function editFlagMap(editor: YamlEditor, map: YAMLMap, flag: Flag): void {
  const target = flag as Readonly<Record<string, unknown>>;
  const present = new Set(editor.entries(map).map(([key]) => key));
  // Removed keys first (never the last one the file wrote: `enabled` is always there).
  for (const key of present) {
    if (
      target[key] === undefined ||
      (Array.isArray(target[key]) && (target[key] as unknown[]).length === 0)
    ) {
      editor.delete(map, key);
    }
  }
  for (const key of [...KEY_ORDER, ...Object.keys(target).filter((k) => !KEY_ORDER.includes(k))]) {
    const value = target[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const node = editor.get(map, key);
    if (node === undefined) {
      const before = KEY_ORDER.slice(0, KEY_ORDER.indexOf(key))
        .reverse()
        .find((k) => editor.get(map, k) !== undefined);
      editor.insert(
        map,
        key,
        value as InsertValue,
        before !== undefined ? { after: before } : { first: true },
      );
      continue;
    }
    if (Array.isArray(value)) {
      if (!isSeq(node) || !editList(editor, map, key, value as ScalarValue[])) {
        editor.delete(map, key);
        editor.insert(map, key, value as InsertValue);
      }
      continue;
    }
    if (isScalar(node)) {
      if (node.value !== value) editor.setScalar(node, value as ScalarValue);
    } else {
      editor.delete(map, key);
      editor.insert(map, key, value as InsertValue);
    }
  }
}

/** Turn the sequence at `key` into `wanted` by appends and removals; false when the order would differ. */
function editList(editor: YamlEditor, map: YAMLMap, key: string, wanted: readonly ScalarValue[]): boolean {
  const seq = editor.getSeq(map, key);
  if (!seq || seq.items.some((item) => !isScalar(item) || isMap(item))) return false;
  const current = seq.items.map((item) => (isScalar(item) ? item.value : undefined)) as ScalarValue[];
  const kept = current.filter((v) => wanted.includes(v));
  const added = wanted.filter((v) => !current.includes(v));
  if ([...kept, ...added].join("\0") !== wanted.join("\0") || new Set(wanted).size !== wanted.length)
    return false;
  if (kept.length === current.length && added.length === 0) return true;
  for (const value of added) editor.appendToSeq(seq, value);
  for (let i = current.length - 1; i >= 0; i--)
    if (!wanted.includes(current[i]!)) editor.removeFromSeq(seq, i);
  return true;
}
