import {
  ENV_REFERENCE_PATTERN,
  ID_PATTERN,
  MODEL_PREFIXES,
  type Provider,
  type ProviderModel,
  type ProviderType,
} from "@switchyard/config-schema/schemas";
import { sha256 } from "@switchyard/config-schema/text";
import { localKeyEnv } from "../conventions.js";
import { defaultKeyEnv, modelPrefix, usesLocalKey } from "../internal/addressing.js";
import { deepEqual } from "../internal/records.js";
import { type Carrier, child } from "./carry.js";
import type { ModelledDeployment } from "./classify.js";
import type { ImportLog } from "./log.js";

/** Provider-level `litellm_params` keys: lifted to the provider when every deployment agrees. */
const UNIFORM_KEYS = ["timeout", "stream_timeout", "max_retries"] as const;
type UniformKey = (typeof UNIFORM_KEYS)[number];

/** `model_info` keys a provider's model describes: lifted when every deployment of the model agrees. */
const MODEL_KEYS = {
  mode: "mode",
  max_input_tokens: "context_length",
  max_output_tokens: "max_output_tokens",
} as const;
type ModelInfoKey = keyof typeof MODEL_KEYS;

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
  /** The provider-level `litellm_params` keys lifted from its deployments (kept out of their extras). */
  readonly lifted: ReadonlySet<string>;
  /** For each model, the `model_info` keys its provider model describes (kept out of the extras). */
  readonly describedInfo: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Every imported provider, and each deployment's provider. */
export interface ImportedProviders {
  readonly providers: readonly ImportedProvider[];
  readonly providerOf: ReadonlyMap<ModelledDeployment, ImportedProvider>;
}

function keyIdentity(apiKey: unknown): string {
  if (apiKey === undefined) return "none";
  if (apiKey === null) return "null";
  if (typeof apiKey === "string" && ENV_REFERENCE_PATTERN.test(apiKey)) return `ref:${apiKey}`;
  return `literal:${sha256(String(apiKey))}`;
}

function groupKey(d: ModelledDeployment): string {
  return JSON.stringify([d.type, d.prefix, d.baseUrl ?? null, keyIdentity(d.apiKey), d.apiVersion ?? null]);
}

function endpoint(url: string | undefined): { host: string; port: string } {
  try {
    const parsed = new URL(url ?? "");
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
  baseUrl: string | undefined,
  firstOfType: Map<ProviderType, string | undefined>,
  taken: Set<string>,
): string {
  const candidates: string[] = [];
  if (!firstOfType.has(type)) {
    firstOfType.set(type, baseUrl);
    candidates.push(type);
  } else {
    const mine = endpoint(baseUrl);
    const theirs = endpoint(firstOfType.get(type));
    if (mine.host !== theirs.host && mine.host !== "")
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

/** The provider's `api_key`: the input's reference, a reference to a literal key, or `null` for "none". */
function apiKeyOf(
  id: string,
  type: ProviderType,
  first: ModelledDeployment,
  carrier: Carrier,
  log: ImportLog,
): string | null | undefined {
  const key = first.apiKey;
  if (key === undefined || key === null) {
    if (!usesLocalKey(type)) return key === null ? null : undefined;
    log.note(
      "SY4213",
      `Deployments of '${id}' (${first.baseUrl}) send no api_key of their own, so LiteLLM sends them the proxy's OPENAI_API_KEY; the import keeps that (api_key: null)`,
      first.where.place,
      `Give the server a key of its own: \`api_key: os.environ/${localKeyEnv(id)}\` in providers.yaml (any value, or the server's key), then export it.`,
    );
    return null;
  }
  if (ENV_REFERENCE_PATTERN.test(key as string)) return key as string;
  const reference = carrier.reference(
    key as string,
    child(child(first.where, "litellm_params"), "api_key"),
    `api_key of provider '${id}'`,
    defaultKeyEnv(id, type) ?? localKeyEnv(id),
  );
  return reference;
}

/**
 * The `model_info` value every deployment of a provider model agrees on (absent counts), for the
 * keys a provider model can describe, when it passes the provider schema and does not change the
 * generated address (an Ollama model's mode picks `ollama/` unless the provider sets a prefix).
 */
function describedValue(
  members: readonly ModelledDeployment[],
  key: ModelInfoKey,
  provider: Pick<Provider, "type" | "model_prefix">,
): unknown {
  const value = members[0]!.info[key];
  if (value === undefined || !members.every((d) => deepEqual(d.info[key], value))) return undefined;
  if (key === "mode") {
    if (typeof value !== "string" || !MODES.has(value)) return undefined;
    const mode = value as ProviderModel["mode"];
    if (modelPrefix(provider, mode) !== modelPrefix(provider)) return undefined;
    return value;
  }
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Group the modelled deployments into providers, one per endpoint: the same type, prefix,
 * `api_base`, key and API version. Keys become environment references, provider-level settings
 * are lifted when every deployment agrees, and each provider lists the models its deployments use
 * (with the metadata all their deployments agree on).
 */
export function buildProviders(
  deployments: readonly ModelledDeployment[],
  carrier: Carrier,
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
  const firstOfType = new Map<ProviderType, string | undefined>();
  const providers: ImportedProvider[] = [];
  const providerOf = new Map<ModelledDeployment, ImportedProvider>();
  for (const members of groups.values()) {
    const first = members[0]!;
    const id = providerId(first.type, first.baseUrl, firstOfType, taken);
    const apiKey = apiKeyOf(id, first.type, first, carrier, log);
    if (typeof apiKey === "string" && !ENV_REFERENCE_PATTERN.test(first.apiKey as string))
      for (const d of members.slice(1))
        carrier.alsoReferenced(child(child(d.where, "litellm_params"), "api_key"), apiKey);
    const prefix = first.prefix === MODEL_PREFIXES[first.type][0] ? undefined : first.prefix;
    const shape = { type: first.type, ...(prefix !== undefined ? { model_prefix: prefix } : {}) };
    const models: ProviderModel[] = [];
    const describedInfo = new Map<string, Set<string>>();
    const byModel = new Map<string, ModelledDeployment[]>();
    for (const d of members) {
      if (d.wildcard) continue;
      const list = byModel.get(d.providerModel);
      if (list) list.push(d);
      else byModel.set(d.providerModel, [d]);
    }
    for (const [name, users] of byModel) {
      const described = new Set<string>();
      const model: Record<string, unknown> = { name };
      for (const key of Object.keys(MODEL_KEYS) as ModelInfoKey[]) {
        const value = describedValue(users, key, shape);
        if (value === undefined) continue;
        model[MODEL_KEYS[key]] = value;
        described.add(key);
      }
      models.push(model as unknown as ProviderModel);
      describedInfo.set(name, described);
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
      ...(first.baseUrl !== undefined ? { base_url: first.baseUrl } : {}),
      ...(apiKey !== undefined ? { api_key: apiKey } : {}),
      ...(first.apiVersion !== undefined ? { api_version: first.apiVersion } : {}),
      ...(prefix !== undefined ? { model_prefix: prefix } : {}),
      ...(Object.keys(timeouts).length > 0 ? { timeouts } : {}),
      ...(values.max_retries !== undefined ? { max_retries: values.max_retries } : {}),
      models,
    };
    const imported: ImportedProvider = { id, provider, deployments: members, lifted, describedInfo };
    providers.push(imported);
    for (const d of members) providerOf.set(d, imported);
  }
  return { providers, providerOf };
}
