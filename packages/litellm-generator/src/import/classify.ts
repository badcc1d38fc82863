import { detectSecret, GLOB_PATTERN, HTTP_URL_PATTERN, type ProviderType } from "@switchyard/config-schema";
import { publicBaseUrl } from "../internal/addressing.js";
import { copyRecord, isPlainRecord } from "../internal/records.js";
import { shownValue } from "./extras.js";
import type { LocatedEntry } from "./includes.js";
import type { ImportLog } from "./log.js";
import type { Place } from "./source.js";

/** A deployment Switchyard can model: a provider type, endpoint and model. */
export interface ModelledDeployment {
  readonly kind: "modelled";
  readonly place: Place;
  readonly modelName: string;
  /** A `model_name` with `*`: imported as a pattern route. */
  readonly wildcard: boolean;
  readonly type: ProviderType;
  /** The model's name at the provider (`llama3.1:8b`, a vLLM served-model-name, an Azure deployment). */
  readonly providerModel: string;
  readonly baseUrl: string;
  /** The `api_key` as written (`undefined` when none). */
  readonly apiKey: unknown;
  readonly apiVersion?: string;
  /** Addressed with `ollama/` (Ollama's generate endpoint) rather than `ollama_chat/`. */
  readonly ollamaGenerate: boolean;
  /** Every other `litellm_params` key, legacy `rpm`/`tpm` beside `litellm_params` included. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: Readonly<Record<string, unknown>>;
  /** `litellm_params.model` and `api_base` as written. */
  readonly original: { readonly model: string; readonly apiBase?: string };
}

/** A deployment carried verbatim into the passthrough file. */
export interface VerbatimDeployment {
  readonly kind: "verbatim";
  readonly place: Place;
  readonly modelName: string;
  readonly entry: Readonly<Record<string, unknown>>;
  /** Why Switchyard cannot model it. */
  readonly reason: string;
}

export type ClassifiedDeployment = ModelledDeployment | VerbatimDeployment;

/** LiteLLM prefixes and the provider types they map to (`openai` depends on `api_base`). */
const PREFIX_TYPES: Readonly<Record<string, ProviderType>> = {
  ollama_chat: "ollama",
  ollama: "ollama",
  hosted_vllm: "vllm",
  openai: "openai",
  anthropic: "anthropic",
  azure: "azure",
  gemini: "gemini",
  mistral: "mistral",
  groq: "groq",
  openrouter: "openrouter",
  deepseek: "deepseek",
  together_ai: "together_ai",
};

/** Model names LiteLLM routes to a provider without a prefix. */
const UNPREFIXED: readonly [RegExp, ProviderType][] = [
  [/^(gpt-|o[1-9]|chatgpt-|text-embedding-|dall-e-|whisper-|tts-)/, "openai"],
  [/^claude-/, "anthropic"],
];

const DEPLOYMENT_KEYS = new Set(["model_name", "litellm_params", "model_info", "rpm", "tpm"]);
/** The local default of LiteLLM's Ollama client when no `api_base` is given. */
const OLLAMA_DEFAULT_BASE = "http://localhost:11434";

function portOf(url: string): number | undefined {
  try {
    const parsed = new URL(url);
    return parsed.port === "" ? undefined : Number(parsed.port);
  } catch {
    return undefined;
  }
}

/**
 * An `openai/` deployment with an `api_base`: llama.cpp's llama-server when the endpoint says so
 * (port 8080, its default, or a host named after it), else a generic OpenAI-compatible server.
 */
function openAiCompatibleType(apiBase: string, place: Place, log: ImportLog): ProviderType {
  let host = "";
  try {
    host = new URL(apiBase).hostname;
  } catch {
    return "openai_compatible";
  }
  const evidence = /llama[-_.]?(cpp|server)/i.test(host)
    ? `the host is named '${host}'`
    : portOf(apiBase) === 8080
      ? "it listens on 8080, llama-server's default port"
      : undefined;
  if (evidence === undefined) return "openai_compatible";
  log.note(
    "SY4218",
    `${apiBase} is imported as a llama.cpp server (type llamacpp) because ${evidence}`,
    { ...place, path: [...place.path, "litellm_params", "api_base"] },
    "Change the provider's type to openai_compatible (or llamacpp_python) in providers.yaml if it is another server.",
  );
  return "llamacpp";
}

interface Address {
  readonly type: ProviderType;
  readonly providerModel: string;
  readonly ollamaGenerate: boolean;
}

function addressOf(
  model: string,
  apiBase: string | undefined,
  place: Place,
  log: ImportLog,
): Address | string {
  const slash = model.indexOf("/");
  if (slash === -1) {
    const inferred = UNPREFIXED.find(([pattern]) => pattern.test(model))?.[1];
    if (inferred === undefined) return `'${model}' has no provider prefix Switchyard knows`;
    log.note(
      "SY4218",
      `'${model}' has no provider prefix; imported as a ${inferred} model, as LiteLLM infers`,
      { ...place, path: [...place.path, "litellm_params", "model"] },
    );
    return { type: inferred, providerModel: model, ollamaGenerate: false };
  }
  const prefix = model.slice(0, slash);
  const providerModel = model.slice(slash + 1);
  const known = Object.hasOwn(PREFIX_TYPES, prefix) ? PREFIX_TYPES[prefix] : undefined;
  if (known === undefined) return `LiteLLM provider '${prefix}' has no Switchyard provider type`;
  if (providerModel === "") return `'${model}' names no model after the prefix`;
  const type =
    known === "openai" && apiBase !== undefined ? openAiCompatibleType(apiBase, place, log) : known;
  return { type, providerModel, ollamaGenerate: prefix === "ollama" };
}

function baseUrlOf(type: ProviderType, apiBase: string | undefined): string | { reason: string } {
  if (apiBase !== undefined) return apiBase;
  if (type === "ollama") return OLLAMA_DEFAULT_BASE;
  const base = publicBaseUrl(type);
  if (base !== undefined) return base;
  return {
    reason:
      type === "azure"
        ? "it has no api_base (LiteLLM then reads AZURE_API_BASE), and an Azure provider needs its endpoint"
        : `it has no api_base (LiteLLM then reads it from the environment), and a ${type} provider needs its URL`,
  };
}

function invalid(
  entry: LocatedEntry,
  what: string,
  log: ImportLog,
  path: (string | number)[] = [],
): undefined {
  log.lossy(
    "SY4211",
    `Deployment ${entry.place.path.join(".")} is skipped: ${what} (LiteLLM skips it too)`,
    { ...entry.place, path: [...entry.place.path, ...path] },
    "Give every deployment a model_name and a litellm_params mapping with a model; quote names PyYAML reads as numbers or booleans.",
  );
  return undefined;
}

function paramsOf(entry: Record<string, unknown>, place: Place, log: ImportLog): Record<string, unknown> {
  const params = copyRecord(entry.litellm_params as Record<string, unknown>);
  for (const key of ["rpm", "tpm"] as const) {
    if (!Object.hasOwn(entry, key)) continue;
    if (params[key] === undefined) params[key] = entry[key];
    else if (params[key] !== entry[key]) {
      log.lossy(
        "SY4215",
        `${key} is set both beside and inside litellm_params; the litellm_params value (${String(params[key])}) is kept`,
        { ...place, path: [...place.path, key] },
        `Keep one ${key} per deployment, inside litellm_params.`,
        { part: "key" },
      );
    }
  }
  for (const key of Object.keys(entry)) {
    if (DEPLOYMENT_KEYS.has(key)) continue;
    log.lossy(
      "SY4215",
      `Key '${key}' beside litellm_params is not carried (LiteLLM does not read it there)`,
      { ...place, path: [...place.path, key] },
      "Move it into litellm_params or model_info if it is meant for LiteLLM.",
      { part: "key" },
    );
  }
  return params;
}

/**
 * Decide how each `model_list` entry is imported: as a deployment of a Switchyard provider, or
 * verbatim (a provider or addressing Switchyard does not model). Entries LiteLLM would reject
 * (no model_name, no litellm_params.model) are skipped with SY4211.
 */
export function classifyDeployments(
  entries: readonly LocatedEntry[],
  log: ImportLog,
): ClassifiedDeployment[] {
  const out: ClassifiedDeployment[] = [];
  for (const located of entries) {
    const { value, place } = located;
    if (!isPlainRecord(value)) {
      invalid(located, "it is not a mapping", log);
      continue;
    }
    const name = value.model_name;
    if (typeof name !== "string" || name === "") {
      invalid(
        located,
        `model_name is ${name === undefined ? "missing" : `not a string (${JSON.stringify(name)})`}`,
        log,
        ["model_name"],
      );
      continue;
    }
    if (!isPlainRecord(value.litellm_params) || typeof value.litellm_params.model !== "string") {
      invalid(located, "litellm_params.model is missing or not a string", log, ["litellm_params"]);
      continue;
    }
    const params = paramsOf(value, place, log);
    const info = isPlainRecord(value.model_info) ? copyRecord(value.model_info) : {};
    const model = params.model as string;
    const apiBase = params.api_base;
    const verbatim = (reason: string): void => {
      out.push({ kind: "verbatim", place, modelName: name, entry: copyRecord(value), reason });
    };
    if (apiBase !== undefined && (typeof apiBase !== "string" || !HTTP_URL_PATTERN.test(apiBase))) {
      verbatim(`its api_base (${shownValue(apiBase)}) is not an http(s) URL`);
      continue;
    }
    // providers.yaml cannot hold a base_url as an environment reference: a URL with a password or a
    // token in it stays in the passthrough file, where its secret becomes os.environ/NAME.
    if (typeof apiBase === "string" && detectSecret("api_base", apiBase) !== undefined) {
      verbatim("its api_base carries a secret (a URL password or token), which providers.yaml cannot hold");
      continue;
    }
    const wildcard = name.includes("*");
    if (wildcard && (!GLOB_PATTERN.test(name) || name.includes("?"))) {
      verbatim(`its wildcard model_name '${name}' has characters a Switchyard pattern cannot hold`);
      continue;
    }
    const address = addressOf(model, apiBase, place, log);
    if (typeof address === "string") {
      verbatim(address);
      continue;
    }
    const baseUrl = baseUrlOf(address.type, apiBase);
    if (typeof baseUrl !== "string") {
      verbatim(baseUrl.reason);
      continue;
    }
    const { model: _model, api_base: _base, api_key: apiKey, api_version: apiVersion, ...rest } = params;
    out.push({
      kind: "modelled",
      place,
      modelName: name,
      wildcard,
      type: address.type,
      providerModel: address.providerModel,
      baseUrl,
      apiKey,
      ...(typeof apiVersion === "string" ? { apiVersion } : {}),
      ollamaGenerate: address.ollamaGenerate,
      params: {
        ...rest,
        ...(apiVersion !== undefined && typeof apiVersion !== "string" ? { api_version: apiVersion } : {}),
      },
      info,
      original: { model, ...(apiBase !== undefined ? { apiBase } : {}) },
    });
  }
  return out;
}
