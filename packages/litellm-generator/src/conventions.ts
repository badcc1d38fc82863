/** The default Redis key prefix of the response cache (`litellm_settings.cache_params.namespace`). */
export const DEFAULT_CACHE_NAMESPACE = "litellm:unified";

/** The default environment variable holding the proxy's master key. */
export const DEFAULT_MASTER_KEY_ENV = "LITELLM_MASTER_KEY";

/**
 * The environment variable that holds the (dummy) key of a local OpenAI-compatible provider
 * (llama.cpp, llama-cpp-python, `openai_compatible`) that sets no `api_key`: the provider id in
 * upper snake case plus `_API_KEY` (`llamacpp` → `LLAMACPP_API_KEY`, `llama-cpp-2` →
 * `LLAMA_CPP_2_API_KEY`), the name `switchyard validate` suggests too. LiteLLM's OpenAI client
 * refuses to call without a key, so export it with any value unless the server checks one.
 */
export function localKeyEnv(providerId: string): string {
  const name = `${providerId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_API_KEY`;
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}
