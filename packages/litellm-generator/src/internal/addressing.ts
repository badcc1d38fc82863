import {
  ENV_REFERENCE_PATTERN,
  MODEL_PREFIXES,
  type Provider,
  type ProviderModel,
  type ProviderType,
} from "@switchyard/config-schema/schemas";
import { localKeyEnv } from "../conventions.js";

/**
 * Provider types whose servers LiteLLM calls through its OpenAI client (`openai/` with an
 * `api_base`). That client refuses to call without a key and, given none, sends the proxy's own
 * `OPENAI_API_KEY` to the server, so these get a key read from `<PROVIDER_ID>_API_KEY` unless the
 * provider sets `api_key` (or `api_key: null`).
 */
const LOCAL_OPENAI_CLIENT: ReadonlySet<ProviderType> = new Set([
  "llamacpp",
  "llamacpp_python",
  "openai_compatible",
]);

/**
 * The environment variable LiteLLM itself reads a cloud provider's key from when the deployment
 * sets no `api_key` (Switchyard then writes none: LiteLLM's default is the same variable).
 */
const CLOUD_KEY_ENV: Partial<Record<ProviderType, string>> = {
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  azure: "AZURE_API_KEY",
  gemini: "GEMINI_API_KEY",
  mistral: "MISTRAL_API_KEY",
  groq: "GROQ_API_KEY",
  openrouter: "OPENROUTER_API_KEY",
  deepseek: "DEEPSEEK_API_KEY",
  together_ai: "TOGETHERAI_API_KEY",
};

/**
 * LiteLLM's provider prefix for a provider's models (`ollama_chat`, `hosted_vllm`, `openai`, `""`
 * for the bare name): the provider's `model_prefix`, else the type's default. Without a
 * `model_prefix`, Ollama models whose mode is `embedding` or `completion` use `ollama/`, the only
 * Ollama route LiteLLM offers for those.
 */
export function modelPrefix(
  provider: Pick<Provider, "type" | "model_prefix">,
  mode?: ProviderModel["mode"],
): string {
  if (provider.model_prefix !== undefined) return provider.model_prefix;
  if (provider.type === "ollama" && (mode === "embedding" || mode === "completion")) return "ollama";
  return MODEL_PREFIXES[provider.type][0];
}

/** `litellm_params.model` for a prefix and a model name. */
export function withPrefix(prefix: string, model: string): string {
  return prefix === "" ? model : `${prefix}/${model}`;
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
 * is the model's mode from providers.yaml, when it lists the model). The base URL is written
 * exactly as the provider gives it: `switchyard validate` suggests the path a server type needs
 * (SY2032), nothing rewrites it.
 */
export function addressModel(
  providerId: string,
  provider: Provider,
  model: string,
  mode?: ProviderModel["mode"],
): AddressParams {
  const key =
    provider.api_key === null
      ? undefined
      : (provider.api_key ??
        (LOCAL_OPENAI_CLIENT.has(provider.type) ? `os.environ/${localKeyEnv(providerId)}` : undefined));
  return {
    model: withPrefix(modelPrefix(provider, mode), model),
    ...(provider.base_url !== undefined ? { api_base: provider.base_url } : {}),
    ...(key !== undefined ? { api_key: key } : {}),
    ...(provider.api_version !== undefined ? { api_version: provider.api_version } : {}),
  };
}

/** Whether a key is a literal secret rather than an `os.environ/NAME` reference. */
export function isLiteralKey(key: string): boolean {
  return !ENV_REFERENCE_PATTERN.test(key);
}

/**
 * The environment variable a provider's key comes from when it sets none: the variable LiteLLM
 * reads for a cloud type, `<PROVIDER_ID>_API_KEY` for a server behind LiteLLM's OpenAI client,
 * `undefined` when no key is sent.
 */
export function defaultKeyEnv(providerId: string, type: ProviderType): string | undefined {
  if (LOCAL_OPENAI_CLIENT.has(type)) return localKeyEnv(providerId);
  return CLOUD_KEY_ENV[type];
}

/** Whether LiteLLM calls this type's servers through its OpenAI client with a key of ours. */
export function usesLocalKey(type: ProviderType): boolean {
  return LOCAL_OPENAI_CLIENT.has(type);
}

/**
 * The labels LiteLLM's Prometheus callback puts on a provider's deployment series besides
 * `model_id`: `api_base` is the deployment's `litellm_params.api_base` (the provider's `base_url`,
 * written as given; absent for a cloud provider without one) and `api_provider` is LiteLLM's
 * `custom_llm_provider`, the model prefix (every prefix the provider's models use: Ollama's
 * embedding and completion models go through `ollama/`, its chat models through `ollama_chat/`).
 * A bare model name (prefix `""`, allowed for `openai` and `anthropic`) leaves the provider to
 * LiteLLM, which infers the type's own name, so the type is listed for it.
 * Monitoring selects a provider's series by these when LiteLLM hashes the ids itself
 * (`gateway.deployment_ids: litellm`).
 */
export function deploymentMetricLabels(provider: Provider): {
  readonly apiBase?: string;
  readonly apiProviders: readonly string[];
} {
  const modes: (ProviderModel["mode"] | undefined)[] = [undefined, ...provider.models.map((m) => m.mode)];
  const apiProviders = [...new Set(modes.map((mode) => modelPrefix(provider, mode) || provider.type))];
  return { ...(provider.base_url !== undefined ? { apiBase: provider.base_url } : {}), apiProviders };
}
