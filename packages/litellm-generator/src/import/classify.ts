import {
  GLOB_PATTERN,
  HTTP_URL_PATTERN,
  MODEL_PREFIXES,
  type ProviderType,
  SELF_HOSTED_PROVIDER_TYPES,
} from "@switchyard/config-schema/schemas";
import { detectSecret } from "@switchyard/config-schema/secrets";
import { copyRecord, isPlainRecord } from "../internal/records.js";
import { shownValue, type Where } from "./carry.js";
import type { LocatedEntry } from "./includes.js";
import type { ImportLog } from "./log.js";

/** A deployment Switchyard can model: a provider type, endpoint and model. */
export interface ModelledDeployment {
  readonly kind: "modelled";
  /** The entry in its file, and in the merged `model_list`. */
  readonly where: Where;
  readonly modelName: string;
  /** A `model_name` with `*`: imported as a pattern route. */
  readonly wildcard: boolean;
  readonly type: ProviderType;
  /** The LiteLLM prefix as written (`ollama`, `openai`, `""` for a bare name). */
  readonly prefix: string;
  /** The model's name at the provider (`llama3.1:8b`, a vLLM served-model-name, an Azure deployment). */
  readonly providerModel: string;
  /** `api_base` as written, when there is one. */
  readonly baseUrl?: string;
  /** The `api_key` as written (`undefined` when none). */
  readonly apiKey: unknown;
  readonly apiVersion?: string;
  /** Every other `litellm_params` key, as written. */
  readonly params: Readonly<Record<string, unknown>>;
  /** `model_info` as written (`{}` when none). */
  readonly info: Readonly<Record<string, unknown>>;
  /** Keys of the entry beside `model_name`, `litellm_params` and `model_info` (old configs' `rpm`/`tpm`). */
  readonly entry: Readonly<Record<string, unknown>>;
  /** The entry as written. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Address keys the deployment writes as `null` (`api_key:` with nothing after it). */
  readonly nulls: ReadonlySet<"api_key" | "api_version">;
}

/** A deployment carried verbatim into the passthrough file. */
export interface VerbatimDeployment {
  readonly kind: "verbatim";
  readonly where: Where;
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

const ENTRY_KEYS = new Set(["model_name", "litellm_params", "model_info"]);
const SELF_HOSTED: ReadonlySet<string> = new Set(SELF_HOSTED_PROVIDER_TYPES);

/** "a" or "an" before a word, by its sound as far as spelling tells (`an openai model`, `a vllm server`). */
export function article(word: string): string {
  return /^[aeio]/i.test(word) || /^u[^n]/i.test(word) ? "an" : "a";
}

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
function openAiCompatibleType(apiBase: string, where: Where, log: ImportLog): ProviderType {
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
    { ...where.place, path: [...where.place.path, "litellm_params", "api_base"] },
    "Change the provider's type to openai_compatible (or llamacpp_python) in providers.yaml if it is another server.",
  );
  return "llamacpp";
}

interface Address {
  readonly type: ProviderType;
  readonly prefix: string;
  readonly providerModel: string;
}

function addressOf(
  model: string,
  apiBase: string | undefined,
  where: Where,
  log: ImportLog,
): Address | string {
  const slash = model.indexOf("/");
  const prefix = slash === -1 ? "" : model.slice(0, slash);
  if (slash === -1 || !Object.hasOwn(PREFIX_TYPES, prefix)) {
    const inferred = UNPREFIXED.find(([pattern]) => pattern.test(model))?.[1];
    if (inferred === undefined || apiBase !== undefined)
      return slash === -1
        ? `'${model}' has no provider prefix Switchyard knows`
        : `LiteLLM provider '${prefix}' has no Switchyard provider type`;
    log.note(
      "SY4218",
      `'${model}' has no provider prefix; imported as ${article(inferred)} ${inferred} model, as LiteLLM infers (the generated config keeps the bare name)`,
      { ...where.place, path: [...where.place.path, "litellm_params", "model"] },
    );
    return { type: inferred, prefix: "", providerModel: model };
  }
  const providerModel = model.slice(slash + 1);
  if (providerModel === "") return `'${model}' names no model after the prefix`;
  const known = PREFIX_TYPES[prefix]!;
  const type =
    known === "openai" && apiBase !== undefined ? openAiCompatibleType(apiBase, where, log) : known;
  if (!(MODEL_PREFIXES[type] as readonly string[]).includes(prefix))
    return `its prefix '${prefix}/' is not one a ${type} provider writes`;
  return { type, prefix, providerModel };
}

function invalid(
  entry: LocatedEntry,
  what: string,
  log: ImportLog,
  path: (string | number)[] = [],
): undefined {
  log.lossy(
    "SY4211",
    `Deployment ${entry.where.path.join(".")} is skipped: ${what} (LiteLLM skips it too)`,
    { ...entry.where.place, path: [...entry.where.place.path, ...path] },
    "Give every deployment a model_name and a litellm_params mapping with a model; quote names PyYAML reads as numbers or booleans.",
  );
  return undefined;
}

/**
 * Decide how each `model_list` entry is imported: as a deployment of a Switchyard provider, or
 * verbatim (a provider or addressing Switchyard does not model, an `api_base` that is not a URL).
 * Entries LiteLLM would reject (no model_name, no litellm_params.model) are skipped with SY4211.
 */
export function classifyDeployments(
  entries: readonly LocatedEntry[],
  log: ImportLog,
): ClassifiedDeployment[] {
  const out: ClassifiedDeployment[] = [];
  for (const located of entries) {
    const { value, where } = located;
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
    const verbatim = (reason: string): void => {
      out.push({ kind: "verbatim", where, modelName: name, entry: copyRecord(value), reason });
    };
    if (value.model_info !== undefined && !isPlainRecord(value.model_info)) {
      verbatim(`its model_info is not a mapping (${JSON.stringify(value.model_info)})`);
      continue;
    }
    const {
      model,
      api_base: apiBase,
      api_key: apiKey,
      api_version: apiVersion,
      ...params
    } = value.litellm_params;
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
    if (
      apiVersion !== undefined &&
      apiVersion !== null &&
      (typeof apiVersion !== "string" || apiVersion === "")
    ) {
      verbatim(`its api_version (${shownValue(apiVersion)}) is not text`);
      continue;
    }
    if (apiKey !== undefined && apiKey !== null && (typeof apiKey !== "string" || apiKey === "")) {
      verbatim(`its api_key is not text`);
      continue;
    }
    const wildcard = name.includes("*");
    if (wildcard && (!GLOB_PATTERN.test(name) || name.includes("?"))) {
      verbatim(`its wildcard model_name '${name}' has characters a Switchyard pattern cannot hold`);
      continue;
    }
    const address = addressOf(model as string, apiBase, where, log);
    if (typeof address === "string") {
      verbatim(address);
      continue;
    }
    if (apiBase === undefined && SELF_HOSTED.has(address.type)) {
      verbatim(
        `it has no api_base (LiteLLM then uses its default for ${address.prefix}/), and a ${address.type} provider is given its base_url`,
      );
      continue;
    }
    const entry: Record<string, unknown> = {};
    for (const key of Object.keys(value)) if (!ENTRY_KEYS.has(key)) entry[key] = value[key];
    out.push({
      kind: "modelled",
      where,
      modelName: name,
      wildcard,
      type: address.type,
      prefix: address.prefix,
      providerModel: address.providerModel,
      ...(apiBase !== undefined ? { baseUrl: apiBase } : {}),
      apiKey,
      ...(typeof apiVersion === "string" ? { apiVersion } : {}),
      params,
      info: isPlainRecord(value.model_info) ? copyRecord(value.model_info) : {},
      entry,
      raw: copyRecord(value),
      nulls: new Set([
        ...(apiKey === null ? (["api_key"] as const) : []),
        ...(apiVersion === null ? (["api_version"] as const) : []),
      ]),
    });
  }
  return out;
}
