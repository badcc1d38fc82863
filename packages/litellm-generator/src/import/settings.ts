import {
  CacheParamsSchema,
  detectSecret,
  didYouMean,
  ENV_REFERENCE_PATTERN,
  GeneralSettingsSchema,
  LiteLLMSettingsSchema,
  ROUTING_STRATEGIES,
  RouterSettingsSchema,
  type RoutingSettings,
  type RoutingStrategy,
  suggestName,
} from "@switchyard/config-schema";
import { DEFAULT_CACHE_NAMESPACE, DEFAULT_MASTER_KEY_ENV } from "../conventions.js";
import { isPlainRecord, setOwn } from "../internal/records.js";
import type { GenerateOptions } from "../types.js";
import { referenceSecret, shownValue } from "./extras.js";
import type { LocatedSection } from "./includes.js";
import type { ImportLog } from "./log.js";
import type { SecretNames } from "./secrets.js";
import type { Place } from "./source.js";

interface FieldSchema {
  safeParse(value: unknown): { success: boolean };
}
type Fields = Readonly<Record<string, FieldSchema>>;

const ROUTER_FIELDS = RouterSettingsSchema.shape as unknown as Fields;
const LITELLM_FIELDS = LiteLLMSettingsSchema.shape as unknown as Fields;
const GENERAL_FIELDS = GeneralSettingsSchema.shape as unknown as Fields;
const CACHE_FIELDS = CacheParamsSchema.shape as unknown as Fields;
const PROMETHEUS = "prometheus";
/** Top-level keys the LiteLLM schema accepts besides `model_list`. */
const SECTIONS = new Set([
  "router_settings",
  "litellm_settings",
  "general_settings",
  "environment_variables",
]);

/** The generation options an import asks for. */
export type ImportedGenerateOptions = {
  -readonly [K in "prometheus" | "masterKeyEnv" | "cacheNamespace"]?: GenerateOptions[K];
};

/** What the settings sections become. */
export interface ImportedSettings {
  readonly routing?: RoutingSettings;
  /** The Redis service the response cache uses, for ports.yaml. */
  readonly redis?: { readonly host?: string; readonly port: number };
  /** Generation options needed to reproduce the input (`--prometheus`, `--master-key-env`, ...). */
  readonly options: ImportedGenerateOptions;
  /** Passthrough sections (only the keys Switchyard does not model). */
  readonly litellmSettings: Record<string, unknown>;
  readonly generalSettings: Record<string, unknown>;
  readonly routerSettings: Record<string, unknown>;
  readonly environmentVariables: Record<string, string>;
}

class SettingsReader {
  constructor(
    private readonly secrets: SecretNames,
    private readonly log: ImportLog,
  ) {}

  /** Carry a key Switchyard does not model into a passthrough section (secrets referenced, bad values dropped). */
  carry(
    target: Record<string, unknown>,
    fields: Fields,
    section: string,
    key: string,
    value: unknown,
    place: Place,
    preferredEnv?: string,
  ): void {
    const at: Place = { ...place, path: [...place.path, key] };
    const carried = referenceSecret(
      key,
      value,
      { place: at, label: `${section}.${key}` },
      this.secrets,
      this.log,
      preferredEnv,
    );
    const schema = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (schema && !schema.safeParse(carried).success) {
      this.log.lossy(
        "SY4215",
        `${section}.${key} (${shownValue(value)}) is not carried: Switchyard's LiteLLM schema refuses the value`,
        at,
        "Fix the value and add it to litellm-passthrough.yaml.",
      );
      return;
    }
    setOwn(target, key, carried);
  }
}

function numberIn(
  value: unknown,
  min: number,
  max = Number.POSITIVE_INFINITY,
  integer = false,
): value is number {
  return typeof value === "number" && value >= min && value <= max && (!integer || Number.isInteger(value));
}

function readRouter(
  section: LocatedSection | undefined,
  reader: SettingsReader,
  log: ImportLog,
): { routing: RoutingSettings; passthrough: Record<string, unknown> } {
  const routing: { -readonly [K in keyof RoutingSettings]: RoutingSettings[K] } = {};
  const passthrough: Record<string, unknown> = {};
  if (!section || !isPlainRecord(section.value)) return { routing, passthrough };
  const settings = section.value;
  const place = section.place;
  for (const key of Object.keys(settings)) {
    const value = settings[key];
    const at: Place = { ...place, path: [...place.path, key] };
    if (key === "fallbacks") continue;
    if (key === "routing_strategy") {
      if (typeof value === "string" && (ROUTING_STRATEGIES as readonly string[]).includes(value)) {
        routing.strategy = value as RoutingStrategy;
      } else {
        const suggestion = typeof value === "string" ? suggestName(value, ROUTING_STRATEGIES) : undefined;
        log.lossy(
          "SY4215",
          `routing_strategy ${JSON.stringify(value)} is not carried: it is not a LiteLLM strategy${didYouMean(suggestion)}`,
          at,
          `Set routing.strategy in model-mappings.yaml to one of ${ROUTING_STRATEGIES.join(", ")}.`,
        );
      }
    } else if (key === "num_retries" && numberIn(value, 0, 20, true)) routing.num_retries = value;
    else if (key === "timeout" && numberIn(value, Number.MIN_VALUE)) routing.timeout_seconds = value;
    else if (key === "allowed_fails" && numberIn(value, 0, Number.POSITIVE_INFINITY, true))
      routing.allowed_fails = value;
    else if (key === "cooldown_time" && numberIn(value, 0)) routing.cooldown_seconds = value;
    else if (Object.hasOwn(ROUTER_FIELDS, key))
      reader.carry(
        passthrough,
        ROUTER_FIELDS,
        "router_settings",
        key,
        value,
        place,
        key === "redis_password" ? "ROUTER_REDIS_PASSWORD" : undefined,
      );
    else {
      const suggestion = suggestName(key, Object.keys(ROUTER_FIELDS));
      log.lossy(
        "SY4215",
        `router_settings.${key} is not carried: LiteLLM drops unknown router settings too${didYouMean(suggestion)}`,
        at,
        suggestion
          ? `Rename it to ${suggestion} in litellm-passthrough.yaml if it was meant so.`
          : "Remove it; LiteLLM never read it.",
        { part: "key" },
      );
    }
  }
  return { routing, passthrough };
}

function readCallbacks(
  value: unknown,
  place: Place,
  options: ImportedGenerateOptions,
  log: ImportLog,
): unknown[] {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
  if (list === undefined) return [];
  if (list.includes(PROMETHEUS)) {
    options.prometheus = true;
    log.note(
      "SY4216",
      "The prometheus callback is generated by the `prometheus` option: generate with `--prometheus`",
      { ...place, path: [...place.path, "callbacks"] },
    );
  }
  return list.filter((item) => item !== PROMETHEUS);
}

interface CacheResult {
  readonly redis?: { readonly host?: string; readonly port: number };
}

function readCache(
  settings: Record<string, unknown>,
  place: Place,
  passthrough: Record<string, unknown>,
  options: ImportedGenerateOptions,
  reader: SettingsReader,
  log: ImportLog,
): CacheResult {
  const params = isPlainRecord(settings.cache_params) ? settings.cache_params : undefined;
  const host = params?.host;
  const port =
    typeof params?.port === "string" && /^\d+$/.test(params.port) ? Number(params.port) : params?.port;
  const modelled =
    settings.cache === true &&
    params !== undefined &&
    (params.type === undefined || params.type === "redis") &&
    typeof host === "string" &&
    host !== "" &&
    !ENV_REFERENCE_PATTERN.test(host) &&
    numberIn(port, 1, 65535, true);
  const paramsPlace: Place = { ...place, path: [...place.path, "cache_params"] };
  if (!modelled) {
    if (settings.cache !== undefined)
      reader.carry(passthrough, LITELLM_FIELDS, "litellm_settings", "cache", settings.cache, place);
    if (settings.cache_params !== undefined) {
      const carried: Record<string, unknown> = {};
      if (params)
        for (const key of Object.keys(params))
          reader.carry(
            carried,
            CACHE_FIELDS,
            "litellm_settings.cache_params",
            key,
            params[key],
            paramsPlace,
            key === "password" ? "REDIS_PASSWORD" : undefined,
          );
      setOwn(passthrough, "cache_params", params ? carried : settings.cache_params);
    }
    return {};
  }
  const namespace = params.namespace;
  if (namespace === undefined) {
    log.lossy(
      "SY4217",
      `The generated cache settings add namespace: ${DEFAULT_CACHE_NAMESPACE}, so cached responses are looked up under a new key prefix (the cache starts cold)`,
      paramsPlace,
      "Nothing to do unless another proxy shares these cache entries; `--cache-namespace` chooses the prefix.",
    );
  } else if (typeof namespace === "string" && namespace !== DEFAULT_CACHE_NAMESPACE) {
    options.cacheNamespace = namespace;
    log.note(
      "SY4216",
      `The cache namespace '${namespace}' is a generation option: generate with \`--cache-namespace ${namespace}\``,
      { ...paramsPlace, path: [...paramsPlace.path, "namespace"] },
    );
  }
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(params)) {
    if (["type", "host", "port", "namespace"].includes(key)) continue;
    reader.carry(
      rest,
      CACHE_FIELDS,
      "litellm_settings.cache_params",
      key,
      params[key],
      paramsPlace,
      key === "password" ? "REDIS_PASSWORD" : undefined,
    );
  }
  if (Object.keys(rest).length > 0) setOwn(passthrough, "cache_params", rest);
  const loopback = host === "127.0.0.1";
  return { redis: { ...(loopback ? {} : { host }), port } };
}

function readLiteLLMSettings(
  section: LocatedSection | undefined,
  options: ImportedGenerateOptions,
  reader: SettingsReader,
  log: ImportLog,
): { passthrough: Record<string, unknown>; redis?: { host?: string; port: number } } {
  const passthrough: Record<string, unknown> = {};
  const settings = section && isPlainRecord(section.value) ? section.value : {};
  if (settings.drop_params !== true) {
    log.lossy(
      "SY4217",
      `The generated config sets drop_params: true (the input ${settings.drop_params === undefined ? "leaves it unset, i.e. false" : `has ${JSON.stringify(settings.drop_params)}`}): parameters a provider does not support are dropped instead of failing the request`,
      section ? { ...section.place, path: [...section.place.path, "drop_params"] } : undefined,
      "Nothing to do unless clients rely on those errors.",
    );
  }
  if (!section) return { passthrough };
  const place = section.place;
  for (const key of Object.keys(settings)) {
    if (key === "drop_params" || key === "cache" || key === "cache_params") continue;
    if (key === "callbacks") {
      const rest = readCallbacks(settings[key], place, options, log);
      if (rest.length > 0) reader.carry(passthrough, LITELLM_FIELDS, "litellm_settings", key, rest, place);
      continue;
    }
    reader.carry(passthrough, LITELLM_FIELDS, "litellm_settings", key, settings[key], place);
  }
  const cache = readCache(settings, place, passthrough, options, reader, log);
  return { passthrough, ...(cache.redis ? { redis: cache.redis } : {}) };
}

function readGeneralSettings(
  section: LocatedSection | undefined,
  options: ImportedGenerateOptions,
  reader: SettingsReader,
  log: ImportLog,
): Record<string, unknown> {
  const passthrough: Record<string, unknown> = {};
  const settings = section && isPlainRecord(section.value) ? section.value : {};
  const place = section?.place;
  const key = settings.master_key;
  const keyPlace = place ? { ...place, path: [...place.path, "master_key"] } : undefined;
  if (key === undefined) {
    log.lossy(
      "SY4217",
      `The generated config sets general_settings.master_key: os.environ/${DEFAULT_MASTER_KEY_ENV}; the input has none, so the proxy was unauthenticated and will now require that key`,
      place,
      `Export ${DEFAULT_MASTER_KEY_ENV} where LiteLLM runs and give clients keys made with it.`,
    );
  } else if (typeof key === "string" && ENV_REFERENCE_PATTERN.test(key)) {
    const name = key.slice("os.environ/".length);
    if (name !== DEFAULT_MASTER_KEY_ENV) {
      options.masterKeyEnv = name;
      log.note(
        "SY4216",
        `The master key is read from ${name}: generate (and reload) with \`--master-key-env ${name}\``,
        keyPlace,
      );
    }
  } else {
    log.lossy(
      "SY4214",
      `The literal master_key is imported as os.environ/${DEFAULT_MASTER_KEY_ENV}; the key is not copied`,
      keyPlace,
      `Export ${DEFAULT_MASTER_KEY_ENV} with the proxy's current master key where LiteLLM runs.`,
    );
  }
  if (place)
    for (const name of Object.keys(settings))
      if (name !== "master_key")
        reader.carry(passthrough, GENERAL_FIELDS, "general_settings", name, settings[name], place);
  return passthrough;
}

function pythonText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  return undefined;
}

function readEnvironment(section: LocatedSection | undefined, log: ImportLog): Record<string, string> {
  const out: Record<string, string> = {};
  if (!section || !isPlainRecord(section.value)) return out;
  for (const name of Object.keys(section.value)) {
    const value = section.value[name];
    const at: Place = { ...section.place, path: [...section.place.path, name] };
    if (detectSecret(name, value) !== undefined) {
      log.lossy(
        "SY4214",
        `environment_variables.${name} holds a literal secret; it is not copied`,
        at,
        `Export ${name} where LiteLLM runs instead of writing it into the config.`,
      );
      continue;
    }
    const text = pythonText(value);
    if (text === undefined) {
      log.lossy(
        "SY4215",
        `environment_variables.${name} is not text and is not carried`,
        at,
        "Quote the value.",
      );
      continue;
    }
    setOwn(out, name, text);
  }
  return out;
}

/**
 * Read `router_settings`, `litellm_settings`, `general_settings` and `environment_variables`:
 * what Switchyard models becomes `routing:`, the Redis service and generation options; the rest
 * goes to the passthrough sections. Unknown top-level keys are reported, not carried.
 */
export function readSettings(
  sections: ReadonlyMap<string, LocatedSection>,
  secrets: SecretNames,
  log: ImportLog,
): ImportedSettings {
  const reader = new SettingsReader(secrets, log);
  const options: ImportedGenerateOptions = {};
  for (const [key, section] of sections) {
    if (key === "model_list" || SECTIONS.has(key)) continue;
    log.lossy(
      "SY4215",
      `Top-level '${key}' is not carried: Switchyard's LiteLLM schema has no such section`,
      section.place,
      "Re-add it to the generated file's deployment by hand, or ask for the section to be supported.",
      { part: "key" },
    );
  }
  for (const key of ["router_settings", "litellm_settings", "general_settings", "environment_variables"]) {
    const section = sections.get(key);
    if (section && !isPlainRecord(section.value) && section.value !== null)
      log.lossy(
        "SY4215",
        `${key} is not a mapping and is not carried`,
        section.place,
        "LiteLLM expects a mapping here.",
      );
  }
  const router = readRouter(sections.get("router_settings"), reader, log);
  const litellm = readLiteLLMSettings(sections.get("litellm_settings"), options, reader, log);
  const general = readGeneralSettings(sections.get("general_settings"), options, reader, log);
  return {
    ...(Object.keys(router.routing).length > 0 ? { routing: router.routing } : {}),
    ...(litellm.redis ? { redis: litellm.redis } : {}),
    options,
    litellmSettings: litellm.passthrough,
    generalSettings: general,
    routerSettings: router.passthrough,
    environmentVariables: readEnvironment(sections.get("environment_variables"), log),
  };
}
