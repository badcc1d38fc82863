import { type Diagnostic, sortDiagnostics } from "../diagnostics/diagnostic.js";
import type { ConfigSet, LoadedFile } from "../load.js";
import { CONFIG_FILE_KINDS, CONFIG_FILES, type ConfigFileKind } from "../schemas/files.js";
import { detectVersion } from "./detect-version.js";
import { olderSchemaDiagnostic } from "./schema-version.js";

/** A file of a set recognised as written for an older schema, and the version it was written for. */
export interface OlderSchemaFile {
  readonly kind: ConfigFileKind;
  readonly version: string;
}

function record(data: unknown): Record<string, unknown> | undefined {
  return data !== null && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}

/**
 * The files of a set that `switchyard migrate` would upgrade from a legacy version and that
 * config-schema cannot tell from their own content: those with the legacy `version:` marker of
 * 1.0.0 and 1.1.0 (`version: "1.0"`), and — when at least one file carries such a marker — those
 * with no marker at all, which 1.0.0 allowed. (Files with an older `schema_version` are already
 * recognised by config-schema.) A lone file without any marker is not recognised: it is more
 * likely a current file that lost its `schema_version` than a whole 1.0.0 set of one file.
 */
export function recognizeOlderSchemas(set: ConfigSet): OlderSchemaFile[] {
  const marked: OlderSchemaFile[] = [];
  const unmarked: ConfigFileKind[] = [];
  for (const kind of CONFIG_FILE_KINDS) {
    if (!CONFIG_FILES[kind].versioned) continue;
    const data = record(set.files[kind]?.data);
    if (data === undefined || Object.hasOwn(data, "schema_version")) continue;
    const detected = detectVersion(data);
    if (detected.status !== "known") continue;
    if (detected.marker === "version") marked.push({ kind, version: detected.version });
    else unmarked.push(kind);
  }
  if (marked.length === 0) return [];
  return [...marked, ...unmarked.map((kind) => ({ kind, version: "1.0.0" }))];
}

/**
 * The set as validation should see it: each file written for an older schema carries one SY1022
 * ("providers.yaml is schema 1.0.0; the current is 2.0.0 — run `switchyard migrate --auto`")
 * instead of the schema errors the migration would remove, and its version status is `outdated`,
 * so cross-file rules leave it alone (as they do for an older `schema_version`). The same set is
 * returned when no file is older.
 */
export function withOlderSchemasRecognized(set: ConfigSet): ConfigSet {
  const older = recognizeOlderSchemas(set);
  if (older.length === 0) return set;
  const files: Record<string, LoadedFile> = { ...(set.files as Record<string, LoadedFile>) };
  const replaced = new Set<string>();
  const added: Diagnostic[] = [];
  for (const { kind, version } of older) {
    const file = files[kind]!;
    const range = file.source.rangeOf(["version"], "key") ?? file.source.rangeOf([]);
    const diagnostic = olderSchemaDiagnostic(
      file.file,
      version,
      range && { start: range.start, end: range.start.line === range.end.line ? range.end : range.start },
      Object.hasOwn(record(file.data) ?? {}, "version") ? ["version"] : [],
    );
    files[kind] = {
      ...file,
      value: undefined,
      version: { status: "outdated", version },
      diagnostics: [diagnostic],
    };
    replaced.add(file.file);
    added.push(diagnostic);
  }
  return {
    ...set,
    files: files as ConfigSet["files"],
    diagnostics: sortDiagnostics([
      ...set.diagnostics.filter((d) => d.file === undefined || !replaced.has(d.file)),
      ...added,
    ]),
  };
}
