import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { CONFIG_FILES, type ConfigFileKind, type ConfigFileTypes } from "../schemas/files.js";
import type { YamlSource } from "../yaml/parse.js";
import { lintFile } from "./lint.js";
import { checkSchemaVersion, type SchemaVersionStatus } from "./schema-version.js";
import { zodIssuesToDiagnostics } from "./zod-issues.js";

/**
 * Files shorter than this are checked without zod's JIT. zod compiles a specialised parser (with
 * `new Function`) for each object schema on its first parse; that pays on large files and costs
 * more than it saves on small ones, where it was most of the schema check of a CLI run (a
 * 20-provider set: about 10 ms with the JIT, 5 ms without; 2,000 providers: about the same either
 * way, so large files keep it).
 */
const ZOD_JIT_MIN_LENGTH = 64 * 1024;

/** The outcome of validating one parsed file against its schema. */
export interface FileValidation<K extends ConfigFileKind> {
  /** The typed content, present only when the file is valid against the current schema. */
  readonly value: ConfigFileTypes[K] | undefined;
  readonly version: SchemaVersionStatus;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Validate a parsed file against the schema of its kind: the schema version first (an outdated or
 * newer file is reported, not validated against a schema it was not written for), then the zod
 * schema, then the lints. Never throws.
 */
export function validateSource<K extends ConfigFileKind>(kind: K, source: YamlSource): FileValidation<K> {
  const spec = CONFIG_FILES[kind];
  if (source.data === undefined || source.data === null || typeof source.data !== "object") {
    return { value: undefined, version: { status: "missing" }, diagnostics: [] };
  }
  const { version, diagnostics } = checkSchemaVersion(source, spec.versioned);
  if (version.status !== "current" && version.status !== "missing") {
    return { value: undefined, version, diagnostics };
  }
  const out: Diagnostic[] = [...diagnostics];
  const parsed = spec.schema.safeParse(source.data, { jitless: source.text.length < ZOD_JIT_MIN_LENGTH });
  if (!parsed.success) {
    const issues = parsed.error.issues.filter(
      (i) => !(diagnostics.length > 0 && i.path[0] === "schema_version"),
    );
    for (const item of zodIssuesToDiagnostics(issues, spec.schema, source)) out.push(item);
  }
  for (const item of lintFile(kind, source)) out.push(item);
  // Parse errors that still leave data (duplicate or forbidden keys) make the file invalid too.
  const valid = parsed.success && !hasErrors(out) && !hasErrors(source.diagnostics);
  return { value: valid ? (parsed.data as ConfigFileTypes[K]) : undefined, version, diagnostics: out };
}
