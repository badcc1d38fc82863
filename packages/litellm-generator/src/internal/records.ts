import { FORBIDDEN_KEYS } from "@switchyard/config-schema/yaml";

/** A mapping read from YAML (not an array, a date or null). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Set an own property. Keys are defined, never assigned, and forbidden keys (`__proto__`, ...) are
 * skipped, so data read from files can never reach a prototype.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (FORBIDDEN_KEYS.has(key)) return;
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A shallow copy of a record built with {@link setOwn}. */
export function copyRecord(source: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) setOwn(out, key, value);
  return out;
}

/** Structural equality of YAML data (scalars, arrays, plain records). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isPlainRecord(a) && isPlainRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}
