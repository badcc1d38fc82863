import * as z from "zod";
import { ROUTING_STRATEGIES } from "./model-mappings.js";

const fallbackMaps = z
  .array(z.record(z.string().min(1), z.array(z.string().min(1))))
  .describe(
    "LiteLLM's list-of-maps form: `[{model-a: [model-b, model-c]}]`, keyed by the real model group name.",
  );

export const LiteLLMParamsSchema = z
  .looseObject({
    model: z
      .string()
      .min(1)
      .describe("`<provider prefix>/<model>`, e.g. `ollama_chat/llama3.1:8b` or `hosted_vllm/qwen`."),
    api_base: z
      .string()
      .min(1)
      .optional()
      .describe("Base URL of the provider (with `/v1` for OpenAI-compatible servers, without for Ollama)."),
    api_key: z.string().min(1).optional().describe("Key, always as `os.environ/NAME`."),
    api_version: z.string().optional().describe("API version (Azure)."),
    timeout: z.number().positive().optional().describe("Seconds a request may take."),
    stream_timeout: z.number().positive().optional().describe("Seconds between streamed chunks."),
    max_retries: z.number().int().min(0).optional().describe("Retries for this deployment."),
    rpm: z.number().int().positive().optional().describe("Requests per minute."),
    tpm: z.number().int().positive().optional().describe("Tokens per minute."),
    weight: z.number().positive().optional().describe("Share of traffic within the model group."),
    order: z.number().int().positive().optional().describe("Priority within the model group."),
    tags: z.array(z.string()).optional().describe("Tags for tag-based routing."),
  })
  .describe("How LiteLLM calls the deployment; keys beyond these are passed to the provider as-is.");

export const LiteLLMModelInfoSchema = z
  .looseObject({
    id: z.string().min(1).optional().describe("Stable unique deployment id; never equal to any model_name."),
    mode: z.string().optional().describe("`chat`, `completion`, `embedding`, ..."),
    base_model: z.string().optional().describe("Model used for cost and context lookups."),
    health_check_model: z
      .string()
      .optional()
      .describe("Concrete model used to health-check a wildcard deployment."),
  })
  .describe("Metadata about the deployment.");

export const LiteLLMDeploymentSchema = z
  .strictObject({
    model_name: z.string().min(1).describe("Public model group name; a `*` makes it a wildcard route."),
    litellm_params: LiteLLMParamsSchema,
    model_info: LiteLLMModelInfoSchema.optional(),
    rpm: z.number().int().positive().optional().describe("Legacy position of rpm (beside litellm_params)."),
    tpm: z.number().int().positive().optional().describe("Legacy position of tpm (beside litellm_params)."),
  })
  .describe("One deployment in the proxy's model list.");

export const RouterSettingsSchema = z
  .strictObject({
    routing_strategy: z
      .enum(ROUTING_STRATEGIES)
      .optional()
      .describe("How a deployment is picked within a group."),
    num_retries: z.number().int().min(0).optional().describe("Retries per request."),
    timeout: z.number().positive().optional().describe("Seconds per request."),
    retry_policy: z
      .record(z.string(), z.number().int().min(0))
      .optional()
      .describe("Retries per exception type."),
    allowed_fails: z.number().int().min(0).optional().describe("Failures per minute before cooldown."),
    cooldown_time: z.number().min(0).optional().describe("Seconds a failing deployment is cooled down."),
    fallbacks: fallbackMaps.optional(),
    context_window_fallbacks: fallbackMaps.optional(),
    content_policy_fallbacks: fallbackMaps.optional(),
    default_fallbacks: z.array(z.string()).optional().describe("Fallbacks for every group without its own."),
    max_fallbacks: z.number().int().min(0).optional().describe("Most fallbacks tried per request."),
    model_group_alias: z.record(z.string(), z.unknown()).optional().describe("Aliases of model groups."),
    enable_pre_call_checks: z.boolean().optional().describe("Check context windows before calling."),
    redis_host: z.string().optional().describe("Redis shared by proxy instances for router state."),
    redis_port: z.union([z.number().int(), z.string()]).optional().describe("Port of the router's Redis."),
    redis_password: z.string().optional().describe("Password of the router's Redis (as `os.environ/NAME`)."),
  })
  .describe("Router settings; LiteLLM silently drops unknown keys here, so they are errors in Switchyard.");

export const CacheParamsSchema = z
  .looseObject({
    type: z
      .enum(["redis", "redis-semantic", "local", "s3", "disk", "qdrant-semantic"])
      .optional()
      .describe("Cache backend."),
    host: z.string().optional().describe("Redis host."),
    port: z.union([z.number().int(), z.string()]).optional().describe("Redis port."),
    password: z.string().optional().describe("Redis password (as `os.environ/NAME`)."),
    namespace: z.string().optional().describe("Key prefix isolating this environment's entries."),
    ttl: z.number().positive().optional().describe("Seconds an entry lives."),
    supported_call_types: z.array(z.string()).optional().describe("Call types that are cached."),
  })
  .describe("Response cache settings.");

export const LiteLLMSettingsSchema = z
  .looseObject({
    drop_params: z
      .boolean()
      .optional()
      .describe("Drop parameters a provider does not support instead of failing."),
    num_retries: z.number().int().min(0).optional().describe("Retries for every call."),
    request_timeout: z.number().positive().optional().describe("Seconds per request."),
    callbacks: z.array(z.string()).optional().describe("Callbacks such as `prometheus`."),
    success_callback: z.array(z.string()).optional().describe("Callbacks on success."),
    failure_callback: z.array(z.string()).optional().describe("Callbacks on failure."),
    cache: z.boolean().optional().describe("Enable the response cache."),
    cache_params: CacheParamsSchema.optional(),
    set_verbose: z.boolean().optional().describe("Verbose logging."),
  })
  .describe("Module-level LiteLLM settings; every key is set as an attribute of the `litellm` module.");

export const GeneralSettingsSchema = z
  .looseObject({
    master_key: z.string().min(1).optional().describe("Proxy admin key, always as `os.environ/NAME`."),
    database_url: z.string().optional().describe("Database for keys and spend (as `os.environ/NAME`)."),
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
  .strictObject({
    schema_version: z
      .string()
      .optional()
      .describe("Ignored by LiteLLM; tolerated for symmetry with the other files."),
    model_list: z.array(LiteLLMDeploymentSchema).describe("Every deployment the proxy serves."),
    router_settings: RouterSettingsSchema.optional(),
    litellm_settings: LiteLLMSettingsSchema.optional(),
    general_settings: GeneralSettingsSchema.optional(),
    environment_variables: z
      .record(z.string(), z.string())
      .optional()
      .describe("Variables the proxy sets at start."),
  })
  .describe("litellm-unified.yaml: the LiteLLM proxy config generated by `switchyard generate`.");

export type LiteLLMParams = z.infer<typeof LiteLLMParamsSchema>;
export type LiteLLMDeployment = z.infer<typeof LiteLLMDeploymentSchema>;
export type RouterSettings = z.infer<typeof RouterSettingsSchema>;
export type LiteLLMSettings = z.infer<typeof LiteLLMSettingsSchema>;
export type GeneralSettings = z.infer<typeof GeneralSettingsSchema>;
export type LiteLLMConfig = z.infer<typeof LiteLLMConfigSchema>;
