import * as z from "zod";
import { CONFIG_FILE_KINDS, CONFIG_FILES, type ConfigFileKind } from "./schemas/files.js";

/** Where the published JSON Schemas live; editors fetch them from the `$schema` comment. */
export const SCHEMA_BASE_URL = "https://unpkg.com/@switchyard/config-schema/schemas";

/** The URL of one file kind's JSON Schema. */
export function schemaUrl(kind: ConfigFileKind): string {
  return `${SCHEMA_BASE_URL}/${kind}.schema.json`;
}

/** The comment that starts every file Switchyard writes, so editors autocomplete and underline errors. */
export function yamlLanguageServerComment(kind: ConfigFileKind): string {
  return `# yaml-language-server: $schema=${schemaUrl(kind)}`;
}

/**
 * JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of any of this package's zod schemas, by
 * the same zod instance that holds their descriptions: what the HTTP API's OpenAPI document is made of.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return rest;
}

/** JSON Schema (draft 2020-12) of one file kind, generated from its zod schema. */
export function generateJsonSchema(kind: ConfigFileKind): Record<string, unknown> {
  const generated = z.toJSONSchema(CONFIG_FILES[kind].schema, {
    target: "draft-2020-12",
    io: "input",
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: schemaUrl(kind), title: CONFIG_FILES[kind].fileName, ...rest };
}

/** Every file kind's JSON Schema, keyed by file name (`providers.schema.json`), as formatted JSON text. */
export function generateJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of CONFIG_FILE_KINDS)
    out[`${kind}.schema.json`] = `${JSON.stringify(generateJsonSchema(kind), null, 2)}\n`;
  return out;
}
