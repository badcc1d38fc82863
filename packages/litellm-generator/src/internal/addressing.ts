import {
  ENV_REFERENCE_PATTERN,
  type Provider,
  type ProviderModel,
  type ProviderType,
} from "@switchyard/config-schema";
import { localKeyEnv } from "../conventions.js";

/** How LiteLLM reaches one kind of provider. */
interface Addressing {
  /** LiteLLM's provider prefix: `<prefix>/<model>`. */
  readonly prefix: string;
  /** What to do with the provider's `base_url`. */
  readonly base: "strip-v1" | "ensure-v1" | "v1-when-bare" | "cloud";
  /** The `api_key` when the provider sets none: a fixed variable, or one named after the provider id. */
  readonly defaultKey?: { readonly env: string } | "per-provider";
  /** The provider's public endpoint; a `base_url` equal to one of these is left to LiteLLM. */
  readonly defaultBases?: readonly string[];
}

/**
 * Addressing per provider type (LiteLLM 1.7x):
 * - Ollama: `ollama_chat/<tag>` (the chat endpoint; `ollama/` would use /api/generate), `api_base`
 *   without `/v1`; models whose mode is `embedding` or `completion` use `ollama/<tag>`, the only
 *   Ollama route LiteLLM offers for embeddings and text completion.
 * - vLLM: `hosted_vllm/<served-model-name>`, `api_base` ending in `/v1`.
 * - llama.cpp's llama-server and llama-cpp-python: `openai/<alias>`, `api_base` ending in `/v1`, and a
 *   key, because LiteLLM's OpenAI client refuses to call without one.
 * - Other OpenAI-compatible servers: like llama.cpp, but `/v1` is only added to a bare `host:port`
 *   base (some servers live under another path).
 * - Cloud providers: their LiteLLM prefix and a key from the variable LiteLLM itself reads;
 *   `api_base` only when it is not the provider's public endpoint (always for Azure).
 */
const ADDRESSING: Record<ProviderType, Addressing> = {
  ollama: { prefix: "ollama_chat", base: "strip-v1" },
  vllm: { prefix: "hosted_vllm", base: "ensure-v1" },
  llamacpp: { prefix: "openai", base: "ensure-v1", defaultKey: "per-provider" },
  llamacpp_python: { prefix: "openai", base: "ensure-v1", defaultKey: "per-provider" },
  openai_compatible: { prefix: "openai", base: "v1-when-bare", defaultKey: "per-provider" },
  openai: {
    prefix: "openai",
    base: "cloud",
    defaultKey: { env: "OPENAI_API_KEY" },
    defaultBases: ["https://api.openai.com", "https://api.openai.com/v1"],
  },
  anthropic: {
    prefix: "anthropic",
    base: "cloud",
    defaultKey: { env: "ANTHROPIC_API_KEY" },
    defaultBases: ["https://api.anthropic.com", "https://api.anthropic.com/v1"],
  },
  azure: { prefix: "azure", base: "cloud", defaultKey: { env: "AZURE_API_KEY" } },
  gemini: {
    prefix: "gemini",
    base: "cloud",
    defaultKey: { env: "GEMINI_API_KEY" },
    defaultBases: [
      "https://generativelanguage.googleapis.com",
      "https://generativelanguage.googleapis.com/v1",
      "https://generativelanguage.googleapis.com/v1beta",
    ],
  },
  mistral: {
    prefix: "mistral",
    base: "cloud",
    defaultKey: { env: "MISTRAL_API_KEY" },
    defaultBases: ["https://api.mistral.ai", "https://api.mistral.ai/v1"],
  },
  groq: {
    prefix: "groq",
    base: "cloud",
    defaultKey: { env: "GROQ_API_KEY" },
    defaultBases: ["https://api.groq.com/openai/v1"],
  },
  openrouter: {
    prefix: "openrouter",
    base: "cloud",
    defaultKey: { env: "OPENROUTER_API_KEY" },
    defaultBases: ["https://openrouter.ai/api/v1"],
  },
  deepseek: {
    prefix: "deepseek",
    base: "cloud",
    defaultKey: { env: "DEEPSEEK_API_KEY" },
    defaultBases: ["https://api.deepseek.com", "https://api.deepseek.com/v1"],
  },
  together_ai: {
    prefix: "together_ai",
    base: "cloud",
    defaultKey: { env: "TOGETHERAI_API_KEY" },
    defaultBases: ["https://api.together.xyz", "https://api.together.xyz/v1"],
  },
};

/** LiteLLM's provider prefix for a provider type and model mode, e.g. `hosted_vllm`. */
export function litellmPrefix(type: ProviderType, mode?: ProviderModel["mode"]): string {
  if (type === "ollama" && (mode === "embedding" || mode === "completion")) return "ollama";
  return ADDRESSING[type].prefix;
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}

function hasPath(url: string): boolean {
  return /^https?:\/\/[^/]+\/./.test(url);
}

function apiBase(type: ProviderType, baseUrl: string): string | undefined {
  const addressing = ADDRESSING[type];
  const base = trimSlashes(baseUrl);
  switch (addressing.base) {
    case "strip-v1":
      return base.replace(/\/v1$/, "");
    case "ensure-v1":
      return base.endsWith("/v1") ? base : `${base}/v1`;
    case "v1-when-bare":
      return hasPath(base) ? base : `${base}/v1`;
    case "cloud":
      return addressing.defaultBases?.includes(base) ? undefined : base;
  }
}

/** The addressing part of one deployment's `litellm_params`. */
export interface AddressParams {
  readonly model: string;
  readonly api_base?: string;
  readonly api_key?: string;
  readonly api_version?: string;
}

/**
 * `litellm_params.model`, `api_base`, `api_key` and `api_version` for a provider's model (`mode`
 * is the model's mode from providers.yaml, when it lists the model).
 */
export function addressModel(
  providerId: string,
  provider: Provider,
  model: string,
  mode?: ProviderModel["mode"],
): AddressParams {
  const addressing = ADDRESSING[provider.type];
  const base = apiBase(provider.type, provider.base_url);
  const defaultKey = addressing.defaultKey;
  const key =
    provider.api_key ??
    (defaultKey === undefined
      ? undefined
      : `os.environ/${defaultKey === "per-provider" ? localKeyEnv(providerId) : defaultKey.env}`);
  return {
    model: `${litellmPrefix(provider.type, mode)}/${model}`,
    ...(base !== undefined ? { api_base: base } : {}),
    ...(key !== undefined ? { api_key: key } : {}),
    ...(provider.api_version !== undefined ? { api_version: provider.api_version } : {}),
  };
}

/** Whether a key is a literal secret rather than an `os.environ/NAME` reference. */
export function isLiteralKey(key: string): boolean {
  return !ENV_REFERENCE_PATTERN.test(key);
}

/** The base URL of a cloud provider's public endpoint (the first of its default bases), if it has one. */
export function publicBaseUrl(type: ProviderType): string | undefined {
  return ADDRESSING[type].defaultBases?.[0];
}

/**
 * The environment variable a provider type's key is read from when the provider sets none: a
 * fixed name for cloud providers (`OPENAI_API_KEY`, the variable LiteLLM itself reads), `"per-provider"`
 * for local OpenAI-compatible servers ({@link localKeyEnv}), `undefined` when no key is sent.
 */
export function defaultKeyOf(type: ProviderType): string | "per-provider" | undefined {
  const key = ADDRESSING[type].defaultKey;
  return key === undefined || key === "per-provider" ? key : key.env;
}
