import * as z from "zod";
import { ENV_REFERENCE_PATTERN } from "./common.js";
import { ROUTING_STRATEGIES } from "./model-mappings.js";

/*
 * The LiteLLM proxy config (LiteLLM 1.7x), as LiteLLM itself accepts it. The schema refuses only
 * what LiteLLM refuses or cannot use (a deployment without a model, a routing strategy that does
 * not exist, a number where it needs one); everything else LiteLLM reads, including keys Switchyard
 * does not know, is accepted and carried, because an import must be able to reproduce any config
 * LiteLLM runs. What is accepted but probably a mistake (a `router_settings` key the Router does not
 * take, a literal secret) is a lint warning instead (`validate/lint.ts`).
 */

const fallbackMaps = z
  .array(z.record(z.string().min(1), z.array(z.string().min(1))))
  .describe(
    "LiteLLM's list-of-maps form: `[{model-a: [model-b, model-c]}]`, keyed by the real model group name.",
  );

/** An `os.environ/NAME` reference, which the proxy resolves (anywhere in the config) when it starts. */
const envReference = z.string().regex(ENV_REFERENCE_PATTERN);

/** A value LiteLLM reads as a number, or an environment reference to one. */
const numberOrReference = z.union([z.number(), envReference]);

export const LiteLLMParamsSchema = z
  .looseObject({
    model: z
      .string()
      .min(1)
      .describe("`<provider prefix>/<model>`, e.g. `ollama_chat/llama3.1:8b` or `hosted_vllm/qwen`."),
    api_base: z
      .string()
      .nullable()
      .optional()
      .describe("Base URL of the provider (with `/v1` for OpenAI-compatible servers, without for Ollama)."),
    api_key: z.string().nullable().optional().describe("Key, always as `os.environ/NAME`."),
    api_version: z.string().nullable().optional().describe("API version (Azure)."),
    timeout: numberOrReference.nullable().optional().describe("Seconds a request may take."),
    stream_timeout: numberOrReference.nullable().optional().describe("Seconds between streamed chunks."),
    max_retries: z
      .union([z.number().int().min(0), envReference])
      .nullable()
      .optional()
      .describe("Retries for this deployment."),
    rpm: numberOrReference.nullable().optional().describe("Requests per minute."),
    tpm: numberOrReference.nullable().optional().describe("Tokens per minute."),
    weight: z.number().min(0).nullable().optional().describe("Share of traffic within the model group."),
    order: z.number().int().nullable().optional().describe("Priority within the model group."),
    tags: z.array(z.string()).nullable().optional().describe("Tags for tag-based routing."),
  })
  .describe("How LiteLLM calls the deployment; keys beyond these are passed to the provider as-is.");

export const LiteLLMModelInfoSchema = z
  .looseObject({
    id: z
      .union([z.string().min(1), z.number()])
      .optional()
      .describe("Stable unique deployment id; never equal to any model_name."),
    mode: z.string().optional().describe("`chat`, `completion`, `embedding`, ..."),
    base_model: z.string().nullable().optional().describe("Model used for cost and context lookups."),
    health_check_model: z
      .string()
      .optional()
      .describe("Concrete model used to health-check a wildcard deployment."),
  })
  .describe("Metadata about the deployment.");

export const LiteLLMDeploymentSchema = z
  .looseObject({
    model_name: z.string().min(1).describe("Public model group name; a `*` makes it a wildcard route."),
    litellm_params: LiteLLMParamsSchema,
    model_info: LiteLLMModelInfoSchema.nullable().optional().describe("Metadata about the deployment."),
    rpm: numberOrReference.optional().describe("Legacy position of rpm (beside litellm_params)."),
    tpm: numberOrReference.optional().describe("Legacy position of tpm (beside litellm_params)."),
  })
  .describe("One deployment in the proxy's model list.");

/**
 * Every argument of LiteLLM's `Router.__init__` (`litellm/router.py`) except `model_list`: the keys
 * the proxy passes on from `router_settings`. It drops every other key without a word.
 */
export const LITELLM_ROUTER_SETTINGS = [
  "assistants_config",
  "search_tools",
  "redis_url",
  "redis_host",
  "redis_port",
  "redis_password",
  "cache_responses",
  "cache_kwargs",
  "caching_groups",
  "client_ttl",
  "polling_interval",
  "default_priority",
  "num_retries",
  "max_fallbacks",
  "timeout",
  "stream_timeout",
  "default_litellm_params",
  "default_max_parallel_requests",
  "set_verbose",
  "debug_level",
  "default_fallbacks",
  "fallbacks",
  "context_window_fallbacks",
  "content_policy_fallbacks",
  "model_group_alias",
  "enable_pre_call_checks",
  "enable_tag_filtering",
  "retry_after",
  "retry_policy",
  "model_group_retry_policy",
  "allowed_fails",
  "allowed_fails_policy",
  "cooldown_time",
  "disable_cooldowns",
  "routing_strategy",
  "optional_pre_call_checks",
  "routing_strategy_args",
  "provider_budget_config",
  "alerting_config",
  "router_general_settings",
  "ignore_invalid_deployments",
  // Newer releases (LiteLLM's tag routing and router settings documentation).
  "tag_filtering_match_any",
  "model_group_affinity_config",
  "deployment_affinity_ttl_seconds",
  "guardrail_list",
] as const;

export const RouterSettingsSchema = z
  .looseObject({
    routing_strategy: z
      .enum(ROUTING_STRATEGIES)
      .optional()
      .describe("How a deployment is picked within a group."),
    num_retries: z.number().int().min(0).optional().describe("Retries per request."),
    timeout: z.number().positive().optional().describe("Seconds per request."),
    stream_timeout: z.number().positive().optional().describe("Seconds per streaming request."),
    retry_policy: z.record(z.string(), z.unknown()).optional().describe("Retries per exception type."),
    allowed_fails: z.number().int().min(0).optional().describe("Failures per minute before cooldown."),
    allowed_fails_policy: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Allowed failures per exception type before cooldown."),
    cooldown_time: z.number().min(0).optional().describe("Seconds a failing deployment is cooled down."),
    disable_cooldowns: z.boolean().optional().describe("Never cool a deployment down."),
    fallbacks: fallbackMaps.optional(),
    context_window_fallbacks: fallbackMaps.optional(),
    content_policy_fallbacks: fallbackMaps.optional(),
    default_fallbacks: z.array(z.string()).optional().describe("Fallbacks for every group without its own."),
    max_fallbacks: z.number().int().min(0).optional().describe("Most fallbacks tried per request."),
    model_group_alias: z.record(z.string(), z.unknown()).optional().describe("Aliases of model groups."),
    enable_pre_call_checks: z.boolean().optional().describe("Check context windows before calling."),
    enable_tag_filtering: z.boolean().optional().describe("Route by the request's tags."),
    redis_host: z.string().optional().describe("Redis shared by proxy instances for router state."),
    redis_port: z.union([z.number().int(), z.string()]).optional().describe("Port of the router's Redis."),
    redis_password: z
      .string()
      .nullable()
      .optional()
      .describe("Password of the router's Redis (as `os.environ/NAME`)."),
    redis_url: z.string().optional().describe("URL of the router's Redis (instead of host and port)."),
  })
  .describe(
    "Router settings: the arguments of LiteLLM's `Router` (see `LITELLM_ROUTER_SETTINGS`). LiteLLM silently drops any other key; `switchyard validate` warns about one (SY1044).",
  );

export const CacheParamsSchema = z
  .looseObject({
    type: z
      .enum(["redis", "redis-semantic", "local", "s3", "disk", "qdrant-semantic", "azure-blob", "gcs"])
      .optional()
      .describe("Cache backend."),
    host: z.string().optional().describe("Redis host."),
    port: z.union([z.number().int(), z.string()]).optional().describe("Redis port."),
    password: z.string().nullable().optional().describe("Redis password (as `os.environ/NAME`)."),
    namespace: z.string().optional().describe("Key prefix isolating this environment's entries."),
    ttl: z.number().positive().optional().describe("Seconds an entry lives."),
    supported_call_types: z.array(z.string()).optional().describe("Call types that are cached."),
  })
  .describe("Response cache settings.");

/** LiteLLM accepts one callback name or a list of them. */
const callbackList = z.union([z.array(z.string()), z.string()]);

export const LiteLLMSettingsSchema = z
  .looseObject({
    drop_params: z
      .boolean()
      .optional()
      .describe("Drop parameters a provider does not support instead of failing."),
    num_retries: z.number().int().min(0).optional().describe("Retries for every call."),
    request_timeout: z.number().positive().optional().describe("Seconds per request."),
    callbacks: callbackList.optional().describe("Callbacks such as `prometheus`."),
    success_callback: callbackList.optional().describe("Callbacks on success."),
    failure_callback: callbackList.optional().describe("Callbacks on failure."),
    cache: z.boolean().optional().describe("Enable the response cache."),
    cache_params: CacheParamsSchema.optional(),
    set_verbose: z.boolean().optional().describe("Verbose logging."),
  })
  .describe("Module-level LiteLLM settings; every key is set as an attribute of the `litellm` module.");

export const GeneralSettingsSchema = z
  .looseObject({
    master_key: z
      .string()
      .min(1)
      .nullable()
      .optional()
      .describe("Proxy admin key, always as `os.environ/NAME`."),
    database_url: z
      .string()
      .nullable()
      .optional()
      .describe("Database for keys and spend (as `os.environ/NAME`)."),
    store_model_in_db: z
      .boolean()
      .optional()
      .describe("When true, models stored in the database can override this file."),
    background_health_checks: z.boolean().optional().describe("Health-check deployments in the background."),
    health_check_interval: z
      .number()
      .positive()
      .optional()
      .describe("Seconds between background health checks."),
    alerting: z.array(z.string()).optional().describe("Alerting integrations."),
  })
  .describe("Proxy-wide settings.");

export const LiteLLMConfigSchema = z
  .looseObject({
    schema_version: z
      .string()
      .optional()
      .describe("Ignored by LiteLLM; tolerated for symmetry with the other files."),
    model_list: z.array(LiteLLMDeploymentSchema).describe("Every deployment the proxy serves."),
    // A settings section with nothing in it (`general_settings:` alone) is null as PyYAML reads it;
    // LiteLLM reads it as no settings, and an import keeps it as written.
    router_settings: RouterSettingsSchema.nullable()
      .optional()
      .describe("Router settings (null: none, as a section with nothing in it reads)."),
    litellm_settings: LiteLLMSettingsSchema.nullable()
      .optional()
      .describe("Module-level LiteLLM settings (null: none, as a section with nothing in it reads)."),
    general_settings: GeneralSettingsSchema.nullable()
      .optional()
      .describe("Proxy-wide settings (null: none, as a section with nothing in it reads)."),
    environment_variables: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable())
      .nullable()
      .optional()
      .describe("Variables the proxy sets at start (values are turned into text)."),
  })
  .describe(
    "litellm-unified.yaml: the LiteLLM proxy config generated by `switchyard generate`. Other top-level sections LiteLLM reads (`guardrails`, `credential_list`, `mcp_servers`, `search_tools`, ...) are carried as written.",
  );

export type LiteLLMParams = z.infer<typeof LiteLLMParamsSchema>;
export type LiteLLMDeployment = z.infer<typeof LiteLLMDeploymentSchema>;
export type RouterSettings = z.infer<typeof RouterSettingsSchema>;
export type LiteLLMSettings = z.infer<typeof LiteLLMSettingsSchema>;
export type GeneralSettings = z.infer<typeof GeneralSettingsSchema>;
export type LiteLLMConfig = z.infer<typeof LiteLLMConfigSchema>;
