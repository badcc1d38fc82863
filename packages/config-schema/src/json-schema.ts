import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as z from "zod";
import { CONFIG_FILE_KINDS, CONFIG_FILES, type ConfigFileKind } from "./schemas/files.js";

/** This package's version (kept equal to package.json by a test): the schema URLs are pinned to it. */
export const SCHEMA_PACKAGE_VERSION = "0.1.0";

/**
 * Where the published JSON Schemas live; editors fetch them from the `$schema` comment. Pinned to
 * {@link SCHEMA_PACKAGE_VERSION}: unpkg serves `schemas/` of exactly the release that wrote the file.
 */
export const SCHEMA_BASE_URL = `https://unpkg.com/@switchyard/config-schema@${SCHEMA_PACKAGE_VERSION}/schemas`;

/** The URL of one file kind's JSON Schema. */
export function schemaUrl(kind: ConfigFileKind): string {
  return `${SCHEMA_BASE_URL}/${kind}.schema.json`;
}

/** A file kind's JSON Schema inside the installed package: `schemas/<kind>.schema.json`. */
export function schemaFileName(kind: ConfigFileKind): string {
  return `${kind}.schema.json`;
}

/**
 * The comment that starts every file Switchyard writes, so editors autocomplete and underline errors.
 * `schema` overrides the target: e.g. a path relative to the file (`init --schema local`).
 */
export function yamlLanguageServerComment(kind: ConfigFileKind, schema: string = schemaUrl(kind)): string {
  return `# yaml-language-server: $schema=${schema}`;
}

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/;

/**
 * The kind a YAML text declares in its `# yaml-language-server: $schema=…` comment (among the
 * leading comment lines), by the schema's file name (`…/providers.schema.json` → `providers`), or
 * `undefined` when it has none or names another schema. What tells a backup or a renamed copy's kind.
 */
export function kindOfModeline(text: string): ConfigFileKind | undefined {
  for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/, 50)) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    if (!trimmed.startsWith("#")) return undefined;
    const url = MODELINE.exec(trimmed)?.[1];
    if (url === undefined) continue;
    const name = url.split(/[/\\]/).pop() ?? "";
    return CONFIG_FILE_KINDS.find((kind) => schemaFileName(kind) === name);
  }
  return undefined;
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
    out[schemaFileName(kind)] = `${JSON.stringify(generateJsonSchema(kind), null, 2)}\n`;
  return out;
}

/**
 * The path from `dir` to a file kind's JSON Schema inside an installed `@switchyard/config-schema`
 * (`node_modules/@switchyard/config-schema/schemas/<kind>.schema.json` in `dir` or the nearest
 * ancestor that has one), relative and with `/` separators: what a `$schema=` modeline in a file of
 * `dir` names so editors read the schema offline (yaml-language-server resolves it against the file).
 * Keeps the `node_modules` path as installed (not a package manager's store path), so it survives
 * upgrades. `undefined` when no ancestor has the package installed.
 */
export function installedSchemaPath(kind: ConfigFileKind, dir: string): string | undefined {
  const target = join("node_modules", "@switchyard", "config-schema", "schemas", schemaFileName(kind));
  const start = resolve(dir);
  for (let current = start; ; current = dirname(current)) {
    if (existsSync(join(current, target))) return relative(start, join(current, target)).split(sep).join("/");
    if (dirname(current) === current) return undefined;
  }
}
