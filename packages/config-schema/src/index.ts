/**
 * `@switchyard/config-schema`: everything, as the union of the subpath entries (src/entries/, one
 * per concept, each with an explicit export list). A name has exactly one subpath
 * (test/entries.test.ts); the sibling packages import the subpaths, never this entry (biome.json's
 * `noRestrictedImports`), because loading this entry loads every module, zod and yaml included.
 */
export * from "./entries/checks.js";
export * from "./entries/data.js";
export * from "./entries/dates.js";
export * from "./entries/diagnostics.js";
export * from "./entries/fs.js";
export * from "./entries/generated.js";
export * from "./entries/glob.js";
export * from "./entries/graph.js";
export * from "./entries/hosts.js";
export * from "./entries/litellm.js";
export * from "./entries/load.js";
export * from "./entries/render.js";
export * from "./entries/schemas.js";
export * from "./entries/secrets.js";
export * from "./entries/services.js";
export * from "./entries/state.js";
export * from "./entries/suppressions.js";
export * from "./entries/text.js";
export * from "./entries/write.js";
export * from "./entries/yaml.js";
