import type { YamlPath } from "../diagnostics/diagnostic.js";

/**
 * Defensive readers for raw, possibly invalid config data (what the YAML parsed to, before or
 * without the schema): rules and checks never trust a file's shape, so a file with schema errors
 * still gets every check that can run on what parsed. Only own properties are ever read (never the
 * prototype), and a `Date` (a YAML timestamp) is a scalar, not a mapping. The one home of these
 * readers, used by consistency's rules and the audit's checks.
 */

/** A plain mapping (not null, not a list, not a date), or `undefined`. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The own property `key` of a mapping, or `undefined`. */
export function field(value: unknown, key: string): unknown {
  const record = asRecord(value);
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The own entries of a mapping (none for anything else). */
export function entriesOf(value: unknown): [string, unknown][] {
  const record = asRecord(value);
  return record !== undefined ? Object.entries(record) : [];
}

/** Call `visit` for each own entry of a mapping (none for anything else); cheaper than {@link entriesOf} on large maps. */
export function forEachEntry(value: unknown, visit: (key: string, entry: unknown) => void): void {
  const record = asRecord(value);
  if (record === undefined) return;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    visit(key, record[key]);
  }
}

/** A list, or an empty one. */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value at a path of own properties and list indexes, or `undefined`. */
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

/** A string field (possibly empty), or `undefined`. */
export function stringField(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === "string" ? v : undefined;
}

/** A finite number field, or `undefined`. */
export function numberField(value: unknown, key: string): number | undefined {
  const v = field(value, key);
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** A non-empty string, or `undefined`. */
export function nonEmptyText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
