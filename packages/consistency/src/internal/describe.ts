import type { LoadedFile } from "@switchyard/config-schema/load";

/** The file name of a loaded file, as messages name it (`providers.yaml`). */
export function fileName(file: LoadedFile): string {
  const slash = Math.max(file.file.lastIndexOf("/"), file.file.lastIndexOf("\\"));
  return file.file.slice(slash + 1);
}

/** A name in single quotes. */
export function q(name: string | number): string {
  return `'${String(name)}'`;
}

/** Upper-case the first letter (labels start sentences). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A short list of names for hints: `a, b, c and 4 more`. */
export function listNames(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map(q);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/** At most this many related locations per finding (a 50,000-model cycle must not become 50,000 notes). */
export const MAX_RELATED = 20;

/** `a → b → c`, shortened in the middle for long paths: `a → b → … → y → z (1000 models)`. */
export function arrowPath(names: readonly string[], max = 12): string {
  if (names.length <= max) return names.join(" → ");
  const head = names.slice(0, max - 4);
  const tail = names.slice(-3);
  return `${[...head, "…", ...tail].join(" → ")} (${names.length} names)`;
}
