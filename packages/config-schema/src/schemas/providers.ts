import * as z from "zod";
import { description, httpUrl, identifier, positiveInt, schemaVersion, tags } from "./common.js";
import { whenAnObject } from "./refine.js";

/** Provider types Switchyard knows how to address. */
export const PROVIDER_TYPES = [
  "ollama",
  "vllm",
  "llamacpp",
  "llamacpp_python",
  "openai_compatible",
  "openai",
  "anthropic",
  "azure",
  "gemini",
  "mistral",
  "groq",
  "openrouter",
  "deepseek",
  "together_ai",
] as const;

/**
 * Provider types that run inside the stack (servers Switchyard can probe and whose ports ports.yaml
 * registers), as opposed to cloud APIs.
 */
export const SELF_HOSTED_PROVIDER_TYPES: readonly ProviderTypeName[] = [
  "ollama",
  "vllm",
  "llamacpp",
  "llamacpp_python",
  "openai_compatible",
];

type ProviderTypeName = (typeof PROVIDER_TYPES)[number];

/**
 * The LiteLLM provider prefixes a provider type may write before its model names
 * (`litellm_params.model: <prefix>/<model>`), the default first. `""` writes the bare model name,
 * which LiteLLM maps to its provider itself (`gpt-4o` → OpenAI, `claude-3-5-sonnet` → Anthropic).
 * Ollama has two routes: `ollama_chat` (its chat API, the default) and `ollama` (its generate API).
 */
export const MODEL_PREFIXES = {
  ollama: ["ollama_chat", "ollama"],
  vllm: ["hosted_vllm"],
  llamacpp: ["openai"],
  llamacpp_python: ["openai"],
  openai_compatible: ["openai"],
  openai: ["openai", ""],
  anthropic: ["anthropic", ""],
  azure: ["azure"],
  gemini: ["gemini"],
  mistral: ["mistral"],
  groq: ["groq"],
  openrouter: ["openrouter"],
  deepseek: ["deepseek"],
  together_ai: ["together_ai"],
} as const satisfies Record<(typeof PROVIDER_TYPES)[number], readonly string[]>;

export const ProviderTypeSchema = z
  .enum(PROVIDER_TYPES)
  .describe(
    "Kind of backend: `ollama`, `vllm`, `llamacpp` (llama.cpp's native llama-server), `llamacpp_python` (llama-cpp-python's server), `openai_compatible` (any OpenAI-compatible server) or a cloud provider (`openai`, `anthropic`, `azure`, `gemini`, `mistral`, `groq`, `openrouter`, `deepseek`, `together_ai`).",
  );

export const ProviderStatusSchema = z
  .enum(["active", "disabled"])
  .describe("`active` providers are routed to; `disabled` ones stay in the file but get no traffic.");

export const ProviderModelSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .describe(
        "The model's name as the provider serves it (an Ollama tag, a vLLM served-model-name, a llama.cpp alias).",
      ),
    description: description.optional(),
    context_length: positiveInt.optional().describe("Context window in tokens."),
    max_output_tokens: positiveInt
      .optional()
      .describe("Largest completion the model may produce, in tokens."),
    mode: z
      .enum(["chat", "completion", "embedding", "image_generation", "audio_transcription", "rerank"])
      .optional()
      .describe("What the model does; LiteLLM's `model_info.mode`. Defaults to `chat`."),
    tags: tags.optional(),
  })
  .describe("One model a provider serves.");

export const TimeoutsSchema = z
  .strictObject({
    connect_seconds: z.number().positive().optional().describe("Seconds to wait for a connection."),
    request_seconds: z
      .number()
      .positive()
      .optional()
      .describe("Seconds a whole non-streaming request may take."),
    stream_seconds: z
      .number()
      .positive()
      .optional()
      .describe("Seconds to wait between chunks of a streamed response."),
  })
  .describe("Timeouts for calls to this provider.");

const SELF_HOSTED: ReadonlySet<string> = new Set(SELF_HOSTED_PROVIDER_TYPES);
const CLOUD_TYPES = PROVIDER_TYPES.filter((type) => !SELF_HOSTED.has(type));

/** JSON Schema's form of the rules the shape alone cannot express (zod checks them in `superRefine`). */
const PROVIDER_RULES = [
  {
    if: {
      properties: { type: { enum: CLOUD_TYPES, description: "A cloud provider type." } },
      required: ["type"],
    },
    else: {
      properties: { base_url: { description: "Every provider but a cloud one needs its base_url." } },
      required: ["base_url"],
    },
  },
  ...Object.entries(MODEL_PREFIXES).map(([type, prefixes]) => ({
    if: { properties: { type: { const: type, description: `A ${type} provider.` } }, required: ["type"] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `if`/`then` keywords, never awaited.
    then: {
      properties: {
        model_prefix: { enum: [...prefixes], description: `The model prefixes a ${type} provider may use.` },
      },
    },
  })),
];

/**
 * A provider's fields without the cross-field rules (for schemas derived from it, such as the
 * migrations' legacy schemas: zod cannot `omit` or `extend` a refined object).
 */
export const ProviderObjectSchema = z.strictObject({
  type: ProviderTypeSchema,
  base_url: httpUrl
    .optional()
    .describe(
      "Where the provider listens, written to LiteLLM's `api_base` exactly as given, e.g. `http://127.0.0.1:11434` for Ollama or `http://127.0.0.1:8001/v1` for vLLM (`switchyard validate` suggests the path a server type needs; nothing rewrites it). Required for self-hosted types; a cloud provider without one uses LiteLLM's default endpoint (for Azure, `AZURE_API_BASE`).",
    ),
  status: ProviderStatusSchema.optional().describe(
    "`active` (the default) or `disabled`. Disabled providers produce no LiteLLM deployments.",
  ),
  models: z.array(ProviderModelSchema).describe("The models this provider serves."),
  api_key: z
    .string()
    .min(1)
    .nullable()
    .optional()
    .describe(
      "API key as an environment reference, `os.environ/NAME`. A literal key still loads but is reported, and flagged critical by `switchyard audit`. Without one, llama.cpp, llama-cpp-python and `openai_compatible` providers read `<PROVIDER_ID>_API_KEY` (LiteLLM would otherwise send them `OPENAI_API_KEY`) and cloud providers use the variable LiteLLM itself reads (`OPENAI_API_KEY`, ...); `null` sends no `api_key` at all.",
    ),
  api_version: z.string().min(1).optional().describe("API version (Azure OpenAI)."),
  model_prefix: z
    .string()
    .optional()
    .describe(
      'The LiteLLM provider prefix of this provider\'s models (`litellm_params.model: <prefix>/<model>`): `ollama_chat` (default) or `ollama` (the generate API) for Ollama, `openai` or `""` (the bare name, LiteLLM infers OpenAI) for OpenAI, `anthropic` or `""` for Anthropic; other types have one prefix. Without it, Ollama models whose mode is `embedding` or `completion` use `ollama`.',
    ),
  timeouts: TimeoutsSchema.optional(),
  max_retries: z.number().int().min(0).optional().describe("Retries LiteLLM makes against this provider."),
  rpm: positiveInt.optional().describe("Requests per minute this provider accepts."),
  tpm: positiveInt.optional().describe("Tokens per minute this provider accepts."),
  description: description.optional(),
  tags: tags.optional(),
});

export const ProviderSchema = ProviderObjectSchema.superRefine((provider, context) => {
  // Runs also when other keys have issues (see `whenAnObject`), so every check is defensive.
  if (provider.base_url === undefined && !(CLOUD_TYPES as readonly unknown[]).includes(provider.type)) {
    context.addIssue({
      code: "custom",
      path: ["base_url"],
      message: "A self-hosted provider needs base_url: where the server listens",
    });
  }
  const prefixes: readonly string[] | undefined = Object.hasOwn(MODEL_PREFIXES, provider.type)
    ? MODEL_PREFIXES[provider.type]
    : undefined;
  if (
    prefixes !== undefined &&
    typeof provider.model_prefix === "string" &&
    !prefixes.includes(provider.model_prefix)
  ) {
    context.addIssue({
      code: "invalid_value",
      path: ["model_prefix"],
      values: [...prefixes],
      input: provider.model_prefix,
      message: `A ${provider.type} provider's model_prefix is one of ${prefixes.map((p) => JSON.stringify(p)).join(", ")}`,
    });
  }
}, whenAnObject).meta({ description: "One backend that serves models.", allOf: PROVIDER_RULES });

export const ProvidersFileSchema = z
  .strictObject({
    schema_version: schemaVersion,
    providers: z
      .record(identifier, ProviderSchema)
      .describe("Providers by id. Ids are referenced from `model-mappings.yaml` and `ports.yaml`."),
  })
  .describe("providers.yaml: every backend the gateway can route to.");

export type ProviderType = z.infer<typeof ProviderTypeSchema>;
export type ProviderStatus = z.infer<typeof ProviderStatusSchema>;
export type ProviderModel = z.infer<typeof ProviderModelSchema>;
export type Provider = z.infer<typeof ProviderSchema>;
export type ProvidersFile = z.infer<typeof ProvidersFileSchema>;
