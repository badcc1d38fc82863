import {
  ENV_REFERENCE_PATTERN,
  ID_PATTERN,
  type Provider,
  type ProviderModel,
  type ProviderType,
  redactSecret,
  sha256,
} from "@switchyard/config-schema";
import { localKeyEnv } from "../conventions.js";
import { addressModel, defaultKeyOf, litellmPrefix } from "../internal/addressing.js";
import { deepEqual } from "../internal/records.js";
import type { ModelledDeployment } from "./classify.js";
import type { ImportLog } from "./log.js";
import type { SecretNames } from "./secrets.js";

/** Provider-level `litellm_params` keys: lifted to the provider when every deployment agrees. */
const UNIFORM_KEYS = ["timeout", "stream_timeout", "max_retries"] as const;
type UniformKey = (typeof UNIFORM_KEYS)[number];

const MODES: ReadonlySet<string> = new Set([
  "chat",
  "completion",
  "embedding",
  "image_generation",
  "audio_transcription",
  "rerank",
]);

/** One provider of the imported providers.yaml and the deployments that use it. */
export interface ImportedProvider {
  readonly id: string;
  readonly provider: Provider;
  readonly deployments: readonly ModelledDeployment[];
  /** The provider-level keys lifted from its deployments (kept out of their passthrough extras). */
  readonly lifted: ReadonlySet<string>;
}

/** Every imported provider, and each deployment's provider. */
export interface ImportedProviders {
  readonly providers: readonly ImportedProvider[];
  readonly providerOf: ReadonlyMap<ModelledDeployment, ImportedProvider>;
}

function keyIdentity(apiKey: unknown): string {
  if (apiKey === undefined || apiKey === null || apiKey === "") return "none";
  if (typeof apiKey === "string" && ENV_REFERENCE_PATTERN.test(apiKey)) return `ref:${apiKey}`;
  return `literal:${sha256(String(apiKey))}`;
}

function groupKey(d: ModelledDeployment): string {
  return JSON.stringify([d.type, d.baseUrl, keyIdentity(d.apiKey), d.apiVersion ?? null]);
}

function endpoint(url: string): { host: string; port: string } {
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname, port: parsed.port };
  } catch {
    return { host: "", port: "" };
  }
}

/**
 * Readable, unique provider ids: the type for the first provider of a type; then the type with
 * the host's first label when the host differs from that first provider's, with the port when
 * only the port differs, else with a counter (`openai-2` for a second OpenAI key).
 */
function providerId(
  type: ProviderType,
  baseUrl: string,
  firstOfType: Map<ProviderType, string>,
  taken: Set<string>,
): string {
  const first = firstOfType.get(type);
  const candidates: string[] = [];
  if (first === undefined) {
    firstOfType.set(type, baseUrl);
    candidates.push(type);
  } else {
    const mine = endpoint(baseUrl);
    const theirs = endpoint(first);
    if (mine.host !== theirs.host)
      candidates.push(`${type}-${mine.host.split(".")[0]!.replace(/[^A-Za-z0-9-]/g, "-")}`);
    else if (mine.port !== theirs.port && mine.port !== "") candidates.push(`${type}-${mine.port}`);
  }
  let id = candidates.find((c) => ID_PATTERN.test(c) && !c.endsWith("-") && !taken.has(c));
  for (let n = 2; id === undefined; n++) if (!taken.has(`${type}-${n}`)) id = `${type}-${n}`;
  taken.add(id);
  return id;
}

function validUniform(key: UniformKey, value: unknown): boolean {
  if (typeof value !== "number") return false;
  return key === "max_retries" ? Number.isInteger(value) && value >= 0 : value > 0;
}

/** The provider-level value of a key when every deployment sets it to the same valid value. */
function uniformValue(deployments: readonly ModelledDeployment[], key: UniformKey): number | undefined {
  const first = deployments[0]?.params[key];
  if (!validUniform(key, first)) return undefined;
  return deployments.every((d) => deepEqual(d.params[key], first)) ? (first as number) : undefined;
}

function apiKeyOf(
  id: string,
  type: ProviderType,
  first: ModelledDeployment,
  secrets: SecretNames,
  log: ImportLog,
): string | undefined {
  const key = first.apiKey;
  const place = { ...first.place, path: [...first.place.path, "litellm_params", "api_key"] };
  if (key === undefined || key === null || key === "") {
    const fallback = defaultKeyOf(type);
    if (fallback === "per-provider") {
      const name = localKeyEnv(id);
      log.lossy(
        "SY4213",
        `Deployments of '${id}' (${first.baseUrl}) have no api_key; the generated config reads one from ${name}, as LiteLLM's OpenAI client needs a key`,
        first.place,
        `Export ${name} with any value (or the server's key) where LiteLLM runs.`,
      );
    }
    return undefined;
  }
  if (typeof key === "string" && ENV_REFERENCE_PATTERN.test(key)) {
    secrets.reserve(key.slice("os.environ/".length));
    return key;
  }
  const preferred = defaultKeyOf(type);
  const name = secrets.claim(
    typeof preferred === "string" ? preferred : localKeyEnv(id),
    key as string | number,
  );
  log.lossy(
    "SY4214",
    `The literal api_key of provider '${id}' (${redactSecret(String(key))}) is imported as os.environ/${name}; the key is not copied`,
    place,
    `Export ${name} with the key from the original file where LiteLLM runs (and rotate it if the file was shared).`,
  );
  return `os.environ/${name}`;
}

interface ModelDraft {
  readonly model: ProviderModel;
  /** The deployment that defined the model's metadata. */
  readonly from: ModelledDeployment;
}

/**
 * The mode a provider model gets from a deployment: LiteLLM's `model_info.mode` when Switchyard
 * can express it without changing the address (`ollama/` needs `completion` or `embedding`,
 * `ollama_chat/` any other mode).
 */
function modeOf(d: ModelledDeployment, log: ImportLog): ProviderModel["mode"] | undefined {
  const mode =
    typeof d.info.mode === "string" && MODES.has(d.info.mode)
      ? (d.info.mode as ProviderModel["mode"])
      : undefined;
  if (d.type !== "ollama") return mode;
  const generateMode = mode === "embedding" || mode === "completion";
  if (d.ollamaGenerate && !generateMode) {
    if (mode === undefined)
      log.note(
        "SY4218",
        `'${d.original.model}' uses Ollama's generate endpoint (ollama/); its model is imported with mode: completion so the generated config keeps that prefix`,
        { ...d.place, path: [...d.place.path, "litellm_params", "model"] },
        "Use ollama_chat/ (mode chat) for chat models: it is the endpoint LiteLLM recommends.",
      );
    return "completion";
  }
  if (!d.ollamaGenerate && generateMode) return undefined;
  return mode;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

function addModel(models: Map<string, ModelDraft>, d: ModelledDeployment, log: ImportLog): void {
  const mode = modeOf(d, log);
  const context = positiveInt(d.info.max_input_tokens);
  const maxOutput = positiveInt(d.info.max_output_tokens);
  const draft: ProviderModel = {
    name: d.providerModel,
    ...(context !== undefined ? { context_length: context } : {}),
    ...(maxOutput !== undefined ? { max_output_tokens: maxOutput } : {}),
    ...(mode !== undefined ? { mode } : {}),
  };
  const existing = models.get(d.providerModel);
  if (!existing) {
    models.set(d.providerModel, { model: draft, from: d });
    return;
  }
  const differs = (["mode", "context_length", "max_output_tokens"] as const).filter(
    (key) =>
      draft[key] !== undefined && existing.model[key] !== undefined && draft[key] !== existing.model[key],
  );
  if (differs.length > 0) {
    log.lossy(
      "SY4215",
      `Deployment '${d.modelName}' describes ${d.providerModel} differently (${differs.join(", ")}) than '${existing.from.modelName}'; the first description is kept`,
      { ...d.place, path: [...d.place.path, "model_info"] },
      "Switchyard describes each model once per provider; align the model_info of both deployments.",
    );
  }
  models.set(d.providerModel, {
    model: { ...draft, ...existing.model },
    from: existing.from,
  });
}

/**
 * The health-check model of a wildcard deployment as Switchyard writes it: the provider's model
 * name, without the LiteLLM prefix the generator adds back (`openai/gpt-4o-mini` → `gpt-4o-mini`).
 */
export function healthCheckModelOf(d: ModelledDeployment): string | undefined {
  const check = d.info.health_check_model;
  if (typeof check !== "string" || check === "") return undefined;
  const prefix = `${litellmPrefix(d.type)}/`;
  return check.startsWith(prefix) && check.length > prefix.length ? check.slice(prefix.length) : check;
}

/** The `model_info` values of a deployment that its provider model does not reproduce. */
export function infoNotCarried(d: ModelledDeployment, provider: Provider): Set<string> {
  const listed = provider.models.find((m) => m.name === d.providerModel);
  const carried = new Set<string>(["id"]);
  if (listed?.mode !== undefined && d.info.mode === listed.mode) carried.add("mode");
  if (listed?.context_length !== undefined && d.info.max_input_tokens === listed.context_length)
    carried.add("max_input_tokens");
  if (listed?.max_output_tokens !== undefined && d.info.max_output_tokens === listed.max_output_tokens)
    carried.add("max_output_tokens");
  return new Set(Object.keys(d.info).filter((key) => !carried.has(key)));
}

/**
 * Group the modelled deployments into providers, one per endpoint: the same type, `api_base`,
 * key and API version. Keys become environment references, provider-level settings are lifted
 * when every deployment agrees, and each provider lists the models its deployments use.
 */
export function buildProviders(
  deployments: readonly ModelledDeployment[],
  secrets: SecretNames,
  log: ImportLog,
): ImportedProviders {
  const groups = new Map<string, ModelledDeployment[]>();
  for (const d of deployments) {
    const key = groupKey(d);
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  const taken = new Set<string>();
  const firstOfType = new Map<ProviderType, string>();
  const providers: ImportedProvider[] = [];
  const providerOf = new Map<ModelledDeployment, ImportedProvider>();
  for (const members of groups.values()) {
    const first = members[0]!;
    const id = providerId(first.type, first.baseUrl, firstOfType, taken);
    const apiKey = apiKeyOf(id, first.type, first, secrets, log);
    const models = new Map<string, ModelDraft>();
    for (const d of members) if (!d.wildcard) addModel(models, d, log);
    for (const d of members) {
      const check = d.wildcard ? healthCheckModelOf(d) : undefined;
      if (check !== undefined && !models.has(check)) models.set(check, { model: { name: check }, from: d });
    }
    const lifted = new Set<UniformKey>();
    const values = Object.fromEntries(
      UNIFORM_KEYS.map((key) => {
        const value = uniformValue(members, key);
        if (value !== undefined) lifted.add(key);
        return [key, value];
      }),
    ) as Record<UniformKey, number | undefined>;
    const timeouts = {
      ...(values.timeout !== undefined ? { request_seconds: values.timeout } : {}),
      ...(values.stream_timeout !== undefined ? { stream_seconds: values.stream_timeout } : {}),
    };
    const provider: Provider = {
      type: first.type,
      base_url: first.baseUrl,
      ...(apiKey !== undefined ? { api_key: apiKey } : {}),
      ...(first.apiVersion !== undefined ? { api_version: first.apiVersion } : {}),
      ...(Object.keys(timeouts).length > 0 ? { timeouts } : {}),
      ...(values.max_retries !== undefined ? { max_retries: values.max_retries } : {}),
      models: [...models.values()].map((m) => m.model),
    };
    const imported: ImportedProvider = { id, provider, deployments: members, lifted };
    providers.push(imported);
    for (const d of members) providerOf.set(d, imported);
  }
  return { providers, providerOf };
}

/**
 * Report every deployment the generated config will address differently (SY4212): another
 * prefix, an `api_base` with `/v1` added or removed, or a public endpoint left to LiteLLM.
 */
export function checkAddresses(imported: ImportedProviders, log: ImportLog): void {
  for (const { id, provider, deployments } of imported.providers) {
    for (const d of deployments) {
      const mode = d.wildcard ? undefined : provider.models.find((m) => m.name === d.providerModel)?.mode;
      const generated = addressModel(id, provider, d.providerModel, mode);
      const changes: string[] = [];
      if (generated.model !== d.original.model)
        changes.push(`model ${d.original.model} → ${generated.model}`);
      if (generated.api_base !== d.original.apiBase)
        changes.push(`api_base ${d.original.apiBase ?? "(none)"} → ${generated.api_base ?? "(none)"}`);
      if (changes.length === 0) continue;
      log.lossy(
        "SY4212",
        `The generated config addresses '${d.modelName}' differently: ${changes.join(", ")}`,
        { ...d.place, path: [...d.place.path, "litellm_params"] },
        "Check that the new address reaches the same server; Switchyard normalises addresses per provider type (see the generator's addressing table).",
      );
    }
  }
}
