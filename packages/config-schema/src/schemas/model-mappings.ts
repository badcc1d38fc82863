import * as z from "zod";
import {
  description,
  ENV_REFERENCE_PATTERN,
  GLOB_PATTERN,
  identifier,
  positiveInt,
  schemaVersion,
  tags,
} from "./common.js";
import { whenAnObject } from "./refine.js";

/** LiteLLM's routing strategies. */
export const ROUTING_STRATEGIES = [
  "simple-shuffle",
  "least-busy",
  "usage-based-routing",
  "usage-based-routing-v2",
  "latency-based-routing",
  "cost-based-routing",
] as const;

export const RoutingStrategySchema = z
  .enum(ROUTING_STRATEGIES)
  .describe("How LiteLLM picks among deployments of one model group; `simple-shuffle` is LiteLLM's default.");

const publicName = z.string().min(1);

/** `litellm_params` keys a deployment cannot set itself: they come from its provider and route. */
export const RESERVED_DEPLOYMENT_PARAMS = ["model", "api_base", "api_key", "api_version"] as const;

const looseMap = z.record(z.string(), z.unknown());

/**
 * What a deployment may carry beyond its provider and model: its LiteLLM id and the LiteLLM keys
 * Switchyard does not model, passed through as written (so tag routing, per-deployment pricing,
 * `order` and provider options survive an import).
 */
/**
 * A map that may hold these keys only with the value `null` (checked by zod in `reservedKeys`, by
 * JSON Schema in `properties`): a deployment may write `api_key: null` as LiteLLM reads it, but
 * not a key of its own.
 */
function mapWithout(keys: readonly string[], text: string) {
  return looseMap.optional().meta({
    description: text,
    properties: Object.fromEntries(
      keys.map((key) => [key, { type: "null", description: `Only \`${key}: null\` may be written here.` }]),
    ),
  });
}

const deploymentExtras = {
  id: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The deployment's `model_info.id` in the LiteLLM config, kept as written (fallbacks, spend logs and response headers refer to it). Without one Switchyard generates a stable id.",
    ),
  litellm_params: mapWithout(
    RESERVED_DEPLOYMENT_PARAMS,
    "More `litellm_params` of this deployment, passed to LiteLLM as written: `tags`, `order`, `input_cost_per_token`, `region_name`, provider options... A key set here wins over the same key derived from the provider or route; `model`, `api_base`, `api_key` and `api_version` come from the provider and cannot be set here.",
  ),
  model_info: mapWithout(
    ["id"],
    "More `model_info` of this deployment, passed to LiteLLM as written (`supports_vision`, `base_model`, `access_groups`...). A key set here wins over the one derived from the provider's model; the id is set with `id`.",
  ),
  entry: mapWithout(
    ["model_name", "litellm_params", "model_info"],
    "Keys of the LiteLLM `model_list` entry itself, beside `litellm_params` (old configs put `rpm`/`tpm` there), passed through as written.",
  ),
};

function reservedKeys(
  value: {
    readonly litellm_params?: Record<string, unknown> | undefined;
    readonly model_info?: Record<string, unknown> | undefined;
    readonly entry?: Record<string, unknown> | undefined;
  },
  context: z.RefinementCtx,
): void {
  const isMap = (map: unknown): map is Record<string, unknown> =>
    typeof map === "object" && map !== null && !Array.isArray(map);
  for (const key of RESERVED_DEPLOYMENT_PARAMS)
    if (
      isMap(value.litellm_params) &&
      Object.hasOwn(value.litellm_params, key) &&
      value.litellm_params[key] !== null
    )
      context.addIssue({
        code: "custom",
        path: ["litellm_params", key],
        message: `litellm_params.${key} comes from the provider: a deployment can only write it as null`,
      });
  if (isMap(value.model_info) && Object.hasOwn(value.model_info, "id") && value.model_info.id !== null)
    context.addIssue({
      code: "custom",
      path: ["model_info", "id"],
      message: "Set the deployment's id with `id:`, not model_info.id",
    });
  for (const key of ["model_name", "litellm_params", "model_info"])
    if (isMap(value.entry) && Object.hasOwn(value.entry, key) && value.entry[key] !== null)
      context.addIssue({
        code: "custom",
        path: ["entry", key],
        message: `entry.${key} is generated; use the route's own fields`,
      });
}
const fallbackList = z
  .array(publicName)
  .describe("Public model names to try, in order, when this one fails.");

/** A public model name routed to one provider's model: its fields without the check of reserved keys (for derived schemas). */
export const ExactMatchObjectSchema = z.strictObject({
  provider: identifier.describe("Id of the provider in `providers.yaml` that serves this model."),
  model: z.string().min(1).optional().describe("The provider's own model name; defaults to the public name."),
  fallbacks: fallbackList.optional(),
  description: description.optional(),
  rpm: positiveInt.optional().describe("Requests per minute for this deployment."),
  tpm: positiveInt.optional().describe("Tokens per minute for this deployment."),
  tags: tags.optional(),
  ...deploymentExtras,
});

export const ExactMatchSchema = ExactMatchObjectSchema.superRefine(reservedKeys, whenAnObject).describe(
  "A public model name routed to one provider's model.",
);

/** A route for every requested name that matches a glob: its fields without the check of reserved keys (for derived schemas). */
export const PatternRouteObjectSchema = z.strictObject({
  pattern: z
    .string()
    .regex(GLOB_PATTERN)
    .describe(
      "A glob over requested model names: `*` matches any run of characters, `?` one character. Never a regex.",
    ),
  provider: identifier.describe("Id of the provider that serves names matching the pattern."),
  model: z
    .string()
    .min(1)
    .optional()
    .describe("The provider's model name; a `*` here is filled with what the pattern's `*` matched."),
  health_check_model: z
    .string()
    .min(1)
    .nullable()
    .optional()
    .describe(
      "A concrete model LiteLLM uses to health-check this wildcard route. Without one, the first of the provider's models the pattern matches is used; `null` generates none (LiteLLM then skips the route's health check).",
    ),
  description: description.optional(),
  ...deploymentExtras,
});

export const PatternRouteSchema = PatternRouteObjectSchema.superRefine(reservedKeys, whenAnObject).describe(
  "A route for every requested name that matches a glob.",
);

/** One deployment in a load-balancing group: its fields without the check of reserved keys (for derived schemas). */
export const DeploymentObjectSchema = z.strictObject({
  provider: identifier.describe("Id of the provider that serves this deployment."),
  model: z.string().min(1).describe("The provider's model name."),
  weight: z.number().positive().optional().describe("Relative share of traffic (default 1)."),
  ...deploymentExtras,
});

export const DeploymentSchema = DeploymentObjectSchema.superRefine(reservedKeys, whenAnObject).describe(
  "One deployment in a load-balancing group.",
);

export const LoadBalancingGroupSchema = z
  .strictObject({
    strategy: RoutingStrategySchema.optional(),
    deployments: z.array(DeploymentSchema).min(1).describe("The deployments that share this public name."),
    fallbacks: fallbackList.optional(),
    description: description.optional(),
  })
  .describe("A public model name served by several deployments.");

export const RoutingSettingsSchema = z
  .strictObject({
    strategy: RoutingStrategySchema.optional(),
    num_retries: z
      .number()
      .int()
      .min(0)
      .max(20)
      .optional()
      .describe("Retries per request across deployments."),
    timeout_seconds: z
      .number()
      .positive()
      .optional()
      .describe("Seconds a request may take before it is retried or failed."),
    allowed_fails: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Failures per minute before a deployment cools down."),
    cooldown_seconds: z
      .number()
      .min(0)
      .optional()
      .describe("Seconds a failing deployment is taken out of rotation."),
    max_fallback_depth: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("Longest fallback chain before a warning (default 5)."),
  })
  .describe("Router-wide settings.");

const envReference = z
  .string()
  .regex(ENV_REFERENCE_PATTERN)
  .describe("An environment reference, `os.environ/NAME`.");

export const GatewayCacheSchema = z
  .strictObject({
    service: identifier
      .optional()
      .describe(
        "The ports.yaml service the cache uses. Default: the service `redis`, else the first service whose `expected_processes` includes `redis-server`.",
      ),
    namespace: z
      .string()
      .min(1)
      .nullable()
      .optional()
      .describe(
        "Key prefix isolating this environment's cache entries in Redis (`cache_params.namespace`). Default `litellm:unified`; `null` writes none.",
      ),
  })
  .describe("The Redis response cache (`litellm_settings.cache` and `cache_params`).");

export const GatewaySettingsSchema = z
  .strictObject({
    master_key: envReference
      .nullable()
      .optional()
      .describe(
        "The proxy's master key (`general_settings.master_key`), always an environment reference. Default `os.environ/LITELLM_MASTER_KEY`; `null` writes none, which leaves the proxy unauthenticated. `switchyard reload` authenticates with the same variable.",
      ),
    drop_params: z
      .boolean()
      .nullable()
      .optional()
      .describe(
        "`litellm_settings.drop_params`: drop parameters a provider does not support instead of failing the request. Default `true`; `null` writes none (LiteLLM's default, false).",
      ),
    prometheus: z
      .boolean()
      .optional()
      .describe("Add LiteLLM's Prometheus callback (`callbacks: [prometheus]`). Default false."),
    deployment_ids: z
      .enum(["generated", "litellm"])
      .optional()
      .describe(
        "How a deployment without `id:` gets its `model_info.id`. `generated` (default): a stable id, `<provider>--<model>`, the same at every generation, so fallbacks, budgets and spend logs can name it. `litellm`: none is written, and LiteLLM hashes one from the deployment's parameters, as it did for a LiteLLM config before its import (`switchyard import` writes this unless run with --generate-ids). A deployment's own `id:` is always written.",
      ),
    cache: z
      .union([GatewayCacheSchema, z.literal(false)])
      .optional()
      .describe(
        "The Redis response cache. Default: on when ports.yaml has a Redis service, with namespace `litellm:unified`; `false` generates none (a cache in litellm-passthrough.yaml is still carried).",
      ),
  })
  .describe(
    "How the LiteLLM proxy itself is set up in the generated config. Everything that shapes the output lives here, so a bare `switchyard generate` reproduces it; command-line flags override it, and `generate --check` says when they do.",
  );

export const ModelMappingsFileSchema = z
  .strictObject({
    schema_version: schemaVersion,
    exact_matches: z
      .record(publicName, ExactMatchSchema)
      .optional()
      .describe("Public model names mapped to the provider (and model) that serve them."),
    patterns: z
      .array(PatternRouteSchema)
      .optional()
      .describe("Glob routes, tried in order after exact matches."),
    fallback_chains: z
      .record(publicName, z.array(publicName).min(1))
      .optional()
      .describe("Named fallback chains: a public model name mapped to the names to try, in order."),
    load_balancing: z
      .record(publicName, LoadBalancingGroupSchema)
      .optional()
      .describe("Public model names served by several weighted deployments."),
    routing: RoutingSettingsSchema.optional(),
    gateway: GatewaySettingsSchema.optional(),
  })
  .describe("model-mappings.yaml: how public model names reach providers.");

export type RoutingStrategy = z.infer<typeof RoutingStrategySchema>;
export type ExactMatch = z.infer<typeof ExactMatchSchema>;
export type PatternRoute = z.infer<typeof PatternRouteSchema>;
export type Deployment = z.infer<typeof DeploymentSchema>;
export type LoadBalancingGroup = z.infer<typeof LoadBalancingGroupSchema>;
export type RoutingSettings = z.infer<typeof RoutingSettingsSchema>;
export type GatewayCache = z.infer<typeof GatewayCacheSchema>;
export type GatewaySettings = z.infer<typeof GatewaySettingsSchema>;
export type ModelMappingsFile = z.infer<typeof ModelMappingsFileSchema>;
