import { loadConfigText } from "@switchyard/config-schema/load";
import type { Flag } from "@switchyard/config-schema/schemas";
import { editFlagText } from "./edit-flag-text.js";

/**
 * Where each flag's text is in a flag file: the file store reads and edits one flag's lines instead
 * of the whole document. A hand edit of one flag in a 10,000-flag file is read by parsing and
 * validating only the lines of the flags it touched, and its version is stamped by editing only
 * those lines (the comment-preserving editor run on them alone); the whole file costs about a
 * second through the editor's positioned document, one flag a millisecond.
 *
 * A flag's block runs from the line of its name (at the indentation every flag name has under
 * `flags:`) to the line of the next name; the comments above a name belong to the block before it.
 * The index is taken only where it is certain: the text before `flags:` must be single-line
 * top-level entries and comments, every line at the flags' indentation must be a plainly written
 * name, and the names found must be exactly the names the file parses to (so a line inside a
 * multi-line scalar that looks like a name is never taken for one). Anything else declines, and the
 * store reads the whole file, as it always did.
 */
export interface FlagBlocks {
  /** The text indexed. */
  readonly text: string;
  /** The indentation of the flag names under `flags:`. */
  readonly indent: number;
  /** The flags, in the file's order. */
  readonly names: readonly string[];
  /** Where each flag's block starts (the start of its name's line), ascending. */
  readonly starts: readonly number[];
  /** Where the last block ends: the line of the next top-level key, or the end of the text. */
  readonly end: number;
  /** Each name's position in `names`. */
  readonly at: ReadonlyMap<string, number>;
}

/** Characters compared at once while looking for the changed part (slices compare as memory). */
const CHUNK = 4096;

/** The length of the common prefix of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p + CHUNK <= max && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** The length of the common suffix of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  while (
    s + CHUNK <= max &&
    a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)
  )
    s += CHUNK;
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}

/** What {@link readChangedBlocks} read: the flags of the blocks a new text changed. */
export interface BlocksChange {
  /** The new text's index. */
  readonly blocks: FlagBlocks;
  /** The flags of the changed blocks, validated, by name. */
  readonly flags: Readonly<Record<string, Flag>>;
  /** Their names, in the file's order. */
  readonly names: readonly string[];
  /** The names those blocks held before (some may be gone, renamed or new in `names`). */
  readonly replaced: readonly string[];
  /** What was parsed: the text before the first flag, then the changed blocks. */
  readonly source: string;
}

/** A change whose blocks are larger than this (and than a quarter of the file) is read whole. */
const MIN_WHOLE_READ = 64 * 1024;

/** `flags:` alone on its line (a comment after it allowed). */
const FLAGS_LINE = /^flags:[ ]*(?:#.*)?\r?$/;
/** A flag's name written plainly at the start of its line's content, then `:`. */
const NAME_LINE = /^([A-Za-z0-9][A-Za-z0-9._-]*):(?: |\r?$)/;
/**
 * A top-level entry before `flags:` that is whole on its line: a plain, single- or double-quoted
 * scalar (no escapes, no indicator that could open a block, flow collection, anchor or tag), or a comment.
 */
const HEADER_LINE =
  /^[A-Za-z_][A-Za-z0-9_-]*:(?:[ ]+(?:"[^"\\]*"|'[^']*'|[^\s"'#|>&*!%@`[\]{},?-][^#]*?))?[ ]*(?:#.*)?\r?$/;

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const CR = 13;

interface Scan {
  readonly names: string[];
  readonly starts: number[];
  readonly indent: number;
  /** Where the scan stopped: the first top-level line, or `to`. */
  readonly end: number;
}

/**
 * The name lines of the flags section between `from` and `to` (both line starts, or `to` the end of
 * the text). `indent` is the names' indentation when known (a part of a section); `region` refuses
 * a top-level line instead of ending there. Undefined when the lines are not certainly flags.
 */
function scanSection(
  text: string,
  from: number,
  to: number,
  indent: number | undefined,
  region: boolean,
): Scan | undefined {
  const names: string[] = [];
  const starts: number[] = [];
  let n = indent;
  let pos = from;
  while (pos < to) {
    const eol = text.indexOf("\n", pos);
    const lineEnd = eol === -1 || eol >= to ? to : eol;
    let i = pos;
    while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
    const c = text.charCodeAt(i);
    const blank = i === lineEnd || (c === CR && i + 1 === lineEnd);
    if (!blank && c !== HASH) {
      if (c === TAB) return undefined;
      const col = i - pos;
      if (col === 0) {
        if (region) return undefined;
        break;
      }
      n ??= col;
      if (col < n) return undefined;
      if (col === n) {
        const match = NAME_LINE.exec(text.slice(i, Math.min(lineEnd, i + 200)));
        if (!match) return undefined;
        names.push(match[1]!);
        starts.push(pos);
      } else if (names.length === 0) {
        return undefined;
      }
    }
    pos = lineEnd === to ? to : lineEnd + 1;
  }
  if (n === undefined || names.length === 0) return undefined;
  return { names, starts, indent: n, end: pos };
}

/** True when `scanned` names each of `parsed` exactly once and nothing else. */
function sameNames(scanned: readonly string[], parsed: readonly string[]): boolean {
  if (scanned.length !== parsed.length) return false;
  const set = new Set(parsed);
  const seen = new Set<string>();
  for (const name of scanned) {
    if (!set.has(name) || seen.has(name)) return false;
    seen.add(name);
  }
  return true;
}

function blocksOf(
  text: string,
  indent: number,
  names: readonly string[],
  starts: readonly number[],
  end: number,
  at?: ReadonlyMap<string, number>,
): FlagBlocks {
  if (at === undefined) {
    const map = new Map<string, number>();
    for (let i = 0; i < names.length; i++) map.set(names[i]!, i);
    at = map;
  }
  return { text, indent, names, starts, end, at };
}

/**
 * The blocks of a valid flag file's text whose flags parsed to `parsedNames`, or undefined when the
 * text is not certainly laid out as one block per flag (then the file is read and edited whole).
 */
export function indexFlagBlocks(text: string, parsedNames: readonly string[]): FlagBlocks | undefined {
  // The header: single-line top-level entries and comments, up to `flags:`.
  let pos = 0;
  let body = -1;
  while (pos < text.length) {
    const eol = text.indexOf("\n", pos);
    const lineEnd = eol === -1 ? text.length : eol;
    const line = text.slice(pos, lineEnd);
    const next = eol === -1 ? text.length : eol + 1;
    if (FLAGS_LINE.test(line)) {
      body = next;
      break;
    }
    const content = line.trimStart();
    const comment = content === "" || content === "\r" || content.startsWith("#");
    if (!comment && (content !== line || !HEADER_LINE.test(line))) return undefined;
    pos = next;
  }
  if (body < 0) return undefined;
  const scan = scanSection(text, body, text.length, undefined, false);
  if (scan === undefined || !sameNames(scan.names, parsedNames)) return undefined;
  // After the section: top-level entries only (what a second `flags:` would be is a duplicate key,
  // which a valid file has not).
  return blocksOf(text, scan.indent, scan.names, scan.starts, scan.end);
}

/** The block that holds offset `offset` (the last one starting at or before it). */
function blockAt(blocks: FlagBlocks, offset: number): number {
  let lo = 0;
  let hi = blocks.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Read `next`, a new text of the file `blocks` indexes, by parsing and validating only the blocks
 * it changed: the text before the first flag followed by those blocks is loaded as a flag file of
 * its own (the text before and after them is the same as in the indexed text, where it read as
 * whole flags). Undefined when the change is not confined to flags' blocks, is large, or does not
 * validate: the caller then reads the whole text (which also locates every problem).
 */
export function readChangedBlocks(blocks: FlagBlocks, next: string, file: string): BlocksChange | undefined {
  const old = blocks.text;
  const headerEnd = blocks.starts[0]!;
  const p = commonPrefix(old, next);
  if (p === old.length && p === next.length) return undefined;
  const oEnd = old.length - commonSuffix(old, next, Math.min(old.length, next.length) - p);
  if (p < headerEnd || oEnd > blocks.end) return undefined;
  const count = blocks.names.length;
  const first = p > headerEnd ? blockAt(blocks, p - 1) : 0;
  const last = oEnd < blocks.end ? blockAt(blocks, oEnd) : count - 1;
  const start = blocks.starts[first]!;
  const endBefore = last + 1 < count ? blocks.starts[last + 1]! : blocks.end;
  if (endBefore - start > Math.max(MIN_WHOLE_READ, old.length / 4)) return undefined;
  const delta = next.length - old.length;
  const endAfter = endBefore + delta;
  // Every line at the names' indentation is a plain name, nothing is at the top level, and the
  // first line with content is a name: the blocks start where a flag starts in the whole file.
  const scan = scanSection(next, start, endAfter, blocks.indent, true);
  if (scan === undefined) return undefined;
  const source = old.slice(0, headerEnd) + next.slice(start, endAfter);
  const loaded = loadConfigText("feature-flags", source, file);
  if (loaded.value === undefined || loaded.diagnostics.some((d) => d.severity === "error")) return undefined;
  const flags = loaded.value.flags;
  if (!sameNames(scan.names, Object.keys(flags))) return undefined;
  // A name that another flag outside the changed blocks has is a duplicate key: read whole, to report it.
  for (const name of scan.names) {
    const at = blocks.at.get(name);
    if (at !== undefined && (at < first || at > last)) return undefined;
  }
  const replaced = blocks.names.slice(first, last + 1);
  // The same names in the same order (an edit inside flags): the names and their positions stay.
  const same = replaced.length === scan.names.length && replaced.every((name, i) => scan.names[i] === name);
  const names = same
    ? blocks.names
    : [...blocks.names.slice(0, first), ...scan.names, ...blocks.names.slice(last + 1)];
  const starts = blocks.starts.slice(0, first);
  for (const offset of scan.starts) starts.push(offset);
  for (let i = last + 1; i < count; i++) starts.push(blocks.starts[i]! + delta);
  return {
    blocks: blocksOf(next, blocks.indent, names, starts, blocks.end + delta, same ? blocks.at : undefined),
    flags,
    names: scan.names,
    replaced,
    source,
  };
}

/**
 * The text of `blocks` with each flag of `edits` set as {@link editFlagText} sets it, run on the
 * flag's block alone (after the text before the first flag, so the editor sees a flag file): an
 * edit of one flag costs the same in a file of ten flags as in one of 10,000. A flag the file
 * does not have is added after the last one (one such edit at a time). Undefined when the edit
 * cannot be made that way (the caller edits the whole text); the result is not yet validated.
 */
export function editFlagBlocks(
  blocks: FlagBlocks,
  edits: readonly { readonly name: string; readonly flag: Flag }[],
): string | undefined {
  const text = blocks.text;
  const header = text.slice(0, blocks.starts[0]);
  const count = blocks.names.length;
  const targets = edits.map((edit) => ({ ...edit, block: blocks.at.get(edit.name) }));
  if (targets.some((t) => t.block === undefined)) {
    if (targets.length !== 1) return undefined;
    targets[0] = { ...targets[0]!, block: count - 1 };
  }
  targets.sort((a, b) => a.block! - b.block!);
  const pieces: string[] = [];
  let done = 0;
  for (let i = 0; i < targets.length; i++) {
    const { name, flag, block } = targets[i]!;
    if (i > 0 && targets[i - 1]!.block === block) return undefined;
    const start = blocks.starts[block!]!;
    const end = block! + 1 < count ? blocks.starts[block! + 1]! : blocks.end;
    let edited: string;
    try {
      edited = editFlagText(header + text.slice(start, end), name, flag);
    } catch {
      return undefined;
    }
    if (!edited.startsWith(header)) return undefined;
    pieces.push(text.slice(done, start), edited.slice(header.length));
    done = end;
  }
  pieces.push(text.slice(done));
  return pieces.join("");
}
