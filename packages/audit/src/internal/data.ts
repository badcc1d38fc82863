import type { YamlPath } from "@switchyard/config-schema";

/** A plain object, or `undefined` for anything else (arrays, scalars, null). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The own entries of a plain object (none for anything else). */
export function entriesOf(value: unknown): [string, unknown][] {
  const record = asRecord(value);
  return record ? Object.entries(record) : [];
}

/** The array, or an empty one. */
export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Own property lookup (never the prototype). */
export function field(value: unknown, key: string): unknown {
  const record = asRecord(value);
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The value at a path of own properties and array indexes. */
export function getPath(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      current = field(current, segment);
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** A string field, or `undefined`. */
export function stringField(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === "string" ? v : undefined;
}

/** A finite number field, or `undefined`. */
export function numberField(value: unknown, key: string): number | undefined {
  const v = field(value, key);
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/**
 * Call `visit` for every string value in `data` with its path. The path array is reused between
 * calls: copy it (`[...path]`) to keep it.
 */
export function walkStrings(
  data: unknown,
  visit: (path: readonly (string | number)[], value: string) => void,
): void {
  const path: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      visit(path, value);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
    } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
      for (const key of Object.keys(value)) {
        path.push(key);
        walk((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  walk(data);
}
