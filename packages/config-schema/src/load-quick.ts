import portsJsonSchema from "../schemas/ports.schema.json" with { type: "json" };
import { DEFAULT_MAX_BYTES, readBoundedFile } from "./fs/read-file.js";
import type { ConfigFileTypes } from "./schemas/files.js";
import { CURRENT_SCHEMA_VERSION } from "./schemas/patterns.js";
import { conformsToJsonSchema, type JsonSchemaNode } from "./validate/json-schema-check.js";
import { readPlain } from "./yaml/plain-reader.js";

/**
 * The quick loader: a short command (`switchyard ports`) reads its one file without loading zod, the
 * `yaml` package, semver or the diagnostics, which cost more than the command's own work.
 *
 * It answers only for a file the full loader ({@link loadConfigFile}) would accept without a single
 * diagnostic, with the same value: read whole and in bounds, UTF-8, plain YAML the plain reader takes
 * (the one YAML scanner of the fast tier, held to the `yaml` package by its own property tests), the
 * current `schema_version`, conforming to the kind's committed JSON Schema (generated from the zod
 * schema), and nothing a lint reports. Anything else is `undefined`: the caller runs the full loader,
 * which gives the verdict and every diagnostic, so errors are the full loader's, word for word. A
 * differential property test (load-quick.property.test.ts) holds both to that.
 */

/** The kinds the quick loader reads: those whose lints it knows (see {@link quickLoadConfigText}). */
export type QuickConfigKind = "ports";

const SCHEMAS: Readonly<Record<QuickConfigKind, JsonSchemaNode>> = { ports: portsJsonSchema };

/** `os.environ/…` anywhere: the one lint a ports file can draw (SY1043, validate/lint.ts). */
function hasEnvironmentReference(value: unknown): boolean {
  if (typeof value === "string") return value.startsWith("os.environ/");
  if (Array.isArray(value)) return value.some(hasEnvironmentReference);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasEnvironmentReference);
  return false;
}

/**
 * The typed content of a config text when it is plainly valid (see above), else `undefined` (run the
 * full loader for the verdict).
 */
export function quickLoadConfigText<K extends QuickConfigKind>(
  kind: K,
  input: string | Uint8Array,
): ConfigFileTypes[K] | undefined {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      return undefined;
    }
  }
  // Line endings other than \n are the lexical lints' business (mixed endings), a BOM the parser's.
  if (text.includes("\r")) return undefined;
  const data = readPlain(text);
  if (data === undefined || data.schema_version !== CURRENT_SCHEMA_VERSION) return undefined;
  if (!conformsToJsonSchema(SCHEMAS[kind], data) || hasEnvironmentReference(data)) return undefined;
  return data as ConfigFileTypes[K];
}

/**
 * {@link quickLoadConfigText} of a file, read as the full loader reads it (bounded, regular files
 * only): the typed content when it is plainly valid, else `undefined` (run {@link loadConfigFile}).
 */
export async function quickLoadConfigFile<K extends QuickConfigKind>(
  kind: K,
  path: string,
  options: { readonly maxBytes?: number } = {},
): Promise<ConfigFileTypes[K] | undefined> {
  const read = await readBoundedFile(path, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES });
  return read.ok ? quickLoadConfigText(kind, read.bytes) : undefined;
}
