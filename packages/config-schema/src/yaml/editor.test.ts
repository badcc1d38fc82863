import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
import { YamlEditError, YamlEditor } from "./editor.js";

function open(text: string): YamlEditor {
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  if (document.errors.length > 0) throw new Error(String(document.errors[0]));
  return new YamlEditor(text, document);
}

function map(editor: YamlEditor, ...path: string[]): YAMLMap {
  let current = editor.root!;
  for (const key of path) current = editor.getMap(current, key)!;
  return current;
}

/** The rendered text must read back as exactly the edited document. */
function expectConsistent(editor: YamlEditor): string {
  const text = editor.render();
  const reparsed = parseDocument(text);
  expect(reparsed.errors).toEqual([]);
  expect(reparsed.toJS()).toEqual(editor.document.toJS());
  return text;
}

describe("YamlEditor", () => {
  it("renders an unedited document byte for byte, odd spacing, CRLF and flow styles included", () => {
    const texts = [
      "a:   1    # spaced\n\n\nb:\n- x\n-   y\n",
      "a: 1\r\nb:\r\n  c: 'q'  # c\r\n",
      "m: {a: 1,   b: [x,y]}  # flow\nlast: ~",
      "# only a header\n\nkey: |\n  block\n  # not a comment\n",
    ];
    for (const text of texts) expect(open(text).render()).toBe(text);
  });

  it("renames a key in place, keeping its value, its comment and the other lines", () => {
    const editor = open("# head\nproviders:\n  a:\n    url: http://x   # where\n    type: ollama\n");
    editor.renameKey(map(editor, "providers", "a"), "url", "base_url");
    expect(expectConsistent(editor)).toBe(
      "# head\nproviders:\n  a:\n    base_url: http://x   # where\n    type: ollama\n",
    );
  });

  it("refuses to rename onto an existing key", () => {
    const editor = open("a: 1\nb: 2\n");
    expect(() => editor.renameKey(editor.root!, "a", "b")).toThrow(YamlEditError);
    expect(editor.renameKey(editor.root!, "missing", "c")).toBe(false);
  });

  it("keeps the quoting of a rewritten string and writes numbers and booleans plain", () => {
    const editor = open('a: "1.0"\nb: \'1.0\'\nc: "8001"\nd: yes\ne: plain\n');
    const root = editor.root!;
    editor.set(root, "a", "1.1");
    editor.set(root, "b", "it's");
    editor.set(root, "c", 8001);
    editor.set(root, "d", true);
    editor.set(root, "e", "1.2.0");
    expect(expectConsistent(editor)).toBe("a: \"1.1\"\nb: 'it''s'\nc: 8001\nd: true\ne: \"1.2.0\"\n");
  });

  it("carries a rewritten scalar's style into the next rewrite, as if the file had been re-read", () => {
    const editor = open('enabled: "true"\n');
    const node = editor.get(editor.root!, "enabled");
    if (!isScalar(node)) throw new Error("scalar expected");
    editor.setScalar(node, true);
    editor.setScalar(node, "active");
    expect(editor.render()).toBe("enabled: active\n");
  });

  it("deletes an entry and keeps its comments, at its indentation", () => {
    const editor = open(
      "p:\n  a: 1\n  gone: 30   # seconds\n  nested:   # about nested\n    x: 1  # nx\n    # inner\n    y: 2\n  b: 2\n",
    );
    const p = map(editor, "p");
    expect(editor.delete(p, "gone")).toEqual({ value: 30 });
    expect(editor.delete(p, "nested")).toEqual({ value: { x: 1, y: 2 } });
    expect(expectConsistent(editor)).toBe(
      "p:\n  a: 1\n  # seconds\n  # about nested\n  # nx\n  # inner\n  b: 2\n",
    );
  });

  it("does not leave two blank lines where a deleted entry sat between blank lines", () => {
    const editor = open("a: 1\n\ngone: 2\n\nb: 3\n");
    editor.delete(editor.root!, "gone");
    expect(expectConsistent(editor)).toBe("a: 1\n\nb: 3\n");
  });

  it("deletes from flow mappings, first, middle and last", () => {
    const editor = open("a: {x: 1, y: 2, z: 3}\nb: {only: 1}\nc: {p: 1, q: 2}\n");
    editor.delete(map(editor, "a"), "y");
    editor.delete(map(editor, "b"), "only");
    editor.delete(map(editor, "c"), "q");
    expect(expectConsistent(editor)).toBe("a: {x: 1, z: 3}\nb: {}\nc: {p: 1}\n");
  });

  it("deletes the first key of a mapping inside a sequence item", () => {
    const editor = open("s:\n  - name: a\n    mode: chat\n");
    const seq = editor.getSeq(editor.root!, "s")!;
    const item = seq.items[0];
    if (!isMap(item)) throw new Error("map expected");
    editor.delete(item, "name");
    expect(expectConsistent(editor)).toBe("s:\n  - mode: chat\n");
  });

  it("inserts keys first, after a key and last, also into a file without a final newline", () => {
    const editor = open("# head\n\na: 1\nb:\n  x: 1   # x\nc: 3");
    const root = editor.root!;
    editor.insert(root, "version", "1.1", { first: true });
    editor.insert(map(editor, "b"), "z", "two", { after: "x" });
    editor.insert(root, "after_b", false, { after: "b" });
    editor.insert(root, "last", null);
    expect(expectConsistent(editor)).toBe(
      '# head\n\nversion: "1.1"\na: 1\nb:\n  x: 1   # x\n  z: two\nafter_b: false\nc: 3\nlast: null\n',
    );
  });

  it("puts an inner insertion before an outer one at the same place", () => {
    const editor = open("p:\n  a:\n    url: x\nq: 1\n");
    editor.insert(map(editor, "p"), "b", 1);
    editor.insert(map(editor, "p", "a"), "status", "disabled");
    expect(expectConsistent(editor)).toBe("p:\n  a:\n    url: x\n    status: disabled\n  b: 1\nq: 1\n");
  });

  it("inserts into flow mappings", () => {
    const editor = open("a: {x: 1}\nb: {}\n");
    editor.insert(map(editor, "a"), "k", 2);
    editor.insert(map(editor, "a"), "w", 0, { first: true });
    editor.insert(map(editor, "b"), "z", 3);
    expect(expectConsistent(editor)).toBe("a: {w: 0, x: 1, k: 2}\nb: {z: 3}\n");
  });

  it("edits keys it inserted, then renders them once", () => {
    const editor = open("a: 1\n");
    const root = editor.root!;
    editor.insert(root, "version", "1.1", { first: true });
    editor.renameKey(root, "version", "schema_version");
    editor.set(root, "schema_version", "2.0.0");
    expect(expectConsistent(editor)).toBe('schema_version: "2.0.0"\na: 1\n');
  });

  it("wraps sequence items in mappings, in block and flow sequences", () => {
    const editor = open("models:\n  - llama3   # chat\n  - 'q:7b'\nflow: [a, b]\n");
    const models = editor.getSeq(editor.root!, "models")!;
    editor.wrapItemInMap(models, 0, "name");
    editor.wrapItemInMap(models, 1, "name");
    editor.wrapItemInMap(editor.getSeq(editor.root!, "flow")!, 1, "name");
    expect(expectConsistent(editor)).toBe(
      "models:\n  - name: llama3   # chat\n  - name: 'q:7b'\nflow: [a, {name: b}]\n",
    );
  });

  it("refuses to wrap an anchored item", () => {
    const editor = open("s:\n  - &x a\n  - *x\n");
    expect(() => editor.wrapItemInMap(editor.getSeq(editor.root!, "s")!, 0, "name")).toThrow(YamlEditError);
  });

  it("drops edits inside an entry deleted afterwards", () => {
    const editor = open("p:\n  a:\n    url: x\n    models: [m]\n  b: 1\n");
    const a = map(editor, "p", "a");
    editor.renameKey(a, "url", "base_url");
    editor.insert(a, "status", "active");
    editor.wrapItemInMap(editor.getSeq(a, "models")!, 0, "name");
    editor.delete(map(editor, "p"), "a");
    expect(expectConsistent(editor)).toBe("p:\n  b: 1\n");
  });

  it("keeps CRLF line endings in inserted lines", () => {
    const editor = open("a: 1\r\nb: 2\r\n");
    editor.insert(editor.root!, "c", 3, { after: "a" });
    expect(editor.render()).toBe("a: 1\r\nc: 3\r\nb: 2\r\n");
  });

  it("refuses to empty a block mapping (it would read as null)", () => {
    const editor = open("p:\n  only: 1\n");
    expect(() => editor.delete(map(editor, "p"), "only")).toThrow(YamlEditError);
    expect(editor.render()).toBe("p:\n  only: 1\n");
  });

  it("refuses to rewrite a block scalar in place", () => {
    const editor = open("a: |\n  text\n");
    expect(() => editor.set(editor.root!, "a", "other")).toThrow(YamlEditError);
  });
});

// --- property: whatever the edits, the text reads back as the edited document -------------------

const keyArb = fc.constantFrom("a", "b", "c", "url", "name", "models", "x-y", "k1");
const scalarArb = fc.oneof(
  fc.constantFrom("plain", "1.0", "yes", "with space", "a: b", "it's", "", "#hash"),
  fc.integer({ min: -5, max: 99999 }),
  fc.boolean(),
  fc.constant(null),
);

type Tree = { [key: string]: Tree | string | number | boolean | null | (string | number)[] };

const treeArb: fc.Arbitrary<Tree> = fc.letrec((tie) => ({
  tree: fc.dictionary(
    keyArb,
    fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalarArb,
      fc.array(fc.oneof(fc.constantFrom("m1", "m:2", "x y"), fc.integer({ min: 0, max: 9 })), {
        maxLength: 3,
      }),
      tie("tree"),
    ),
    { maxKeys: 4 },
  ),
})).tree as fc.Arbitrary<Tree>;

function yamlScalar(value: string | number | boolean | null): string {
  if (typeof value === "string")
    return /^[a-z][a-z ]*$/.test(value) && value !== "yes" ? value : JSON.stringify(value);
  return String(value);
}

/** Write a tree as block YAML with comments and blank lines sprinkled in. */
function writeTree(tree: Tree, indent: number, noise: () => number, out: string[]): void {
  const pad = " ".repeat(indent);
  for (const [key, value] of Object.entries(tree)) {
    const n = noise();
    if (n % 5 === 0) out.push(`${pad}# before ${key}`);
    if (n % 7 === 0) out.push("");
    const comment = n % 3 === 0 ? `   # on ${key}` : "";
    if (Array.isArray(value)) {
      if (value.length === 0 || n % 2 === 0)
        out.push(`${pad}${key}: [${value.map(yamlScalar).join(", ")}]${comment}`);
      else {
        out.push(`${pad}${key}:${comment}`);
        for (const item of value) out.push(`${pad}  - ${yamlScalar(item)}`);
      }
    } else if (value !== null && typeof value === "object") {
      if (Object.keys(value).length === 0) out.push(`${pad}${key}: {}${comment}`);
      else {
        out.push(`${pad}${key}:${comment}`);
        writeTree(value, indent + 2, noise, out);
      }
    } else out.push(`${pad}${key}: ${yamlScalar(value)}${comment}`);
  }
}

type Edit =
  | { op: "rename"; to: string }
  | { op: "set"; value: string | number | boolean | null }
  | { op: "delete" }
  | { op: "insert"; key: string; value: string | number | boolean | null; first: boolean }
  | { op: "wrap" };

const editArb: fc.Arbitrary<{ pick: number; edit: Edit }> = fc.record({
  pick: fc.nat(),
  edit: fc.oneof(
    fc.record({ op: fc.constant("rename" as const), to: keyArb.map((k) => `${k}2`) }),
    fc.record({ op: fc.constant("set" as const), value: scalarArb }),
    fc.record({ op: fc.constant("delete" as const) }),
    fc.record({
      op: fc.constant("insert" as const),
      key: keyArb.map((k) => `new-${k}`),
      value: scalarArb,
      first: fc.boolean(),
    }),
    fc.record({ op: fc.constant("wrap" as const) }),
  ),
});

function allMaps(root: YAMLMap): YAMLMap[] {
  const out: YAMLMap[] = [root];
  for (const pair of root.items)
    if (isMap(pair.value)) for (const item of allMaps(pair.value)) out.push(item);
  return out;
}

/**
 * The expected data, kept by the test itself: the generated tree as nested Maps (in the text's key
 * order), each edit applied to it in plain JavaScript. The property compares the rendered text with
 * this model, never with the editor's own document (an editor whose document and text were wrong
 * the same way would agree with itself).
 */
type ModelValue = ModelMap | string | number | boolean | null | (string | number | ModelMap)[];
interface ModelMap {
  readonly entries: Map<string, ModelValue>;
  /** Written as `{}` (flow style): renames and wraps are not tried on it, as in `applyEdit`. */
  readonly flow: boolean;
  /** The top-level key whose block of lines holds this map (undefined for the root). */
  readonly top: string | undefined;
}

function modelOf(tree: Tree, top: string | undefined): ModelMap {
  const entries = new Map<string, ModelValue>();
  for (const [key, value] of Object.entries(tree)) {
    entries.set(
      key,
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? modelOf(value, top ?? key)
        : Array.isArray(value)
          ? [...value]
          : value,
    );
  }
  return { entries, flow: Object.keys(tree).length === 0, top };
}

function isModelMap(value: ModelValue | undefined): value is ModelMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function modelToJS(value: ModelValue): unknown {
  if (Array.isArray(value)) return value.map((v) => (isModelMap(v) ? modelToJS(v) : v));
  if (!isModelMap(value)) return value;
  return Object.fromEntries([...value.entries].map(([k, v]) => [k, modelToJS(v)]));
}

function allModelMaps(root: ModelMap): ModelMap[] {
  const out: ModelMap[] = [root];
  for (const value of root.entries.values())
    if (isModelMap(value)) for (const item of allModelMaps(value)) out.push(item);
  return out;
}

/** `entries` with `key` replaced by `[newKey, value]` in place, or `[key, value]` added first/last. */
function withEntry(
  entries: Map<string, ModelValue>,
  replace: string | undefined,
  key: string,
  value: ModelValue,
  first = false,
): Map<string, ModelValue> {
  const list = [...entries];
  const at = replace === undefined ? -1 : list.findIndex(([k]) => k === replace);
  if (at >= 0) list[at] = [key, value];
  else if (first) list.unshift([key, value]);
  else list.push([key, value]);
  return new Map(list);
}

function replaceEntries(map: ModelMap, entries: Map<string, ModelValue>): void {
  (map as { entries: Map<string, ModelValue> }).entries = entries;
}

/**
 * Apply one edit to the editor and, when the editor accepts it, the same edit to the model. Returns
 * the top-level key whose lines the edit may change ("" for an edit of the root map's own entries
 * that changes no existing line: an insert), `undefined` when nothing was applied.
 */
function applyEdit(
  editor: YamlEditor,
  model: ModelMap,
  pick: number,
  edit: Edit,
): { touched: string | undefined } | undefined {
  const maps = allMaps(editor.root!).filter(
    (m) => !m.flow || edit.op === "delete" || edit.op === "insert" || edit.op === "set",
  );
  const modelMaps = allModelMaps(model).filter(
    (m) => !m.flow || edit.op === "delete" || edit.op === "insert" || edit.op === "set",
  );
  expect(modelMaps.length, "the editor's maps are the model's maps").toBe(maps.length);
  const target = maps[pick % maps.length]!;
  const modelTarget = modelMaps[pick % modelMaps.length]!;
  const entries = editor.entries(target);
  expect(
    entries.map(([k]) => k),
    "the editor's keys are the model's keys, in order",
  ).toEqual([...modelTarget.entries.keys()]);
  const entry = entries.length > 0 ? entries[pick % entries.length] : undefined;
  const touched = (key: string) => ({ touched: modelTarget.top ?? key });
  try {
    if (edit.op === "insert") {
      editor.insert(target, edit.key, edit.value, edit.first ? { first: true } : {});
      const existing = modelTarget.entries.has(edit.key);
      replaceEntries(
        modelTarget,
        withEntry(modelTarget.entries, existing ? edit.key : undefined, edit.key, edit.value, edit.first),
      );
      return { touched: modelTarget.top ?? (existing ? edit.key : "") };
    }
    if (!entry) return undefined;
    const [key] = entry;
    const value = modelTarget.entries.get(key);
    if (edit.op === "rename") {
      editor.renameKey(target, key, edit.to);
      replaceEntries(modelTarget, withEntry(modelTarget.entries, key, edit.to, value!));
      // A renamed top-level map's lines now belong to the new key.
      if (modelTarget.top === undefined && isModelMap(value)) retop(value, edit.to);
      return touched(key);
    }
    if (edit.op === "set" && isScalar(entry[1].value)) {
      editor.set(target, key, edit.value);
      replaceEntries(modelTarget, withEntry(modelTarget.entries, key, key, edit.value));
      return touched(key);
    }
    if (edit.op === "delete") {
      editor.delete(target, key);
      const next = new Map(modelTarget.entries);
      next.delete(key);
      replaceEntries(modelTarget, next);
      return touched(key);
    }
    if (edit.op === "wrap" && isSeq(entry[1].value) && Array.isArray(value)) {
      const seq = entry[1].value;
      const index = pick % Math.max(1, seq.items.length);
      if (isScalar(seq.items[index])) {
        editor.wrapItemInMap(seq, index, "name");
        const item = value[index]!;
        value[index] = {
          entries: new Map([["name", item as ModelValue]]),
          flow: false,
          top: modelTarget.top ?? key,
        };
        return touched(key);
      }
    }
    return undefined;
  } catch (error) {
    // Refusals are allowed (and leave the document consistent); anything else is a bug.
    if (!(error instanceof YamlEditError)) throw error;
    return undefined;
  }
}

function retop(map: ModelMap, top: string): void {
  (map as { top: string | undefined }).top = top;
  for (const value of map.entries.values()) if (isModelMap(value)) retop(value, top);
}

describe("YamlEditor, property", () => {
  it("always renders text that reads back as the edited document, and never touches untouched lines' bytes", () => {
    let applied = 0;
    let keptBlocks = 0;
    fc.assert(
      fc.property(treeArb, fc.array(editArb, { maxLength: 8 }), fc.nat(), (tree, edits, seed) => {
        if (Object.keys(tree).length === 0) return;
        let state = seed;
        const noise = () => {
          state = (state * 1103515245 + 12345) % 2147483648;
          return state % 105;
        };
        // Each top-level entry's lines.
        const lines: string[] = ["# header"];
        const blocks = new Map<string, string>();
        for (const [key, value] of Object.entries(tree)) {
          const start = lines.length;
          writeTree({ [key]: value }, 0, noise, lines);
          // From the key's own line: a comment above the first key may stay above a key inserted first.
          const own = lines.slice(start);
          while (own.length > 0 && (own[0] === "" || own[0]!.startsWith("#"))) own.shift();
          blocks.set(key, own.join("\n"));
        }
        const text = `${lines.join("\n")}\n`;
        const editor = open(text);
        expect(editor.render()).toBe(text);
        const model = modelOf(tree, undefined);
        const touched = new Set<string>();
        for (const { pick, edit } of edits) {
          const result = applyEdit(editor, model, pick, edit);
          if (result === undefined) continue;
          applied++;
          if (result.touched !== undefined) touched.add(result.touched);
        }
        const rendered = editor.render();
        const reparsed = parseDocument(rendered);
        expect(reparsed.errors).toEqual([]);
        expect(reparsed.toJS(), "the text reads back as the test's own model of the edits").toEqual(
          modelToJS(model),
        );
        expect(reparsed.toJS()).toEqual(editor.document.toJS());
        // The lines of every top-level entry no edit reached are still there, byte for byte.
        for (const [key, block] of blocks) {
          if (touched.has(key)) continue;
          expect(`${rendered}`, `the untouched entry '${key}'`).toContain(block);
          keptBlocks++;
        }
        // Every comment line of the input is still there.
        const comments = (t: string) =>
          t.split("\n").flatMap((l) => (l.includes("# ") ? [l.slice(l.indexOf("# "))] : []));
        expect(comments(rendered).sort()).toEqual(expect.arrayContaining(comments(text).sort()));
      }),
      { numRuns: 300 },
    );
    // The property saw edits applied (not only refusals) and untouched blocks to compare.
    expect(applied).toBeGreaterThanOrEqual(300);
    expect(keptBlocks).toBeGreaterThanOrEqual(150);
  });
});

describe("YamlEditor: lists and new entries (the flag store's edits)", () => {
  const FLAGS = [
    "# flags",
    "flags:",
    "  beta:  # the beta",
    "    enabled: true",
    "    whitelist:",
    "      - ann   # tester",
    "      - bob",
    "    tags: [a, b]  # tags",
    "  # trailing comment of beta",
    "",
  ].join("\n");

  it("appends to block and flow sequences, keeping every comment", () => {
    const editor = open(FLAGS);
    const beta = map(editor, "flags", "beta");
    editor.appendToSeq(editor.getSeq(beta, "whitelist")!, "cat");
    editor.appendToSeq(editor.getSeq(beta, "tags")!, "c d");
    const text = expectConsistent(editor);
    expect(text).toContain("      - bob\n      - cat\n");
    expect(text).toContain('    tags: [a, b, "c d"]  # tags');
    expect(text).toContain("      - ann   # tester");
    expect(text).toContain("  # trailing comment of beta");
  });

  it("removes items from block and flow sequences", () => {
    const editor = open(FLAGS);
    const beta = map(editor, "flags", "beta");
    editor.removeFromSeq(editor.getSeq(beta, "whitelist")!, 1);
    editor.removeFromSeq(editor.getSeq(beta, "tags")!, 0);
    const text = expectConsistent(editor);
    expect(text).toContain("      - ann   # tester\n    tags: [b]  # tags");
    expect(() => editor.removeFromSeq(editor.getSeq(beta, "whitelist")!, 0)).toThrow(YamlEditError);
  });

  it("inserts a list value in flow style and a whole mapping in block style", () => {
    const editor = open(FLAGS);
    editor.insert(map(editor, "flags", "beta"), "blacklist", ["eve", "mallory"], { after: "whitelist" });
    editor.insert(map(editor, "flags"), "gamma", { enabled: false, rollout_percentage: 5, tags: ["x"] });
    const text = expectConsistent(editor);
    expect(text).toContain("      - bob\n    blacklist: [eve, mallory]\n    tags:");
    expect(text).toContain("  gamma:\n    enabled: false\n    rollout_percentage: 5\n    tags: [x]\n");
    expect(text.startsWith("# flags\nflags:\n  beta:  # the beta\n")).toBe(true);
  });

  it("inserts into an empty flow mapping in flow style", () => {
    const editor = open("flags: {}\n");
    editor.insert(map(editor, "flags"), "f", { enabled: true });
    expect(expectConsistent(editor)).toBe("flags: {f: {enabled: true}}\n");
  });
});
