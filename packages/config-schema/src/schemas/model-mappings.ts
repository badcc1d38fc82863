import * as z from "zod";
import { description, GLOB_PATTERN, identifier, positiveInt, schemaVersion, tags } from "./common.js";

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
const fallbackList = z
  .array(publicName)
  .describe("Public model names to try, in order, when this one fails.");

export const ExactMatchSchema = z
  .strictObject({
    provider: identifier.describe("Id of the provider in `providers.yaml` that serves this model."),
    model: z
      .string()
      .min(1)
      .optional()
      .describe("The provider's own model name; defaults to the public name."),
    fallbacks: fallbackList.optional(),
    description: description.optional(),
    rpm: positiveInt.optional().describe("Requests per minute for this deployment."),
    tpm: positiveInt.optional().describe("Tokens per minute for this deployment."),
    tags: tags.optional(),
  })
  .describe("A public model name routed to one provider's model.");

export const PatternRouteSchema = z
  .strictObject({
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
      .optional()
      .describe("A concrete model LiteLLM uses to health-check this wildcard route."),
    description: description.optional(),
  })
  .describe("A route for every requested name that matches a glob.");

export const DeploymentSchema = z
  .strictObject({
    provider: identifier.describe("Id of the provider that serves this deployment."),
    model: z.string().min(1).describe("The provider's model name."),
    weight: z.number().positive().optional().describe("Relative share of traffic (default 1)."),
  })
  .describe("One deployment in a load-balancing group.");

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
  })
  .describe("model-mappings.yaml: how public model names reach providers.");

export type RoutingStrategy = z.infer<typeof RoutingStrategySchema>;
export type ExactMatch = z.infer<typeof ExactMatchSchema>;
export type PatternRoute = z.infer<typeof PatternRouteSchema>;
export type Deployment = z.infer<typeof DeploymentSchema>;
export type LoadBalancingGroup = z.infer<typeof LoadBalancingGroupSchema>;
export type RoutingSettings = z.infer<typeof RoutingSettingsSchema>;
export type ModelMappingsFile = z.infer<typeof ModelMappingsFileSchema>;
