import * as z from "zod";
import { description, httpUrl, identifier, positiveInt, schemaVersion, tags } from "./common.js";

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

export const ProviderSchema = z
  .strictObject({
    type: ProviderTypeSchema,
    base_url: httpUrl.describe(
      "Where the provider listens, e.g. `http://127.0.0.1:11434` for Ollama or `http://127.0.0.1:8001/v1` for vLLM.",
    ),
    status: ProviderStatusSchema.optional().describe(
      "`active` (the default) or `disabled`. Disabled providers produce no LiteLLM deployments.",
    ),
    models: z.array(ProviderModelSchema).describe("The models this provider serves."),
    api_key: z
      .string()
      .min(1)
      .optional()
      .describe(
        "API key as an environment reference, `os.environ/NAME`. A literal key still loads but is reported, and flagged critical by `switchyard audit`.",
      ),
    api_version: z.string().min(1).optional().describe("API version (Azure OpenAI)."),
    timeouts: TimeoutsSchema.optional(),
    max_retries: z.number().int().min(0).optional().describe("Retries LiteLLM makes against this provider."),
    rpm: positiveInt.optional().describe("Requests per minute this provider accepts."),
    tpm: positiveInt.optional().describe("Tokens per minute this provider accepts."),
    description: description.optional(),
    tags: tags.optional(),
  })
  .describe("One backend that serves models.");

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
