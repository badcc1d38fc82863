/**
 * Defensive readers for raw, possibly invalid config data: rules never trust a file's shape, so a
 * file with schema errors still gets every check that can run on what parsed.
 */

/** A plain mapping (not null, not a list), or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The own property `key` of a mapping, or undefined. */
export function field(value: unknown, key: string): unknown {
  const record = asRecord(value);
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Call `visit` for each own entry of a mapping (none for anything else); cheaper than `Object.entries` on large maps. */
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
export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
