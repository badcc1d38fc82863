import type { LoadedFile, SourcePosition, SourceRange, YamlPath } from "@switchyard/config-schema";

/** The parts of a `yaml` node this module reads (duck-typed: audit does not depend on `yaml`). */
interface NodeLike {
  readonly range?: readonly [number, number, number] | null;
  readonly items?: readonly unknown[];
  readonly value?: unknown;
}

interface PairLike {
  readonly key: unknown;
  readonly value: unknown;
}

function isPair(item: unknown): item is PairLike {
  return item !== null && typeof item === "object" && "key" in item && "value" in item;
}

function isNode(value: unknown): value is NodeLike {
  return value !== null && typeof value === "object";
}

/** Per-map index of its entries by key text, built on first lookup (maps of 20 000 models stay fast). */
const mapIndexes = new WeakMap<object, Map<string, PairLike>>();

function mapIndex(node: NodeLike): Map<string, PairLike> {
  let index = mapIndexes.get(node);
  if (index) return index;
  index = new Map();
  for (const item of node.items ?? []) {
    if (!isPair(item)) continue;
    const key = isNode(item.key) && "value" in item.key ? item.key.value : item.key;
    const text = String(key);
    if (!index.has(text)) index.set(text, item);
  }
  mapIndexes.set(node, index);
  return index;
}

function isMapNode(node: NodeLike): boolean {
  const items = node.items;
  return Array.isArray(items) && (items.length === 0 || isPair(items[0]));
}

function position(file: LoadedFile, offset: number): SourcePosition {
  const { line, col } = file.source.lineCounter.linePos(offset);
  return { line, column: col, offset };
}

/** A range from two offsets of a file's text. */
export function rangeAt(file: LoadedFile, start: number, end: number): SourceRange {
  return { start: position(file, start), end: position(file, Math.max(start, end)) };
}

function nodeRange(file: LoadedFile, node: unknown): SourceRange | undefined {
  if (!isNode(node) || !node.range) return undefined;
  return rangeAt(file, node.range[0], node.range[1]);
}

/**
 * The range of the node at `path` (its key with `part: "key"`). Indexed, so locating thousands of
 * findings in a large file stays linear; falls back to the loader's `rangeOf` for missing paths.
 */
export function locate(
  file: LoadedFile,
  path: YamlPath,
  part: "key" | "value" = "value",
): SourceRange | undefined {
  // A large plain file answers from its line index, so its document is never built.
  if (file.source.indexed) return file.source.rangeOf(path, part);
  const document = file.source.document;
  if (!document) return undefined;
  let current: unknown = document.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (!isNode(current) || !Array.isArray(current.items)) return file.source.rangeOf(path, part);
    if (isMapNode(current)) {
      const pair = mapIndex(current).get(String(segment));
      if (!pair) return file.source.rangeOf(path, part);
      keyNode = pair.key;
      current = pair.value ?? pair.key;
    } else {
      if (typeof segment !== "number") return file.source.rangeOf(path, part);
      const item = current.items[segment];
      if (item === undefined) return file.source.rangeOf(path, part);
      keyNode = undefined;
      current = item;
    }
  }
  return nodeRange(file, part === "key" && keyNode !== undefined ? keyNode : current);
}
