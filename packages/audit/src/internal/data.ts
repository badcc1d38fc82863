// The raw-data readers (asRecord, field, listOf, …) have one home: @switchyard/config-schema (data/raw.ts).

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
