/**
 * The line view of a YAML file that the syntax explainer reasons about: indentation, keys, list
 * items and block-scalar bodies, found lexically (the file does not parse, so there is no tree).
 */
import { plural } from "../../text/plural.js";

/** Spaces at the start of a line (tabs are not indentation in YAML). */
export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

/** True for a line with nothing but whitespace or a comment. */
export function isBlankOrComment(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed === "" || trimmed.startsWith("#");
}

/** A `key:` at the start of a line's content (after any `- `): its name and where it is. */
export interface LineKey {
  readonly name: string;
  /** 0-based index of the key's first character. */
  readonly start: number;
  /** 0-based index just past the key. */
  readonly end: number;
  /** 0-based index of the `:` after it. */
  readonly colon: number;
}

const KEY =
  /^(\s*(?:-[ \t]+)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:'"\-?[\]{},&*!|>%@`][^#]*?|-[^\s#:][^#]*?)[ \t]*:(?=[ \t]|$)/;

/** The key a line starts with, when it has one (`  model: x` → `model`; `- name: y` → `name`). */
export function keyOf(line: string): LineKey | undefined {
  const match = KEY.exec(line);
  if (match === null) return undefined;
  const start = match[1]!.length;
  const raw = match[2]!;
  const end = start + raw.length;
  const name = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
  return { name, start, end, colon: line.indexOf(":", end) };
}

/** True when the line's content starts a list item (`- x`, or a bare `-`). */
export function isListItem(line: string): boolean {
  return /^\s*-(?:[ \t]|$)/.test(line);
}

/** The value after a line's `key:` (without a trailing comment), or `undefined` when it has no key. */
export function lineValue(line: string): { text: string; start: number } | undefined {
  const key = keyOf(line);
  if (key === undefined) return undefined;
  let start = key.colon + 1;
  while (start < line.length && (line[start] === " " || line[start] === "\t")) start++;
  let end = line.length;
  // A ` #` starts a comment only outside quotes.
  if (line[start] !== '"' && line[start] !== "'") {
    const hash = line.indexOf(" #", start);
    if (hash !== -1) end = hash;
  }
  return { text: line.slice(start, end).trimEnd(), start };
}

/**
 * For each line, whether it belongs to the body of a block scalar (`key: |` / `key: >-` and the
 * more-indented lines after it), where any text is content, not structure.
 */
export function blockScalarBodies(lines: readonly string[]): boolean[] {
  const body: boolean[] = new Array(lines.length).fill(false);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/(?:^|[\s:])[|>][0-9+-]*[ \t]*(?:#.*)?$/.test(line) || isBlankOrComment(line)) continue;
    if (!/:[ \t]+[|>]|^\s*-[ \t]+[|>]|^\s*[|>]/.test(line)) continue;
    const parent = indentOf(line);
    let j = i + 1;
    for (; j < lines.length; j++) {
      const next = lines[j]!;
      if (next.trim() !== "" && indentOf(next) <= parent) break;
      body[j] = true;
    }
    i = j - 1;
  }
  return body;
}

/** `n space(s)`. */
export function spaces(count: number): string {
  return plural(count, "space");
}
