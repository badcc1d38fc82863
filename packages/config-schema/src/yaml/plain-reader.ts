import type { YamlPath } from "../diagnostics/diagnostic.js";
import { FORBIDDEN_KEYS } from "./forbidden-keys.js";

/**
 * The plain reader: the first step of the fast tier (fast-load.ts). It reads the data of a plain
 * YAML text — block mappings and sequences, plain and simply quoted scalars, one-line flow
 * collections, comments — in one pass over its lines, with no token stream and no document. That is
 * what machine-sized config files are made of (a 20,000-model set reads about 2× faster than through
 * js-yaml, whose result the fast tier then also had to pre-screen and walk).
 *
 * It declines (returns `undefined`) everything else, and everything the strict tier could read
 * differently or report on: anchors, aliases, tags, block scalars, multi-line scalars and flow
 * collections, escapes, document markers, directives, duplicate, forbidden, null and merge keys,
 * over-long keys, tabs and unusual characters. A declined text goes on to the next tier; a
 * differential property test (fast-load.test.ts) holds it to the `yaml` package's reading.
 *
 * While it reads, it records where each key and value is (`PlainNode`, offsets into the text), so
 * a located diagnostic needs neither the `yaml` package's document (seconds on a generated file of a
 * few MB) nor a second pass over the lines: `rangeOf` answers from the recorded maps. Start offsets
 * and scalar ranges equal the document's; a block collection ends at its last token
 * (plain-reader.test.ts holds them to the document).
 */

/** A located node: its range, and for a map its entries by key, for a sequence its items. */
export interface PlainNode {
  readonly start: number;
  readonly end: number;
  readonly entries?: Map<string, PlainEntry>;
  readonly items?: PlainNode[];
  /** An empty value (`key:` or `-` with nothing after it). */
  readonly empty?: boolean;
}

/** A map entry: where its key is, and its value. */
export interface PlainEntry {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: PlainNode;
}

/** A key written again in the same map: where it is, and where it was first. */
export interface PlainRepeat {
  /** The key's text, as the data names it. */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly firstStart: number;
  readonly firstEnd: number;
  /** Whether it repeats the mapping's first key (in a list item: the `- ` of the next item forgotten). */
  readonly ofFirstKey: boolean;
}

/** A key, where it is. */
export interface PlainKey {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** The repeated keys of one block mapping, in the order they are written. */
export interface PlainRepeats {
  /** Where the mapping starts (its first key): mappings are reported in this order. */
  readonly start: number;
  /** Whether the mapping is an item of a block sequence (`- a: 1`). */
  readonly inList: boolean;
  /** Its repeated keys, in the order they are written. */
  readonly repeats: PlainRepeat[];
}

/** The node of a read that records no positions. */
const NO_NODE: PlainNode = { start: 0, end: 0 };

class Decline extends Error {}
const DECLINE = new Decline();
/**
 * A data-only read stops here at a key the strict tier reports (repeated or forbidden): a located
 * read reads on and reports it (see fastRead).
 */
const REPORTED_KEY = new Decline();
const decline = (): never => {
  throw DECLINE;
};

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const SQUOTE = 39;
const DQUOTE = 34;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const COMMA = 44;
const QUESTION = 63;
const BACKSLASH = 92;

/** Characters a plain scalar (or key) cannot start with; `-`, `?` and `:` only before a space. */
function isIndicator(c: number): boolean {
  switch (c) {
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case SQUOTE:
    case DQUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
      return true;
    default:
      return false;
  }
}

/** Text the reader never takes: tabs, unusual line breaks, control characters, lone surrogates. */
const UNUSUAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what the reader refuses
  /[\t\u0085\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|\r(?!\n)|[\ud800-\udfff]/u;

const NULL_RE = /^(?:~|[Nn]ull|NULL)$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar resolved as the `yaml` package's YAML 1.2 core schema resolves it. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these first characters can start a non-string core scalar.
  if ((c >= 48 && c <= 57) || c === 43 || c === DASH || c === 46) {
    if (INT_RE.test(s)) return Number.parseInt(s, 10);
    if (OCT_RE.test(s)) return Number.parseInt(s.slice(2), 8);
    if (HEX_RE.test(s)) return Number.parseInt(s.slice(2), 16);
    if (NAN_RE.test(s))
      return s.slice(-3).toLowerCase() === "nan"
        ? Number.NaN
        : s.charCodeAt(0) === DASH
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY;
    if (EXP_RE.test(s) || FLOAT_RE.test(s)) return Number.parseFloat(s);
    return s;
  }
  if (c === 126 || c === 110 || c === 78) return NULL_RE.test(s) ? null : s; // ~ n N
  if (c === 116 || c === 84 || c === 102 || c === 70) {
    if (BOOL_RE.test(s)) return c === 116 || c === 84;
    return s;
  }
  return s;
}

/** Offset of the first `c` in `text` from `from` before `end`, or -1 (never scans past `end`). */
function charIn(text: string, c: number, from: number, end: number): number {
  for (let p = from; p < end; p++) if (text.charCodeAt(p) === c) return p;
  return -1;
}

/** Offset of the first ` #` (a comment) in `text` from `from` before `end`, or -1. */
function commentIn(text: string, from: number, end: number): number {
  for (let p = from + 1; p < end; p++)
    if (text.charCodeAt(p) === HASH && text.charCodeAt(p - 1) === SPACE) return p - 1;
  return -1;
}

/** Offset of the first `: ` in `text` from `from` before `end`, or -1. */
function colonSpaceIn(text: string, from: number, end: number): number {
  for (let p = from; p + 1 < end; p++)
    if (text.charCodeAt(p) === COLON && text.charCodeAt(p + 1) === SPACE) return p;
  return -1;
}

class Reader {
  private readonly text: string;
  private readonly length: number;
  /** The current content line: where it starts, its first non-space character, its end (before the break). */
  private lineStart = 0;
  private at = 0;
  private end = 0;
  private nextLine = 0;
  /** Column of the current line's content; -1 at the end of the text. */
  private col = -1;
  /** The located node of the value read last (each reading method sets it when `located`). */
  node: PlainNode = NO_NODE;
  /** Block mappings with repeated keys (a located read only; a data-only read stops at one). */
  readonly repeated: PlainRepeats[] = [];
  /** Forbidden keys of block mappings, in the order they are written (a located read only). */
  readonly forbidden: PlainKey[] = [];

  constructor(
    text: string,
    /** Record where each key and value is (`node`); off, the reader only reads the data. */
    private readonly located: boolean,
  ) {
    this.text = text;
    this.length = text.length;
    this.advance();
  }

  /** Move to the next line with content (not blank, not a comment). */
  private advance(): void {
    const text = this.text;
    while (this.nextLine <= this.length) {
      const start = this.nextLine;
      let end = text.indexOf("\n", start);
      if (end === -1) {
        end = this.length;
        this.nextLine = this.length + 1;
      } else this.nextLine = end + 1;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let at = start;
      while (at < end && text.charCodeAt(at) === SPACE) at++;
      if (at === end || text.charCodeAt(at) === HASH) continue;
      this.lineStart = start;
      this.at = at;
      this.end = end;
      this.col = at - start;
      return;
    }
    this.col = -1;
  }

  root(): Record<string, unknown> {
    if (this.col !== 0) decline();
    // A document start marker alone on the first line (`---`) changes nothing.
    if (this.text.startsWith("---", this.at) && this.text.slice(this.at + 3, this.end).trim() === "") {
      this.advance();
      if (this.col !== 0) decline();
    }
    // Document markers and directives at the start of a line.
    const c = this.text.charCodeAt(this.at);
    if (c === 37 || c === DASH || c === 46) this.checkMarker();
    const value = this.map(0, this.at, false);
    if (this.col !== -1) decline();
    return value;
  }

  private checkMarker(): void {
    const text = this.text;
    if (text.startsWith("---", this.at) || text.startsWith("...", this.at) || text.charCodeAt(this.at) === 37)
      decline();
  }

  private isSeqAt(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const n = at + 1;
    return n === this.end || this.text.charCodeAt(n) === SPACE;
  }

  /** A block node whose first line is the current line, at column `col` (an item of a list: `inList`). */
  private block(col: number, inList: boolean): unknown {
    if (col === 0) this.checkMarker();
    return this.isSeqAt(this.at) ? this.seq(col) : this.map(col, this.at, inList);
  }

  private map(col: number, at: number, inList: boolean): Record<string, unknown> {
    const text = this.text;
    const out: Record<string, unknown> = {};
    const located = this.located;
    const entries = located ? new Map<string, PlainEntry>() : undefined;
    const start = at;
    let last = at;
    let repeats: PlainRepeat[] | undefined;
    let firstKeyStart = -1;
    for (;;) {
      let end = this.end;
      let key: string;
      let keyStart: number;
      /** Where the key ends, when known (an explicit key); else found from the colon when needed. */
      let knownKeyEnd = -1;
      /** The colon the value follows; -1 for an explicit key with no value line (`? x`). */
      let colon: number;
      if (text.charCodeAt(at) === QUESTION && (at + 1 === end || text.charCodeAt(at + 1) === SPACE)) {
        // An explicit key (`? x`), its value on a `: v` line below at the same column, or none.
        [key, keyStart, knownKeyEnd] = this.explicitKey(at, end);
        end = this.end;
        const c = this.at;
        colon =
          this.col === col &&
          text.charCodeAt(c) === COLON &&
          c + 1 < end &&
          text.charCodeAt(c + 1) === SPACE &&
          this.skipSpaces(c + 1, end) < end &&
          text.charCodeAt(this.skipSpaces(c + 1, end)) !== HASH
            ? c
            : -1;
      } else {
        colon = this.keyColon(at, end);
        if (colon === -1) decline();
        key = this.keyText(at, colon);
        keyStart = at;
      }
      // A forbidden key is reported (SY1007) and left out of the data, as the strict tier does; the
      // same key twice in one mapping is left to it.
      const forbidden = FORBIDDEN_KEYS.has(key);
      if (forbidden && (entries === undefined || entries.has(key))) {
        if (entries === undefined) throw REPORTED_KEY;
        decline();
      }
      if (firstKeyStart === -1) firstKeyStart = keyStart;
      const keyEndOf = () => (knownKeyEnd !== -1 ? knownKeyEnd : this.keyEnd(keyStart, colon));
      let first: PlainEntry | undefined;
      if (Object.hasOwn(out, key)) {
        // A repeated key: the data keeps the last value where the first stood (as the strict tier
        // does); the located read records it for its diagnostic, a data-only read stops.
        if (entries === undefined) throw REPORTED_KEY;
        first = entries.get(key);
        // `1: a` and `'1': b` name one property but are two keys to the strict tier: left to it.
        if (
          first === undefined ||
          this.keyKind(first.keyStart, first.keyEnd) !== this.keyKind(keyStart, keyEndOf())
        )
          decline();
      }
      let value: unknown;
      let rest = colon + 1;
      while (colon !== -1 && rest < end && text.charCodeAt(rest) === SPACE) rest++;
      if (colon === -1) {
        // `? x` alone: a null value, which the strict tier locates at the key.
        value = null;
        if (located) this.node = { start: keyStart, end: knownKeyEnd };
      } else if (rest === end || text.charCodeAt(rest) === HASH) {
        this.advance();
        if (this.col > col || (this.col === col && this.isSeqAt(this.at)))
          value = this.block(this.col, false);
        else {
          value = null;
          if (located) this.node = { start: colon + 1, end: colon + 1, empty: true };
        }
      } else {
        value = this.inline(rest, col);
      }
      if (!forbidden) out[key] = value;
      if (entries !== undefined) {
        const node = this.node;
        const keyEnd = keyEndOf();
        if (forbidden) this.forbidden.push({ name: key, start: keyStart, end: keyEnd });
        if (first === undefined) entries.set(key, { keyStart, keyEnd, value: node });
        else {
          repeats ??= [];
          repeats.push({
            name: key,
            start: keyStart,
            end: keyEnd,
            firstStart: first.keyStart,
            firstEnd: first.keyEnd,
            ofFirstKey: first.keyStart === firstKeyStart,
          });
        }
        last = Math.max(last, node.end, keyEnd);
      }
      if (this.col < col) {
        if (entries !== undefined) this.node = { start, end: last, entries };
        if (repeats !== undefined) this.repeated.push({ start, inList, repeats });
        return out; // also the end of the text (-1)
      }
      if (this.col > col) decline();
      at = this.at;
      if (col === 0) this.checkMarker();
      if (this.isSeqAt(at)) decline();
    }
  }

  /**
   * The explicit key of the `? …` line at `at` (ending at `end`): one scalar, plain or quoted, with
   * nothing else on the line. Its text, start and end; moves to the next content line.
   */
  private explicitKey(at: number, end: number): [string, number, number] {
    const text = this.text;
    const p = this.skipSpaces(at + 1, end);
    // `?` alone (an empty key), or a comment for a key.
    if (p === end || text.charCodeAt(p) === HASH) decline();
    const c = text.charCodeAt(p);
    let key: string;
    let keyEnd: number;
    if (c === SQUOTE || c === DQUOTE) {
      keyEnd = this.quotedEnd(p, end);
      if (keyEnd === -1) decline();
      key = this.quoted(p, keyEnd);
      this.restOfLine(keyEnd, end);
    } else {
      if (isIndicator(c) || c === 63) decline();
      if ((c === DASH || c === COLON) && (p + 1 === end || text.charCodeAt(p + 1) === SPACE)) decline();
      keyEnd = end;
      const hash = commentIn(text, p, end);
      if (hash !== -1) keyEnd = hash;
      // `? a: b` is a mapping as a key (the strict tier's SY1001).
      if (colonSpaceIn(text, p, keyEnd) !== -1) decline();
      while (keyEnd > p && text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
      if (text.charCodeAt(keyEnd - 1) === COLON) decline();
      const colon = keyEnd;
      key = this.keyText(p, colon);
    }
    this.advance();
    return [key, p, keyEnd];
  }

  /** What the key from `start` to `end` is to the strict tier: quoted, a string; plain, as it resolves. */
  private keyKind(start: number, end: number): string {
    const c = this.text.charCodeAt(start);
    if (c === SQUOTE || c === DQUOTE) return "string";
    return typeof resolvePlain(this.text.slice(start, end));
  }

  /** Where the key from `at` to its `colon` ends: past a closing quote, or before the spaces ahead of the colon. */
  private keyEnd(at: number, colon: number): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === SQUOTE || c === DQUOTE) return this.quotedEnd(at, colon);
    let keyEnd = colon;
    while (keyEnd > at && text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
    return keyEnd;
  }

  private seq(col: number): unknown[] {
    const text = this.text;
    const out: unknown[] = [];
    const located = this.located;
    const items: PlainNode[] | undefined = located ? [] : undefined;
    const start = this.at;
    let last = start;
    for (;;) {
      const end = this.end;
      let rest = this.at + 1;
      while (rest < end && text.charCodeAt(rest) === SPACE) rest++;
      let item: unknown;
      if (rest === end || text.charCodeAt(rest) === HASH) {
        this.advance();
        if (this.col > col) item = this.block(this.col, true);
        else {
          item = null;
          if (located) this.node = { start: rest, end: rest, empty: true };
        }
      } else if (
        text.charCodeAt(rest) === DASH &&
        (rest + 1 === end || text.charCodeAt(rest + 1) === SPACE)
      ) {
        decline(); // `- - x`: a compact nested sequence
      } else if (this.keyColon(rest, end) !== -1) {
        item = this.map(rest - this.lineStart, rest, true);
      } else {
        item = this.inline(rest, col);
      }
      out.push(item);
      if (items !== undefined) {
        items.push(this.node);
        last = Math.max(last, this.node.end);
      }
      if (this.col < col || (this.col === col && !this.isSeqAt(this.at))) {
        if (items !== undefined) this.node = { start, end: last, items };
        return out;
      }
      if (this.col > col) decline();
    }
  }

  /**
   * The offset of the colon ending the key that starts at `at` (`key: …` or `key:`), or -1 when
   * the line holds no key there.
   */
  private keyColon(at: number, end: number): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === SQUOTE || c === DQUOTE) {
      const close = this.quotedEnd(at, end);
      if (close === -1) return -1;
      let colon = close;
      while (colon < end && text.charCodeAt(colon) === SPACE) colon++;
      if (text.charCodeAt(colon) !== COLON) return -1;
      if (colon + 1 !== end && text.charCodeAt(colon + 1) !== SPACE) return -1;
      return colon;
    }
    if (isIndicator(c)) return -1;
    if ((c === DASH || c === 63 || c === COLON) && (at + 1 === end || text.charCodeAt(at + 1) === SPACE))
      return -1;
    let p = charIn(text, COLON, at, end);
    while (p !== -1) {
      if (p + 1 === end || text.charCodeAt(p + 1) === SPACE) {
        // A comment before the colon means there is no key.
        if (commentIn(text, at, p) !== -1) return -1;
        return p;
      }
      p = charIn(text, COLON, p + 1, end);
    }
    return -1;
  }

  /** The text of the key from `at` to `colon`. */
  private keyText(at: number, colon: number): string {
    const text = this.text;
    // The strict tier refuses an implicit key over 1,024 characters.
    if (colon - at > 1024) decline();
    const c = text.charCodeAt(at);
    if (c === SQUOTE || c === DQUOTE) {
      const close = this.quotedEnd(at, colon);
      return this.quoted(at, close);
    }
    let keyEnd = colon;
    while (keyEnd > at && text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
    const raw = text.slice(at, keyEnd);
    // Flow indicators inside a plain key, and merge keys, are left to the other tiers.
    for (let p = at; p < keyEnd; p++) {
      const ch = text.charCodeAt(p);
      if (ch === LBRACKET || ch === RBRACKET || ch === LBRACE || ch === RBRACE || ch === COMMA) decline();
    }
    if (raw === "<<") decline();
    const value = resolvePlain(raw);
    if (value === null) decline();
    return typeof value === "string" ? value : String(value);
  }

  /** Offset just past the closing quote of the quoted scalar at `at`, before `end`; -1 when not closed. */
  private quotedEnd(at: number, end: number): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let p = at + 1;
    for (;;) {
      p = charIn(text, quote, p, end);
      if (p === -1) return -1;
      if (quote === SQUOTE) {
        if (text.charCodeAt(p + 1) === SQUOTE && p + 1 < end) {
          p += 2;
          continue;
        }
        return p + 1;
      }
      // A double-quoted scalar with escapes is left to the other tiers.
      if (charIn(text, BACKSLASH, at + 1, p) !== -1) decline();
      return p + 1;
    }
  }

  /** The value of the quoted scalar from `at` to `close` (just past its closing quote). */
  private quoted(at: number, close: number): string {
    const inner = this.text.slice(at + 1, close - 1);
    if (this.text.charCodeAt(at) === DQUOTE) return inner;
    return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
  }

  /** After a quoted or flow value: only spaces and a comment may follow on the line. */
  private restOfLine(from: number, end: number): void {
    const text = this.text;
    let p = from;
    while (p < end && text.charCodeAt(p) === SPACE) p++;
    if (p === end) return;
    if (text.charCodeAt(p) === HASH && p > from) return;
    decline();
  }

  /** A value that starts on its key's (or dash's) line; then moves to the next content line. */
  private inline(at: number, col: number): unknown {
    const text = this.text;
    const end = this.end;
    const c = text.charCodeAt(at);
    let value: unknown;
    if (c === SQUOTE || c === DQUOTE) {
      const close = this.quotedEnd(at, end);
      if (close === -1) decline();
      value = this.quoted(at, close);
      this.restOfLine(close, end);
      if (this.located) this.node = { start: at, end: close };
    } else if (c === LBRACKET || c === LBRACE) {
      const [flow, after] = this.flow(at, end);
      value = flow;
      this.restOfLine(after, end);
    } else {
      if (isIndicator(c)) decline();
      if ((c === DASH || c === 63 || c === COLON) && (at + 1 === end || text.charCodeAt(at + 1) === SPACE))
        decline();
      let valueEnd = end;
      const hash = commentIn(text, at, end);
      if (hash !== -1) valueEnd = hash;
      // `: ` inside a value is a nested mapping, which a block value cannot hold on one line.
      if (colonSpaceIn(text, at, valueEnd) !== -1) decline();
      while (valueEnd > at && text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      if (text.charCodeAt(valueEnd - 1) === COLON) decline();
      value = resolvePlain(text.slice(at, valueEnd));
      if (this.located) this.node = { start: at, end: valueEnd };
    }
    this.advance();
    // A more indented line after a value continues it (a multi-line scalar): left to the other tiers.
    if (this.col > col) decline();
    return value;
  }

  private skipSpaces(p: number, end: number): number {
    while (p < end && this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** The one-line flow collection opening at `at`, and the offset just past it. */
  private flow(at: number, end: number): [unknown, number] {
    const text = this.text;
    const isMap = text.charCodeAt(at) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const items: unknown[] = [];
    const entries: Record<string, unknown> = {};
    // Only a located read allocates the nodes (a data-only read of 15,000 `[a]` pays nothing).
    const located = this.located;
    const itemNodes: PlainNode[] | undefined = located && !isMap ? [] : undefined;
    const entryNodes: Map<string, PlainEntry> | undefined = located && isMap ? new Map() : undefined;
    let p = this.skipSpaces(at + 1, end);
    for (;;) {
      if (text.charCodeAt(p) === close) break;
      if (p >= end) decline();
      if (isMap) {
        const keyStart = p;
        const [key, keyEnd] = this.flowScalar(p, end);
        if (typeof key !== "string") decline();
        const keyString = key as string;
        if (FORBIDDEN_KEYS.has(keyString) || Object.hasOwn(entries, keyString)) decline();
        const keyNodeEnd = this.node.end;
        p = keyEnd;
        if (text.charCodeAt(p) !== COLON || text.charCodeAt(p + 1) !== SPACE) decline();
        p = this.skipSpaces(p + 1, end);
        const [value, valueEnd] = this.flowItem(p, end);
        entries[keyString] = value;
        if (entryNodes !== undefined)
          entryNodes.set(keyString, { keyStart, keyEnd: keyNodeEnd, value: this.node });
        p = valueEnd;
      } else {
        const [value, valueEnd] = this.flowItem(p, end);
        items.push(value);
        if (itemNodes !== undefined) itemNodes.push(this.node);
        p = valueEnd;
      }
      p = this.skipSpaces(p, end);
      const ch = text.charCodeAt(p);
      if (ch === close) break;
      if (ch !== COMMA) decline();
      p = this.skipSpaces(p + 1, end);
      // An empty entry or a trailing comma is left to the other tiers.
      const next = text.charCodeAt(p);
      if (next === COMMA || next === close) decline();
    }
    if (located)
      this.node =
        entryNodes !== undefined
          ? { start: at, end: p + 1, entries: entryNodes }
          : { start: at, end: p + 1, items: itemNodes ?? [] };
    return [isMap ? entries : items, p + 1];
  }

  private flowItem(p: number, end: number): [unknown, number] {
    const c = this.text.charCodeAt(p);
    if (c === LBRACKET || c === LBRACE) return this.flow(p, end);
    const [value, after] = this.flowScalar(p, end);
    // `[a: b]` (a single-pair map in a flow sequence) is left to the other tiers.
    if (this.text.charCodeAt(after) === COLON) decline();
    return [value, after];
  }

  /**
   * A scalar in a flow collection: its value (a key's text for keys: resolved, then as text) and
   * the offset just past it, spaces after it skipped.
   */
  private flowScalar(p: number, end: number): [unknown, number] {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === SQUOTE || c === DQUOTE) {
      const close = this.quotedEnd(p, end);
      if (close === -1) decline();
      if (this.located) this.node = { start: p, end: close };
      return [this.quoted(p, close), this.skipSpaces(close, end)];
    }
    if (isIndicator(c) || c === 63 || c === COLON) decline();
    // `-` before a space, the end or a flow indicator is a block sequence inside the flow collection.
    if (c === DASH) {
      const n = p + 1 < end ? text.charCodeAt(p + 1) : SPACE;
      if (n === SPACE || n === COMMA || n === RBRACKET || n === RBRACE || n === LBRACKET || n === LBRACE)
        decline();
    }
    let last = p;
    let q = p;
    for (; q < end; q++) {
      const ch = text.charCodeAt(q);
      if (ch === COMMA || ch === RBRACKET || ch === RBRACE || ch === LBRACKET || ch === LBRACE) break;
      if (ch === COLON) break;
      if (ch === HASH && text.charCodeAt(q - 1) === SPACE) decline();
      if (ch !== SPACE) last = q + 1;
    }
    const raw = text.slice(p, last);
    if (this.located) this.node = { start: p, end: last };
    return [resolvePlain(raw), q];
  }
}

/** What the plain reader read: the data, and where each of its keys and values is. */
export interface PlainRead {
  readonly data: Record<string, unknown>;
  /** The root mapping's located node. */
  readonly index: PlainNode;
  /** The block mappings with repeated keys, by where they start (empty when none). */
  readonly repeated: readonly PlainRepeats[];
  /** The forbidden keys (left out of the data), in the order they are written (empty when none). */
  readonly forbidden: readonly PlainKey[];
}

/** The data of a plain YAML text whose top level is a mapping, or `undefined` when it is not plain. */
export function readPlain(text: string): Record<string, unknown> | undefined {
  const read = readPlainData(text);
  return read === "reported-keys" ? undefined : read;
}

/**
 * {@link readPlain}, saying `"reported-keys"` when the text read as plain up to a key the strict tier
 * reports (repeated or forbidden), which {@link readPlainLocated} reads and reports.
 */
export function readPlainData(text: string): Record<string, unknown> | "reported-keys" | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text, false).root();
  } catch (error) {
    // A decline, or a nesting too deep for the stack: the next tier reads it.
    return error === REPORTED_KEY ? "reported-keys" : undefined;
  }
}

/**
 * The data of a plain YAML text whose top level is a mapping, with where each key and value is, or
 * `undefined` when it is not plain.
 */
export function readPlainLocated(text: string): PlainRead | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    const reader = new Reader(text, true);
    const data = reader.root();
    // Mappings finish inner first; the strict tier reports them outer first (by where they start).
    const repeated = reader.repeated.sort((a, b) => a.start - b.start);
    return { data, index: reader.node, repeated, forbidden: reader.forbidden };
  } catch {
    // A decline, or a nesting too deep for the stack: the next tier reads it.
    return undefined;
  }
}

/** What a path resolves to in a plain index (as `lookupPath` does in a document). */
export interface PlainLookup {
  readonly value?: PlainNode;
  readonly key?: { readonly start: number; readonly end: number };
  readonly deepest: PlainNode;
  readonly depth: number;
}

/** Follow `path` through a located node: the value and key found, or the deepest node reached. */
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
