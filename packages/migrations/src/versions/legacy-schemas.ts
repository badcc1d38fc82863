import {
  ExactMatchObjectSchema,
  FlagSchema,
  httpUrl,
  identifier,
  ModelMappingsFileSchema,
  ProviderModelSchema,
  ProviderObjectSchema,
  ProviderTypeSchema,
  positiveInt,
  RoutingSettingsSchema,
  ServiceSchema,
} from "@switchyard/config-schema/schemas";
import * as z from "zod";

/** The schema versions before 2.0.0, whose schemas live in this package. */
export type LegacyVersion = "1.0.0" | "1.1.0" | "1.2.0";

/** The versioned file kinds (the generated LiteLLM file carries no schema version). */
export type VersionedKind = "providers" | "model-mappings" | "ports" | "feature-flags";

/** Words 1.0.0 accepted as booleans (PyYAML-era habits); 1.1.0 wants `true`/`false`. */
export const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ["true", true],
  ["false", false],
  ["yes", true],
  ["no", false],
  ["on", true],
  ["off", false],
  ["y", true],
  ["n", false],
]);

/** A boolean, or a word 1.0.0 read as one. */
export function booleanWord(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return undefined;
  return BOOLEAN_WORDS.get(value.trim().toLowerCase());
}

/** A whole number written as a string (`"8001"`), as 1.0.0 accepted. */
export function integerString(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value.trim());
}

/** A percentage written as a string (`"50"`, `"50%"`), as 1.0.0 accepted. */
export function percentString(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

const booleanLike = z
  .union([
    z.boolean(),
    z.string().refine((s) => booleanWord(s) !== undefined, "expected a boolean or yes/no/on/off"),
  ])
  .describe("A boolean; 1.0.0 also took yes/no/on/off and quoted booleans.");
const intLike = z.union([z.number().int(), z.string().regex(/^\s*\d+\s*$/)]);
const percentLike = z.union([z.number(), z.string().regex(/^\s*\d+(?:\.\d+)?\s*%?\s*$/)]);

function marker(version: LegacyVersion) {
  if (version === "1.0.0") {
    return {
      version: z
        .union([z.literal("1"), z.literal("1.0"), z.literal("1.0.0"), z.literal(1)])
        .optional()
        .describe('Optional in 1.0.0: `"1.0"`.'),
    };
  }
  if (version === "1.1.0") {
    return { version: z.union([z.literal("1.1"), z.literal("1.1.0"), z.literal(1.1)]).describe('`"1.1"`.') };
  }
  return { schema_version: z.literal("1.2.0").describe('`"1.2.0"`.') };
}

const legacyModel = z
  .union([z.string().min(1), ProviderModelSchema])
  .describe("A model: its plain name, or a mapping with `name` (the only form from 2.0.0 on).");

function providersSchema(version: LegacyVersion) {
  const lenient = version === "1.0.0";
  const provider = ProviderObjectSchema.omit({
    base_url: true,
    status: true,
    models: true,
    type: true,
  }).extend({
    type: lenient ? z.string().min(1) : ProviderTypeSchema,
    url: lenient ? z.string().min(1) : httpUrl,
    enabled: (lenient ? booleanLike : z.boolean()).optional(),
    models: z.array(legacyModel),
    health_check_interval: (lenient ? intLike : positiveInt)
      .optional()
      .describe("Never implemented; removed in 2.0.0."),
    priority: z.number().int().optional().describe("Never implemented; removed in 2.0.0."),
  });
  return z.strictObject({ ...marker(version), providers: z.record(identifier, provider) });
}

function modelMappingsSchema(version: LegacyVersion) {
  const lenient = version === "1.0.0";
  const exact = ExactMatchObjectSchema.extend({
    cache: (lenient ? booleanLike : z.boolean()).optional().describe("Never implemented; removed in 2.0.0."),
  });
  const routing = RoutingSettingsSchema.omit({ timeout_seconds: true }).extend({
    timeout: z.number().positive().optional().describe("Seconds per request; `timeout_seconds` from 2.0.0."),
  });
  return ModelMappingsFileSchema.omit({
    schema_version: true,
    exact_matches: true,
    fallback_chains: true,
    routing: true,
  }).extend({
    ...marker(version),
    exact_matches: z.record(z.string().min(1), exact).optional(),
    fallbacks: z
      .record(z.string().min(1), z.array(z.string().min(1)).min(1))
      .optional()
      .describe("Named fallback chains; `fallback_chains` from 2.0.0."),
    routing: routing.optional(),
  });
}

function portsSchema(version: LegacyVersion) {
  const lenient = version === "1.0.0";
  const service = ServiceSchema.omit({ health_url: true, port: true }).extend({
    port: lenient ? intLike : z.number().int().min(1).max(65535),
    health_check: httpUrl.optional().describe("Health URL; `health_url` from 2.0.0."),
    restart: z
      .enum(["always", "on-failure", "never"])
      .optional()
      .describe("Never implemented; removed in 2.0.0."),
  });
  return z.strictObject({ ...marker(version), services: z.record(identifier, service) });
}

function featureFlagsSchema(version: LegacyVersion) {
  const lenient = version === "1.0.0";
  const flag = FlagSchema.omit({ rollout_percentage: true, enabled: true }).extend({
    enabled: lenient ? booleanLike : z.boolean(),
    rollout: (lenient ? percentLike : z.number().min(0).max(100))
      .optional()
      .describe("`rollout_percentage` from 2.0.0."),
  });
  return z.strictObject({ ...marker(version), flags: z.record(z.string().min(1), flag) });
}

function schemasOf(version: LegacyVersion): Record<VersionedKind, z.ZodType> {
  return {
    providers: providersSchema(version),
    "model-mappings": modelMappingsSchema(version),
    ports: portsSchema(version),
    "feature-flags": featureFlagsSchema(version),
  };
}

/** The zod schema of every versioned file kind for each schema version before 2.0.0 (2.0.0's are config-schema's). */
export const LEGACY_SCHEMAS: Readonly<Record<LegacyVersion, Readonly<Record<VersionedKind, z.ZodType>>>> = {
  "1.0.0": schemasOf("1.0.0"),
  "1.1.0": schemasOf("1.1.0"),
  "1.2.0": schemasOf("1.2.0"),
};

/**
 * Steps between versions whose schemas differ only in the version marker (1.2.0 only renamed
 * `version` to `schema_version`): when such a step edits nothing but the marker, the data it
 * validated before is still valid and only the marker needs checking. A test proves the schemas
 * equal apart from the marker.
 */
export const MARKER_ONLY_STEPS: ReadonlySet<string> = new Set(["1.1.0>1.2.0", "1.2.0>1.1.0"]);
