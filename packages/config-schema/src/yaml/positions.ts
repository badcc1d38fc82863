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

function findPair(map: { items: Pair[] }, segment: string | number): Pair | undefined {
  for (const pair of map.items) {
    const key = pair.key;
    const keyValue = isScalar(key) ? key.value : key;
    if (keyValue === segment) return pair;
    // `1: x` is found by the path segment "1" (and 1 by "1"): compare scalar keys as text.
    if (keyValue !== null && typeof keyValue !== "object" && String(keyValue) === String(segment))
      return pair;
  }
  return undefined;
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
