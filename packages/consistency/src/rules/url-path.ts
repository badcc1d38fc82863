import { urlFields } from "../internal/url-fields.js";
import { ENDPOINT_SUFFIXES, OPENAI_COMPATIBLE_TYPES, readUrl, withPath } from "../internal/urls.js";
import { defineRule } from "../rule.js";

const SERVER_NAMES: Readonly<Record<string, string>> = {
  vllm: "vLLM",
  llamacpp: "llama.cpp's llama-server",
  llamacpp_python: "llama-cpp-python",
  openai_compatible: "an OpenAI-compatible server",
};

interface PathProblem {
  readonly message: string;
  readonly path: string;
}

/** What is wrong with the path of a provider's base URL, and the path it should have. */
function pathProblem(type: string | undefined, path: string): PathProblem | undefined {
  const endpoint = ENDPOINT_SUFFIXES.find((suffix) => path.endsWith(suffix));
  const openai = type !== undefined && OPENAI_COMPATIBLE_TYPES.has(type);
  if (endpoint !== undefined) {
    let base = path.slice(0, -endpoint.length);
    if (type === "ollama") base = base.replace(/\/(v1|api)$/, "");
    else if (openai && !base.endsWith("/v1")) base = `${base}/v1`;
    return {
      message: `ends in ${endpoint}; LiteLLM appends the endpoint to the base URL itself`,
      path: base,
    };
  }
  if (type === "ollama") {
    const suffix = /\/(v1|api)$/.exec(path)?.[0];
    if (suffix === undefined) return undefined;
    return {
      message: `ends in ${suffix}, but LiteLLM's Ollama provider (ollama_chat) calls /api/chat on the server root`,
      path: path.slice(0, -suffix.length),
    };
  }
  if (openai && !path.endsWith("/v1")) {
    return {
      message: `has no /v1; ${SERVER_NAMES[type]} serves the OpenAI API under /v1`,
      path: `${path}/v1`,
    };
  }
  return undefined;
}

/** SY2032: a base URL path the provider type does not serve. */
export const urlPath = defineRule({
  id: "SY2032",
  name: "url-path-mismatch",
  title: "A provider's base_url has a path its type does not serve.",
  severity: "warning",
  cause:
    "LiteLLM appends endpoint paths to `base_url`. OpenAI-compatible servers (vLLM, llama.cpp's llama-server, llama-cpp-python, `openai_compatible`) serve them under `/v1`, so the base must end in `/v1`; Ollama's native API lives at the root (`/api/chat`), so its base must not end in `/v1`; and no base URL may include the endpoint itself (`/chat/completions`). The wrong path makes every request a 404.",
  fix: "Use the URL in the suggestion.",
  example: "vllm: {type: vllm, base_url: http://127.0.0.1:8001}   # needs /v1",
  *check(context) {
    for (const field of urlFields(context)) {
      if (field.kind !== "base_url") continue;
      const url = readUrl(field.value);
      if (url.kind !== "ok") continue;
      const problem = pathProblem(field.providerType, url.parsed.path);
      if (!problem) continue;
      const suggestion = withPath(url.parsed.url, problem.path);
      yield {
        message: `The ${field.label} ${problem.message}`,
        ...context.at(field.place),
        hint: `Write \`base_url: ${suggestion}\`.`,
        suggestion,
      };
    }
  },
});
