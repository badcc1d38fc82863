import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  type Node,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
} from "yaml";
import { type ScalarStyle, type ScalarValue, scalarText, styleOf } from "./scalar-text.js";

/** An edit the editor cannot express without disturbing text outside the edited node. */
export class YamlEditError extends Error {
  readonly code = "SY3007";
  constructor(message: string) {
    super(message);
    this.name = "YamlEditError";
  }
}

type Op =
  | {
      readonly kind: "insert";
      readonly at: number;
      readonly depth: number;
      readonly order: number;
      readonly text: string;
    }
  | {
      readonly kind: "replace";
      readonly start: number;
      readonly end: number;
      readonly order: number;
      readonly text: string;
    }
  | {
      readonly kind: "delete";
      readonly start: number;
      readonly end: number;
      readonly order: number;
      readonly text: string;
    };

interface DirtyScalar {
  readonly start: number;
  readonly end: number;
  /** The scalar's text as last written (its style carries over to the next write, as if re-read). */
  text: string;
  /** The original was an empty value (`key:`), so the new text needs a leading space. */
  readonly empty: boolean;
}

function styleOfText(text: string): ScalarStyle {
  if (text.startsWith('"')) return "QUOTE_DOUBLE";
  if (text.startsWith("'")) return "QUOTE_SINGLE";
  return "PLAIN";
}

interface Wrap {
  readonly map: YAMLMap;
  readonly item: Scalar;
  readonly flow: boolean;
}

/** A key, as the string or number a YAML path segment holds. */
function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function keyMatches(pair: Pair, key: string): boolean {
  const k = keyOf(pair);
  return k === key || ((typeof k === "number" || typeof k === "boolean") && String(k) === key);
}

/**
 * Edits a parsed YAML document so that the written text changes only where a node was edited.
 *
 * The edits go to the yaml `Document` (so `document.toJS()` always reflects them and later steps
 * see earlier ones) and are also recorded as text operations against the original source.
 * {@link render} applies those operations to the original text: everything outside the edited
 * nodes (comments, blank lines, indentation, quoting, key order) is kept byte for byte. A deleted
 * entry's comments are kept as comment lines in its place.
 *
 * Read the document freely through {@link document}; change it only through the editor's methods
 * (a direct `setIn` would not reach the text).
 */
export class YamlEditor {
  /** The source text the document was parsed from. */
  readonly text: string;
  /** The parsed document; reflects every edit made so far. */
  readonly document: Document.Parsed;
  private readonly eol: string;
  private readonly created = new Set<object>();
  private readonly dirty = new Map<Scalar, DirtyScalar>();
  private readonly deletions: { start: number; end: number; text: string }[] = [];
  private readonly rawInserts: { at: number; text: string }[] = [];
  private readonly grownMaps = new Set<YAMLMap>();
  private wraps: Wrap[] = [];
  private readonly wrappedMaps = new Set<YAMLMap>();
  /** The style each scalar made by the editor is written in, carried over as if the file were re-read. */
  private readonly createdStyles = new Map<Scalar, ScalarStyle>();
  private edits = 0;

  constructor(text: string, document: Document.Parsed) {
    this.text = text;
    this.document = document;
    this.eol = text.includes("\r\n") ? "\r\n" : "\n";
  }

  /** The root mapping, if the document is one. */
  get root(): YAMLMap | undefined {
    const contents = this.document.contents;
    return isMap(contents) ? contents : undefined;
  }

  /** Counts the edits made so far (a step that leaves it unchanged changed nothing). */
  get revision(): number {
    return this.edits;
  }

  /** Whether the editor has recorded any change. */
  get edited(): boolean {
    return (
      this.dirty.size > 0 ||
      this.deletions.length > 0 ||
      this.grownMaps.size > 0 ||
      this.wraps.length > 0 ||
      this.rawInserts.length > 0
    );
  }

  /** The entry of `map` with this key. */
  pair(map: YAMLMap, key: string): Pair | undefined {
    for (const item of map.items) if (keyMatches(item, key)) return item;
    return undefined;
  }

  /** The node at `key` of `map` (a scalar, map, sequence or alias), if present. */
  get(map: YAMLMap, key: string): Node | undefined {
    const value = this.pair(map, key)?.value;
    return value === null || value === undefined || isPair(value) ? undefined : (value as Node);
  }

  /** The mapping at `key` of `map`, if that value is a mapping. */
  getMap(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
    if (!map) return undefined;
    const node = this.get(map, key);
    return isMap(node) ? node : undefined;
  }

  /** The sequence at `key` of `map`, if that value is a sequence. */
  getSeq(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
    if (!map) return undefined;
    const node = this.get(map, key);
    return isSeq(node) ? node : undefined;
  }

  /** The plain value at `key` of `map` (a scalar's value; `undefined` for collections or when absent). */
  scalar(map: YAMLMap, key: string): unknown {
    const node = this.get(map, key);
    return isScalar(node) ? node.value : undefined;
  }

  /** The entries of a mapping whose keys are scalars, as `[key, pair]`. */
  entries(map: YAMLMap | undefined): [string, Pair][] {
    if (!map) return [];
    const out: [string, Pair][] = [];
    for (const pair of map.items) {
      const key = keyOf(pair);
      if (typeof key === "string" || typeof key === "number") out.push([String(key), pair]);
    }
    return out;
  }

  /** The plain JavaScript value of a node. */
  toJS(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isScalar(node) || isCollection(node) || isAlias(node)) return node.toJS(this.document);
    return node;
  }

  /** Set a scalar node's value, keeping its quoting where the new value allows it. */
  setScalar(node: Scalar, value: ScalarValue): void {
    this.edits++;
    if (this.created.has(node)) {
      node.value = value;
      this.rememberStyle(node);
      return;
    }
    if (!node.range) throw new YamlEditError("cannot edit a scalar that has no source position");
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      throw new YamlEditError(`cannot rewrite the block scalar at offset ${node.range[0]} in place`);
    }
    const dirty = this.dirty.get(node);
    const style = dirty ? styleOfText(dirty.text) : styleOf(node);
    const text = scalarText(value, style);
    if (dirty) dirty.text = text;
    else
      this.dirty.set(node, {
        start: node.range[0],
        end: node.range[1],
        text,
        empty: node.range[0] === node.range[1],
      });
    node.value = value;
  }

  /**
   * Rename the key `from` of `map` to `to`, in place (its value, position and comments stay).
   * @returns false when `map` has no key `from`.
   */
  renameKey(map: YAMLMap, from: string, to: string): boolean {
    const pair = this.pair(map, from);
    if (!pair) return false;
    if (from !== to && this.pair(map, to))
      throw new YamlEditError(`cannot rename '${from}' to '${to}': '${to}' already exists`);
    if (!isScalar(pair.key)) throw new YamlEditError(`the key '${from}' is not a scalar`);
    this.setScalar(pair.key, to);
    return true;
  }

  /**
   * Set `key` of `map` to a scalar value: an existing scalar is rewritten in place, a missing key
   * is inserted (after the key `after`, or last).
   */
  set(map: YAMLMap, key: string, value: ScalarValue, position: InsertPosition = {}): void {
    const pair = this.pair(map, key);
    if (!pair) {
      this.insert(map, key, value, position);
      return;
    }
    if (pair.value === null || pair.value === undefined) {
      throw new YamlEditError(`'${key}' has no value node to rewrite`);
    }
    if (!isScalar(pair.value)) throw new YamlEditError(`'${key}' holds a collection, not a scalar`);
    this.setScalar(pair.value, value);
  }

  /** Insert `key: value` into `map` (first, after the key `after`, or last). */
  insert(map: YAMLMap, key: string, value: InsertValue, position: InsertPosition = {}): void {
    if (this.pair(map, key)) throw new YamlEditError(`cannot insert '${key}': the key already exists`);
    if (this.created.has(map) || this.wrappedMaps.has(map)) {
      throw new YamlEditError(`cannot insert '${key}' into a mapping created by an earlier edit`);
    }
    if (!map.range) throw new YamlEditError(`cannot insert '${key}' into a mapping without source position`);
    this.edits++;
    const keyNode = new Scalar(key);
    const valueNode = this.createValue(value);
    const pair = new Pair(keyNode, valueNode);
    this.created.add(pair).add(keyNode).add(valueNode);
    this.rememberStyle(keyNode);
    let index = map.items.length;
    if (position.first) index = 0;
    else if (position.after !== undefined) {
      const at = map.items.findIndex((p) => keyMatches(p, position.after!));
      if (at >= 0) index = at + 1;
    }
    map.items.splice(index, 0, pair);
    this.grownMaps.add(map);
  }

  /**
   * Remove `key` from `map`. The entry's lines go; comments on them or inside its value stay as
   * comment lines at the entry's indentation.
   * @returns the removed value as plain data, or undefined when the key was absent.
   */
  delete(map: YAMLMap, key: string): { value: unknown } | undefined {
    const index = map.items.findIndex((p) => keyMatches(p, key));
    if (index < 0) return undefined;
    const pair = map.items[index]!;
    if (this.wrappedMaps.has(map))
      throw new YamlEditError(`cannot delete '${key}' from a mapping created by an earlier edit`);
    if (!map.flow && !map.items.some((p) => p !== pair && !this.created.has(p))) {
      throw new YamlEditError(`cannot delete '${key}', the last entry the file wrote in its mapping`);
    }
    this.edits++;
    const value = this.toJS(pair.value);
    if (!this.created.has(pair)) {
      if (map.flow) this.recordFlowDeletion(map, index, pair);
      else this.recordBlockDeletion(map, index, pair);
      this.forget(pair);
    }
    map.items.splice(index, 1);
    return { value };
  }

  /** Drop the pending edits of a removed subtree: its text goes as a whole. */
  private forget(root: unknown): void {
    const stack: unknown[] = [root];
    const dropped = new Set<YAMLMap>();
    while (stack.length > 0) {
      const node = stack.pop();
      if (isPair(node)) stack.push(node.key, node.value);
      else if (isScalar(node)) this.dirty.delete(node);
      else if (isMap(node)) {
        this.grownMaps.delete(node);
        if (this.wrappedMaps.has(node)) dropped.add(node);
        for (const item of node.items) stack.push(item);
      } else if (isSeq(node)) for (const item of node.items) stack.push(item);
    }
    if (dropped.size > 0) this.wraps = this.wraps.filter((w) => !dropped.has(w.map));
  }

  /**
   * Turn the scalar item `index` of a sequence into a one-entry mapping `{key: item}`:
   * `- llama3` becomes `- name: llama3` (`[a]` becomes `[{name: a}]`). The item's own text and
   * comments stay.
   */
  wrapItemInMap(seq: YAMLSeq, index: number, key: string): YAMLMap {
    const item = seq.items[index];
    if (!isScalar(item) || this.created.has(item) || !item.range) {
      throw new YamlEditError(`item ${index} is not a scalar written in the file`);
    }
    if (item.anchor !== undefined || item.tag !== undefined) {
      throw new YamlEditError(`item ${index} has an anchor or tag; rewrite it by hand`);
    }
    this.edits++;
    const map = new YAMLMap();
    const keyNode = new Scalar(key);
    const pair = new Pair(keyNode, item);
    this.rememberStyle(keyNode);
    map.items.push(pair);
    if (seq.flow) map.flow = true;
    this.created.add(pair).add(keyNode);
    this.wrappedMaps.add(map);
    seq.items[index] = map;
    this.wraps.push({ map, item, flow: Boolean(seq.flow) });
    return map;
  }

  /** The text with every edit applied; the original text when nothing was edited. */
  render(): string {
    if (!this.edited) return this.text;
    const ops: Op[] = [];
    let order = 0;
    for (const d of this.deletions)
      ops.push({ kind: "delete", start: d.start, end: d.end, order: order++, text: d.text });
    for (const d of this.dirty.values()) {
      ops.push({
        kind: "replace",
        start: d.start,
        end: d.end,
        order: order++,
        text: d.empty ? ` ${d.text}` : d.text,
      });
    }
    for (const w of this.wraps) {
      const pair = w.map.items[0];
      if (w.map.items.length !== 1 || !pair || pair.value !== w.item || !isScalar(pair.key)) {
        throw new YamlEditError("a wrapped sequence item was changed further; that edit is not supported");
      }
      const keyText = this.scalarNodeText(pair.key);
      const [start, end] = w.item.range!;
      ops.push({
        kind: "insert",
        at: start,
        depth: 0,
        order: order++,
        text: w.flow ? `{${keyText}: ` : `${keyText}: `,
      });
      if (w.flow) ops.push({ kind: "insert", at: end, depth: 0, order: order++, text: "}" });
    }
    for (const r of this.rawInserts)
      ops.push({ kind: "insert", at: r.at, depth: 0, order: order++, text: r.text });
    for (const map of this.grownMaps) {
      for (const op of this.insertOps(map)) ops.push({ ...op, order: order++ });
    }
    return this.apply(ops);
  }

  // --- text operations -------------------------------------------------------------------------

  private lineStart(offset: number): number {
    return this.text.lastIndexOf("\n", offset - 1) + 1;
  }

  /** The offset just past the end of the line holding `offset` (or `offset` itself at a line start after content). */
  private lineEndAfter(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === "\n") return offset;
    const nl = this.text.indexOf("\n", offset);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** Where a node's content ends (not counting a trailing comment). */
  private contentEnd(pair: Pair): number {
    const value = pair.value as Node | null;
    if (value?.range) return value.range[1];
    const key = pair.key as Node | null;
    if (key?.range) return key.range[1];
    throw new YamlEditError("an entry without source position cannot anchor an edit");
  }

  private indentOf(node: Node): number {
    const start = node.range![0];
    return start - this.lineStart(start);
  }

  private commentLines(start: number, end: number, indent: string): string {
    const slice = this.text.slice(start, end);
    if (!slice.includes("#")) return "";
    let out = "";
    for (const token of new Lexer().lex(slice)) {
      if (token.startsWith("#")) out += `${indent}${token.replace(/\r$/, "")}${this.eol}`;
    }
    return out;
  }

  private isBlankLine(start: number): boolean {
    if (start >= this.text.length) return false;
    const nl = this.text.indexOf("\n", start);
    const line = this.text.slice(start, nl < 0 ? this.text.length : nl);
    return line.trim() === "";
  }

  private recordBlockDeletion(map: YAMLMap, index: number, pair: Pair): void {
    const key = pair.key as Node;
    if (!key?.range) throw new YamlEditError("cannot delete an entry without source position");
    const keyStart = key.range[0];
    const lineStart = this.lineStart(keyStart);
    const end = this.lineEndAfter(this.contentEnd(pair));
    const indent = " ".repeat(keyStart - lineStart);
    if (this.text.slice(lineStart, keyStart).trim() !== "") {
      // The first key of a mapping inside a sequence item (`- name: x`): remove up to the next key.
      const next = map.items
        .slice(index + 1)
        .find((p) => !this.created.has(p) && (p.key as Node | null)?.range);
      if (!next) throw new YamlEditError("cannot delete the only key of a sequence item's mapping");
      const nextStart = (next.key as Node).range![0];
      if (this.commentLines(keyStart, nextStart, "") !== "") {
        throw new YamlEditError("cannot delete a commented first key of a sequence item's mapping");
      }
      this.deletions.push({ start: keyStart, end: nextStart, text: "" });
      return;
    }
    const comments = this.commentLines(lineStart, end, indent);
    let stop = end;
    // Do not leave two blank lines where the entry sat between two blank lines.
    if (
      comments === "" &&
      lineStart > 0 &&
      this.isBlankLine(this.lineStart(lineStart - 1)) &&
      this.isBlankLine(end)
    ) {
      stop = this.lineEndAfter(end + 1);
    }
    this.deletions.push({ start: lineStart, end: stop, text: comments });
  }

  private recordFlowDeletion(map: YAMLMap, index: number, pair: Pair): void {
    const key = pair.key as Node;
    if (!key?.range) throw new YamlEditError("cannot delete an entry without source position");
    let start = key.range[0];
    let end = this.contentEnd(pair);
    const after = /^\s*,[ \t]*/.exec(this.text.slice(end, end + 200));
    if (after && index < map.items.length - 1) end += after[0].length;
    else {
      const before = /,\s*$/.exec(this.text.slice(Math.max(0, start - 200), start));
      if (before) start -= before[0].length;
    }
    if (this.commentLines(start, end, "") !== "")
      throw new YamlEditError("cannot delete a commented entry of a flow mapping");
    this.deletions.push({ start, end, text: "" });
  }

  /** Text insertions for the entries added to one original mapping. */
  private insertOps(map: YAMLMap): Omit<Extract<Op, { kind: "insert" }>, "order">[] {
    const ops: Omit<Extract<Op, { kind: "insert" }>, "order">[] = [];
    const originals = map.items.filter((p) => !this.created.has(p));
    const depth = map.range ? this.depthOf(map) : 0;
    if (map.flow) {
      let lastOriginal: Pair | undefined;
      let pending: Pair[] = [];
      const flush = (at: number, leading: boolean, trailing: boolean) => {
        if (pending.length === 0) return;
        const body = pending.map((p) => this.pairText(p, "", true)).join(", ");
        ops.push({ kind: "insert", at, depth, text: `${leading ? ", " : ""}${body}${trailing ? ", " : ""}` });
        pending = [];
      };
      for (const pair of map.items) {
        if (this.created.has(pair)) {
          pending.push(pair);
          continue;
        }
        if (lastOriginal) flush(this.contentEnd(lastOriginal), true, false);
        else flush((pair.key as Node).range![0], false, true);
        lastOriginal = pair;
      }
      if (lastOriginal) flush(this.contentEnd(lastOriginal), true, false);
      else flush(map.range![0] + 1, false, false);
      return ops;
    }
    const reference = originals[0];
    if (!reference)
      throw new YamlEditError("cannot insert into a block mapping whose every entry was removed");
    const indent = " ".repeat(this.indentOf(reference.key as Node));
    let lastOriginal: Pair | undefined;
    let pending: Pair[] = [];
    const flush = (at: number) => {
      if (pending.length === 0) return;
      let text = pending.map((p) => `${indent}${this.pairText(p, indent)}${this.eol}`).join("");
      if (at === this.text.length && at > 0 && this.text[at - 1] !== "\n") text = `${this.eol}${text}`;
      ops.push({ kind: "insert", at, depth, text });
      pending = [];
    };
    for (const pair of map.items) {
      if (this.created.has(pair)) {
        pending.push(pair);
        continue;
      }
      if (pending.length > 0) {
        if (lastOriginal) flush(this.lineEndAfter(this.contentEnd(lastOriginal)));
        else {
          const keyStart = (pair.key as Node).range![0];
          const lineStart = this.lineStart(keyStart);
          if (this.text.slice(lineStart, keyStart).trim() !== "") {
            throw new YamlEditError("cannot insert before the first key of a sequence item's mapping");
          }
          flush(lineStart);
        }
      }
      lastOriginal = pair;
    }
    if (lastOriginal) flush(this.lineEndAfter(this.contentEnd(lastOriginal)));
    return ops;
  }

  private depthOf(map: YAMLMap): number {
    const first = map.items.find((p) => !this.created.has(p) && (p.key as Node | null)?.range);
    return first ? this.indentOf(first.key as Node) : 0;
  }

  /** Remember the style a created scalar is written in (plain, the default, is not stored). */
  private rememberStyle(node: Scalar): void {
    const style = styleOfText(scalarText(node.value as ScalarValue, this.createdStyles.get(node)));
    if (style === "PLAIN") this.createdStyles.delete(node);
    else this.createdStyles.set(node, style);
  }

  private scalarNodeText(node: Scalar): string {
    return scalarText(node.value as ScalarValue, this.createdStyles.get(node));
  }

  /**
   * The text of an entry made by the editor. A sequence is written in flow style (`[a, b]`); a
   * mapping in block style below the key (indented two more than `indent`) or, inside a flow
   * mapping, in flow style.
   */
  private pairText(pair: Pair, indent = "", flow = false): string {
    const key = isScalar(pair.key) ? this.scalarNodeText(pair.key) : String(pair.key);
    const value = pair.value;
    if (isMap(value)) {
      if (flow || value.items.length === 0) {
        return `${key}: {${value.items.map((p) => this.pairText(p, "", true)).join(", ")}}`;
      }
      const inner = `${indent}  `;
      return `${key}:${value.items.map((p) => `${this.eol}${inner}${this.pairText(p, inner)}`).join("")}`;
    }
    return `${key}: ${this.valueText(value)}`;
  }

  private valueText(value: unknown): string {
    if (isScalar(value)) return this.scalarNodeText(value);
    if (isSeq(value)) return `[${value.items.map((item) => this.valueText(item)).join(", ")}]`;
    if (isMap(value)) return `{${value.items.map((p) => this.pairText(p, "", true)).join(", ")}}`;
    return "null";
  }

  /** A node tree for a value the editor inserts (every node marked as created). */
  private createValue(value: InsertValue): Node {
    if (Array.isArray(value)) {
      const seq = new YAMLSeq();
      seq.flow = true;
      for (const item of value) seq.items.push(this.createValue(item as InsertValue));
      this.created.add(seq);
      return seq;
    }
    if (value !== null && typeof value === "object") {
      const map = new YAMLMap();
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const keyNode = new Scalar(k);
        const pair = new Pair(keyNode, this.createValue(v as InsertValue));
        this.created.add(pair).add(keyNode);
        this.rememberStyle(keyNode);
        map.items.push(pair);
      }
      this.created.add(map);
      return map;
    }
    const scalar = new Scalar(value as ScalarValue);
    this.created.add(scalar);
    this.rememberStyle(scalar);
    return scalar;
  }

  /**
   * Append a scalar to a sequence written in the file: a block sequence gets a new `- item` line
   * after its last item (same indentation), a flow sequence `, item` before its `]`.
   */
  appendToSeq(seq: YAMLSeq, value: ScalarValue): void {
    if (this.created.has(seq) || !seq.range)
      throw new YamlEditError("cannot append to a sequence the file does not hold");
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    const node = new Scalar(value);
    this.created.add(node);
    this.rememberStyle(node);
    const text = this.scalarNodeText(node);
    this.edits++;
    if (seq.flow) {
      const lastOriginal = [...seq.items].reverse().find((i) => !this.created.has(i as object)) as
        | Node
        | undefined;
      if (lastOriginal?.range) this.rawInserts.push({ at: lastOriginal.range[1], text: `, ${text}` });
      else {
        const open = this.text.indexOf("[", seq.range[0]);
        this.rawInserts.push({ at: open + 1, text });
      }
    } else {
      if (!last?.range) throw new YamlEditError("cannot append to an empty block sequence");
      const lineStart = this.lineStart(last.range[0]);
      const prefix = this.text.slice(lineStart, last.range[0]);
      if (!/^[ ]*-[ ]+$/.test(prefix))
        throw new YamlEditError("cannot append to a sequence whose items are not one per line");
      const at = this.lineEndAfter(last.range[1]);
      const lead = at === this.text.length && !this.text.endsWith("\n") ? this.eol : "";
      this.rawInserts.push({ at, text: `${lead}${prefix}${text}${this.eol}` });
    }
    seq.items.push(node);
  }

  /**
   * Remove item `index` (a scalar the file holds) from a sequence: its line goes from a block
   * sequence, the item and one comma from a flow sequence.
   */
  removeFromSeq(seq: YAMLSeq, index: number): void {
    const item = seq.items[index] as Node | undefined;
    if (!item || this.created.has(item) || !item.range || !isScalar(item)) {
      throw new YamlEditError(`item ${index} is not a scalar written in the file`);
    }
    if (!seq.flow && seq.items.length === 1) {
      throw new YamlEditError("cannot remove the only item of a block sequence; delete its key instead");
    }
    this.edits++;
    const [start, end] = item.range;
    if (seq.flow) {
      let from = start;
      let to = end;
      const after = /^\s*,[ \t]*/.exec(this.text.slice(to, to + 200));
      if (after && index < seq.items.length - 1) to += after[0].length;
      else {
        const before = /,\s*$/.exec(this.text.slice(Math.max(0, from - 200), from));
        if (before) from -= before[0].length;
      }
      this.deletions.push({ start: from, end: to, text: "" });
    } else {
      const lineStart = this.lineStart(start);
      this.deletions.push({ start: lineStart, end: this.lineEndAfter(end), text: "" });
    }
    this.dirty.delete(item as Scalar);
    seq.items.splice(index, 1);
  }

  private apply(ops: Op[]): string {
    const start = (op: Op) => (op.kind === "insert" ? op.at : op.start);
    const end = (op: Op) => (op.kind === "insert" ? op.at : op.end);
    // Drop edits inside removed regions (an entry deleted after one of its values was edited).
    const deletions = ops
      .filter((op) => op.kind === "delete")
      .sort((a, b) => start(a) - start(b) || end(b) - end(a));
    const outer: Op[] = [];
    const inner = new Set<Op>();
    for (const d of deletions) {
      const last = outer[outer.length - 1];
      if (last && start(d) < end(last)) {
        if (end(d) > end(last)) throw new YamlEditError(`overlapping deletions at offset ${start(d)}`);
        inner.add(d);
      } else outer.push(d);
    }
    const insideDeletion = (op: Op): boolean => {
      const s = start(op);
      let lo = 0;
      let hi = outer.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (start(outer[mid]!) <= s) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) return false;
      const d = outer[found]!;
      if (d === op) return false;
      return op.kind === "insert" ? s > start(d) && s < end(d) : s >= start(d) && end(op) <= end(d);
    };
    const kept = ops.filter((op) => !inner.has(op) && !insideDeletion(op));
    // Zero-width insertions come before what starts at the same offset; deeper ones first.
    kept.sort((a, b) => {
      const byStart = start(a) - start(b);
      if (byStart !== 0) return byStart;
      const aw = a.kind === "insert" ? 0 : 1;
      const bw = b.kind === "insert" ? 0 : 1;
      if (aw !== bw) return aw - bw;
      if (a.kind === "insert" && b.kind === "insert" && a.depth !== b.depth) return b.depth - a.depth;
      return a.order - b.order;
    });
    const parts: string[] = [];
    let cursor = 0;
    for (const op of kept) {
      const s = start(op);
      if (s < cursor) throw new YamlEditError(`conflicting edits at offset ${s}`);
      parts.push(this.text.slice(cursor, s), op.text);
      cursor = end(op);
    }
    parts.push(this.text.slice(cursor));
    return parts.join("");
  }
}

/** A value {@link YamlEditor.insert} can write: a scalar, a list (written `[a, b]`) or a mapping. */
export type InsertValue =
  | ScalarValue
  | readonly InsertValue[]
  | { readonly [key: string]: InsertValue | undefined };

/** Where {@link YamlEditor.insert} puts a new key. */
export interface InsertPosition {
  /** Insert as the first key of the mapping. */
  readonly first?: boolean;
  /** Insert right after this key (last when it is absent). */
  readonly after?: string;
}
