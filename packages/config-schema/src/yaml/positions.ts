import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from "yaml";
import type { SourcePosition, SourceRange, YamlPath } from "../diagnostics/diagnostic.js";

/** Convert a 0-based offset into a 1-based line/column position. */
export function positionAt(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col, offset };
}

/** A range from two offsets. */
export function rangeFromOffsets(lineCounter: LineCounter, start: number, end: number): SourceRange {
  return { start: positionAt(lineCounter, start), end: positionAt(lineCounter, Math.max(start, end)) };
}

/** The range of a node's value (without trailing comments). */
export function nodeRange(lineCounter: LineCounter, node: Node): SourceRange | undefined {
  if (!node.range) return undefined;
  return rangeFromOffsets(lineCounter, node.range[0], node.range[1]);
}

/** What a YAML path resolves to: the value node, its key node (for map entries) and the deepest node found. */
export interface PathLookup {
  /** The node at the full path, when it exists. */
  readonly value?: Node;
  /** The key node of the last segment, when the path ends in a map entry. */
  readonly key?: Node;
  /** The deepest existing node along the path (the parent map for a missing key). */
  readonly deepest: Node | undefined;
  /** How many segments of the path were found. */
  readonly depth: number;
}

/** A scalar key's text, as a path segment names it (`1: x` is found by "1"); undefined for other keys. */
function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  const keyValue = isScalar(key) ? key.value : key;
  return keyValue !== null && keyValue !== undefined && typeof keyValue !== "object"
    ? String(keyValue)
    : undefined;
}

/** Maps with fewer entries are scanned; larger ones get an index by key text, built on first lookup. */
const INDEX_FROM = 16;

interface PairIndex {
  /** `map.items.length` when the index was built: an edited map is indexed again. */
  readonly size: number;
  /** Key text → position of the first entry with that key. */
  readonly at: Map<string, number>;
}

const pairIndexes = new WeakMap<object, PairIndex>();

function scanPairs(items: readonly Pair[], text: string): Pair | undefined {
  for (const pair of items) if (keyText(pair) === text) return pair;
  return undefined;
}

/**
 * The first entry of `map` whose scalar key has the text of `segment`. Indexed, so locating
 * thousands of nodes in a map of 20,000 models stays linear overall; a hit is checked against the
 * map as it is now (documents are edited in place), and a miss is confirmed by a scan.
 */
function findPair(map: { items: Pair[] }, segment: string | number): Pair | undefined {
  const text = String(segment);
  const items = map.items;
  if (items.length < INDEX_FROM) return scanPairs(items, text);
  let index = pairIndexes.get(map);
  if (index === undefined || index.size !== items.length) {
    const at = new Map<string, number>();
    for (let i = 0; i < items.length; i++) {
      const key = keyText(items[i]!);
      if (key !== undefined && !at.has(key)) at.set(key, i);
    }
    index = { size: items.length, at };
    pairIndexes.set(map, index);
  }
  const position = index.at.get(text);
  if (position !== undefined) {
    const pair = items[position];
    if (pair !== undefined && keyText(pair) === text) return pair;
  }
  // Absent, or the index is stale (a key renamed in place): the scan is the answer (as fast as
  // before the index), and a key found only by it makes the next lookup rebuild the index.
  const scanned = scanPairs(items, text);
  if (scanned !== undefined) pairIndexes.delete(map);
  return scanned;
}

/** Walk a document's contents along a path. */
export function lookupPath(root: Node | null | undefined, path: YamlPath): PathLookup {
  let current: Node | undefined = root ?? undefined;
  let key: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(current)) {
      const pair = findPair(current, segment);
      if (pair) {
        nextKey = isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key) ? (pair.key as Node) : undefined;
        next = (pair.value as Node | null) ?? nextKey;
        if (isPair(next)) next = undefined;
      }
    } else if (isSeq(current) && typeof segment === "number") {
      const item = current.items[segment];
      next = (item as Node | undefined) ?? undefined;
    }
    if (next === undefined) return { deepest: current, depth: i, ...(nextKey ? { key: nextKey } : {}) };
    current = next;
    key = nextKey;
  }
  return {
    ...(current ? { value: current } : {}),
    deepest: current,
    depth: path.length,
    ...(key ? { key } : {}),
  };
}
