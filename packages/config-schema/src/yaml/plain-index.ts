import type { YamlPath } from "../diagnostics/diagnostic.js";

/**
 * Positions of a plain YAML file without the `yaml` package's document. The fast tier (fast-load.ts)
 * reads large plain files with js-yaml and leaves positions for later; building the positioned
 * document then costs seconds on a generated file of a few MB (it was most of `switchyard audit` on
 * a 20,000-model set, which locates tens of thousands of findings). This index reads the block
 * structure of such a file line by line instead — ten times faster — and answers `rangeOf` from
 * hash maps.
 *
 * It covers what the fast tier admits and generated and hand-written config files use: block maps
 * and sequences (compact `- key: value` items and sequences at their key's indentation included),
 * plain and single-line quoted scalars and keys, comments, and one-line flow collections (located as
 * a whole). Anything else — block scalars, plain scalars that continue on the next line, quoted keys
 * with escapes — makes it decline (`undefined`), and the caller builds the document as before.
 * Start offsets and scalar ranges equal the document's; a block collection ends at its last token.
 */

/** A located node: its range, and for a map its entries by key text, for a sequence its items. */
export interface PlainNode {
  readonly start: number;
  readonly end: number;
  readonly entries?: Map<string, PlainEntry>;
  readonly items?: PlainNode[];
  /** An empty value (`key:` with nothing after it). */
  readonly empty?: boolean;
}

export interface PlainEntry {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: PlainNode;
}

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

/**
 * The lines of a text, as three offset arrays (one entry per line): where the line starts, where its
 * content starts (-1 for a blank or comment-only line) and where it ends (before `\r\n` or `\n`).
 */
interface Lines {
  readonly length: number;
  readonly start: Int32Array;
  readonly content: Int32Array;
  readonly end: Int32Array;
}

function readLines(text: string): Lines {
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  const starts = new Int32Array(count);
  const contents = new Int32Array(count);
  const ends = new Int32Array(count);
  let start = 0;
  for (let n = 0; n < count; n++) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let lineEnd = end;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let content = start;
    while (content < lineEnd && text.charCodeAt(content) === 32) content++;
    const blank = content === lineEnd || text.charCodeAt(content) === 35; // '#'
    starts[n] = start;
    contents[n] = blank ? -1 : content;
    ends[n] = lineEnd;
    start = end + 1;
  }
  return { length: count, start: starts, content: contents, end: ends };
}

const isSpace = (c: number) => c === 32 || c === 9;

class Reader {
  private readonly lines: Lines;
  constructor(private readonly text: string) {
    this.lines = readLines(text);
  }

  /** Index of the next content line at or after `i` (lines.length when none). */
  next(i: number): number {
    while (i < this.lines.length && this.lines.content[i]! === -1) i++;
    return i;
  }

  column(i: number): number {
    return this.lines.content[i]! - this.lines.start[i]!;
  }

  root(): PlainNode {
    const first = this.next(0);
    if (first >= this.lines.length || this.column(first) !== 0) decline();
    const [node, after] = this.block(first, this.lines.content[first]!, 0);
    if (this.next(after) < this.lines.length) decline();
    if (node.entries === undefined) decline();
    return node;
  }

  /** A block node starting at offset `at` of line `i`, whose items sit at column `col`. */
  private block(i: number, at: number, col: number): [PlainNode, number] {
    return this.text.charCodeAt(at) === 45 && this.isSeqIndicator(at, this.lines.end[i]!)
      ? this.sequence(i, at, col)
      : this.map(i, at, col);
  }

  private isSeqIndicator(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === 45 && (at + 1 === end || isSpace(this.text.charCodeAt(at + 1)));
  }

  private sequence(i: number, at: number, col: number): [PlainNode, number] {
    const items: PlainNode[] = [];
    let lastEnd = at;
    let offset = at;
    let line = i;
    for (;;) {
      const end = this.lines.end[line]!;
      if (!this.isSeqIndicator(offset, end)) decline();
      let rest = offset + 1;
      while (rest < end && this.text.charCodeAt(rest) === 32) rest++;
      let value: PlainNode;
      let after: number;
      if (rest === end || this.text.charCodeAt(rest) === 35) {
        // `-` alone: the item is the block below it, or empty.
        const below = this.next(line + 1);
        if (below < this.lines.length && this.column(below) > col) {
          [value, after] = this.block(below, this.lines.content[below]!, this.column(below));
        } else {
          value = { start: rest === end ? end : rest, end: rest === end ? end : rest, empty: true };
          after = line + 1;
        }
      } else if (this.keyEnd(rest, end) !== undefined) {
        [value, after] = this.map(line, rest, rest - this.lines.start[line]!);
      } else {
        [value, after] = this.inlineValue(line, rest, col);
      }
      items.push(value);
      lastEnd = Math.max(lastEnd, value.end);
      const following = this.next(after);
      if (following >= this.lines.length || this.column(following) !== col) {
        if (following < this.lines.length && this.column(following) > col) decline();
        return [{ start: at, end: lastEnd, items }, following];
      }
      line = following;
      offset = this.lines.content[line]!;
      // A key at the sequence's indentation ends it (a sequence indented as its key).
      if (!this.isSeqIndicator(offset, this.lines.end[line]!))
        return [{ start: at, end: lastEnd, items }, following];
    }
  }

  private map(i: number, at: number, col: number): [PlainNode, number] {
    const entries = new Map<string, PlainEntry>();
    let lastEnd = at;
    let offset = at;
    let line = i;
    for (;;) {
      const end = this.lines.end[line]!;
      const key = this.keyEnd(offset, end);
      if (key === undefined) decline();
      const { keyEnd, colon, text: keyText } = key!;
      let rest = colon + 1;
      while (rest < end && this.text.charCodeAt(rest) === 32) rest++;
      let value: PlainNode;
      let after: number;
      if (rest === end || this.text.charCodeAt(rest) === 35) {
        const below = this.next(line + 1);
        const belowCol = below < this.lines.length ? this.column(below) : -1;
        const belowAt = below < this.lines.length ? this.lines.content[below]! : 0;
        if (belowCol > col || (belowCol === col && this.isSeqIndicator(belowAt, this.lines.end[below]!))) {
          // The value is the block below (a sequence may sit at its key's indentation).
          [value, after] = this.block(below, belowAt, belowCol);
        } else {
          value = { start: colon + 1, end: colon + 1, empty: true };
          after = line + 1;
        }
      } else {
        [value, after] = this.inlineValue(line, rest, col);
      }
      if (!entries.has(keyText)) entries.set(keyText, { keyStart: offset, keyEnd, value });
      lastEnd = Math.max(lastEnd, value.end, keyEnd);
      const following = this.next(after);
      if (following >= this.lines.length || this.column(following) !== col) {
        if (following < this.lines.length && this.column(following) > col) decline();
        return [{ start: at, end: lastEnd, entries }, following];
      }
      line = following;
      offset = this.lines.content[line]!;
      if (this.isSeqIndicator(offset, this.lines.end[line]!)) {
        // A sequence at this map's indentation ends the map (it belongs to an outer key).
        return [{ start: at, end: lastEnd, entries }, following];
      }
    }
  }

  /**
   * The key at `at` when the rest of the line is `key: …` (or `key:`): its end, the colon and its
   * text; `undefined` when the line holds no key.
   */
  private keyEnd(at: number, end: number): { keyEnd: number; colon: number; text: string } | undefined {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const close = this.quotedEnd(at, end);
      if (close === undefined) return undefined;
      let colon = close;
      while (colon < end && text.charCodeAt(colon) === 32) colon++;
      if (text.charCodeAt(colon) !== 58 || !(colon + 1 === end || isSpace(text.charCodeAt(colon + 1))))
        return undefined;
      const inner = text.slice(at + 1, close - 1);
      if (c === 34 && inner.includes("\\")) decline();
      return { keyEnd: close, colon, text: c === 39 ? inner.replaceAll("''", "'") : inner };
    }
    if (c === 91 || c === 123 || c === 35) return undefined; // flow collections and comments are not keys
    for (let p = at; p < end; p++) {
      const ch = text.charCodeAt(p);
      if (ch === 35 && p > at && isSpace(text.charCodeAt(p - 1))) return undefined; // a comment
      if (ch === 58 && (p + 1 === end || isSpace(text.charCodeAt(p + 1)))) {
        let keyEnd = p;
        while (keyEnd > at && isSpace(text.charCodeAt(keyEnd - 1))) keyEnd--;
        if (keyEnd === at) return undefined;
        return { keyEnd, colon: p, text: text.slice(at, keyEnd) };
      }
    }
    return undefined;
  }

  /** Offset just past the closing quote of the quoted scalar at `at`, on the same line. */
  private quotedEnd(at: number, end: number): number | undefined {
    const quote = this.text.charCodeAt(at);
    for (let p = at + 1; p < end; p++) {
      const ch = this.text.charCodeAt(p);
      if (quote === 34 && ch === 92) p++;
      else if (ch === quote) {
        if (quote === 39 && this.text.charCodeAt(p + 1) === 39) p++;
        else return p + 1;
      }
    }
    return undefined;
  }

  /** A value that starts on its key's (or dash's) line: a scalar or a one-line flow collection. */
  private inlineValue(line: number, at: number, col: number): [PlainNode, number] {
    const end = this.lines.end[line]!;
    const text = this.text;
    const c = text.charCodeAt(at);
    let valueEnd: number;
    if (c === 124 || c === 62 || c === 38 || c === 42 || c === 33) decline(); // | > & * !
    if (c === 34 || c === 39) {
      valueEnd = this.quotedEnd(at, end) ?? decline();
    } else if (c === 91 || c === 123) {
      const [flow, flowEnd] = this.flow(at, end);
      valueEnd = flowEnd;
      this.rest(valueEnd, end);
      const following = this.next(line + 1);
      if (following < this.lines.length && this.column(following) > col) decline();
      return [flow, line + 1];
    } else {
      valueEnd = at;
      for (let p = at; p < end; p++) {
        const ch = text.charCodeAt(p);
        if (ch === 35 && isSpace(text.charCodeAt(p - 1))) break;
        if (!isSpace(ch)) valueEnd = p + 1;
      }
    }
    this.rest(valueEnd, end);
    const following = this.next(line + 1);
    // A more indented line after a scalar continues it: a multi-line scalar, left to the document.
    if (following < this.lines.length && this.column(following) > col) decline();
    return [{ start: at, end: valueEnd }, line + 1];
  }

  /** Anything but a comment after a quoted or flow value is not plain. */
  private rest(from: number, end: number): void {
    for (let p = from; p < end; p++) {
      const ch = this.text.charCodeAt(p);
      if (ch === 35) return;
      if (!isSpace(ch)) decline();
    }
  }

  private skipSpaces(p: number, end: number): number {
    while (p < end && this.text.charCodeAt(p) === 32) p++;
    return p;
  }

  /** The one-line flow collection opening at `at`, and the offset just past it. */
  private flow(at: number, end: number): [PlainNode, number] {
    const text = this.text;
    const isMap = text.charCodeAt(at) === 123;
    const close = isMap ? 125 : 93;
    const items: PlainNode[] = [];
    const entries = new Map<string, PlainEntry>();
    let p = this.skipSpaces(at + 1, end);
    while (text.charCodeAt(p) !== close) {
      if (p >= end) decline();
      if (isMap) {
        const keyStart = p;
        const [key, keyEnd] = this.flowScalar(p, end, true);
        p = this.skipSpaces(keyEnd, end);
        if (text.charCodeAt(p) !== 58) decline();
        p = this.skipSpaces(p + 1, end);
        const [value, valueEnd] = this.flowItem(p, end);
        const keyText = text.charCodeAt(keyStart) === 39 ? key.slice(1, -1).replaceAll("''", "'") : key;
        if (text.charCodeAt(keyStart) === 34) decline();
        if (!entries.has(keyText)) entries.set(keyText, { keyStart, keyEnd, value });
        p = valueEnd;
      } else {
        const [value, valueEnd] = this.flowItem(p, end);
        items.push(value);
        p = valueEnd;
      }
      p = this.skipSpaces(p, end);
      if (text.charCodeAt(p) === 44) p = this.skipSpaces(p + 1, end);
      else if (text.charCodeAt(p) !== close) decline();
    }
    return [isMap ? { start: at, end: p + 1, entries } : { start: at, end: p + 1, items }, p + 1];
  }

  private flowItem(p: number, end: number): [PlainNode, number] {
    const c = this.text.charCodeAt(p);
    if (c === 91 || c === 123) return this.flow(p, end);
    const [, scalarEnd] = this.flowScalar(p, end, false);
    // `[a: b]` (a single-pair map in a flow sequence) is left to the document.
    if (this.text.charCodeAt(this.skipSpaces(scalarEnd, end)) === 58) decline();
    return [{ start: p, end: scalarEnd }, scalarEnd];
  }

  /** A scalar in a flow collection: its text and the offset just past it. */
  private flowScalar(p: number, end: number, key: boolean): [string, number] {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = this.quotedEnd(p, end) ?? decline();
      return [text.slice(p, close), close];
    }
    if (c === 38 || c === 42 || c === 33 || c === 63 || c === 35) decline();
    let last = p;
    for (let q = p; q < end; q++) {
      const ch = text.charCodeAt(q);
      if (ch === 44 || ch === 93 || ch === 125 || ch === 91 || ch === 123) break;
      if (
        ch === 58 &&
        (key || q + 1 === end || isSpace(text.charCodeAt(q + 1)) || text.charCodeAt(q + 1) === 44)
      )
        break;
      if (ch === 35 && isSpace(text.charCodeAt(q - 1))) break;
      if (!isSpace(ch)) last = q + 1;
    }
    if (last === p) decline();
    return [text.slice(p, last), last];
  }
}

/** The located block structure of a plain YAML text, or `undefined` when the text is not plain enough. */
export function buildPlainIndex(text: string): PlainNode | undefined {
  try {
    return new Reader(text).root();
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

/** What a path resolves to in a plain index (as `lookupPath` does in a document). */
export interface PlainLookup {
  readonly value?: PlainNode;
  readonly key?: { readonly start: number; readonly end: number };
  readonly deepest: PlainNode;
  readonly depth: number;
}

export function lookupPlainPath(root: PlainNode, path: YamlPath): PlainLookup {
  let current = root;
  let key: { start: number; end: number } | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    let next: PlainNode | undefined;
    let nextKey: { start: number; end: number } | undefined;
    if (current.entries !== undefined) {
      const entry = current.entries.get(String(segment));
      if (entry) {
        nextKey = { start: entry.keyStart, end: entry.keyEnd };
        next = entry.value;
      }
    } else if (current.items !== undefined && typeof segment === "number") {
      next = current.items[segment];
    }
    if (next === undefined) return { deepest: current, depth: i, ...(nextKey ? { key: nextKey } : {}) };
    current = next;
    key = nextKey;
  }
  return { value: current, deepest: current, depth: path.length, ...(key ? { key } : {}) };
}
