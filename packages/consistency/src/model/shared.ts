/** What every file reader of the model uses. */
import { asRecord, listOf, nonEmptyText as text } from "@switchyard/config-schema/data";
import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import type { LoadedFile } from "@switchyard/config-schema/load";
import type { ConfigFileKind } from "@switchyard/config-schema/schemas";
import type { NamedItem } from "./types.js";

/** A file the rules can read: parsed, and written for the current schema (or with an unreadable version). */
export function usable<K extends ConfigFileKind>(file: LoadedFile<K> | undefined): LoadedFile<K> | undefined {
  if (file === undefined || asRecord(file.data) === undefined) return undefined;
  const status = file.version.status;
  return status === "outdated" || status === "newer" || status === "unknown" ? undefined : file;
}

/** A name as messages quote it. */
export function quote(name: string): string {
  return `'${name}'`;
}

/** The names of a list of strings, each with its place (items that are not names are skipped). */
export function namedItems(file: LoadedFile, list: unknown, path: YamlPath): NamedItem[] {
  const out: NamedItem[] = [];
  listOf(list).forEach((item, index) => {
    const name = text(item);
    if (name !== undefined) out.push({ name, place: { file, path: [...path, index] } });
  });
  return out;
}
