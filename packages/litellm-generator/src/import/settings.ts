import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import {
  ENV_REFERENCE_PATTERN,
  type GatewaySettings,
  ROUTING_STRATEGIES,
  type RoutingSettings,
  RoutingSettingsSchema,
} from "@switchyard/config-schema/schemas";
import { DEFAULT_MASTER_KEY_ENV } from "../conventions.js";
import { isPlainRecord, setOwn } from "../internal/records.js";
import { SETTINGS_SECTIONS } from "../passthrough.js";
import type { GenerateOptions } from "../types.js";
import { type Carrier, child, shownValue, type Where } from "./carry.js";
import type { LocatedSection } from "./includes.js";
import type { ImportLog } from "./log.js";

/** Host values that are not an address to connect to; the generator would replace them. */
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]", "*"]);

/**
 * The generation options an import asks for. Always empty now: everything that shapes the output
 * is written to model-mappings.yaml's `gateway:` section, so a bare `switchyard generate`
 * reproduces the input. Kept for callers of earlier releases.
 */
export type ImportedGenerateOptions = {
  -readonly [K in "prometheus" | "masterKeyEnv" | "cacheNamespace"]?: GenerateOptions[K];
};

/** What the settings sections become. */
export interface ImportedSettings {
  readonly routing?: RoutingSettings;
  /** model-mappings.yaml's `gateway:` section: master key, drop_params, cache. */
  readonly gateway: GatewaySettings;
  /** The Redis service the response cache uses, for ports.yaml. */
  readonly redis?: { readonly host?: string; readonly port: number };
  /** Passthrough sections: every key the other files do not model, as written (secrets referenced). */
  readonly litellmSettings: Record<string, unknown>;
  readonly generalSettings: Record<string, unknown>;
  readonly routerSettings: Record<string, unknown>;
  readonly environmentVariables: Record<string, unknown>;
}

/** The router settings model-mappings.yaml's `routing:` holds: LiteLLM key → Switchyard key. */
const ROUTING_KEYS = {
  routing_strategy: "strategy",
  num_retries: "num_retries",
  timeout: "timeout_seconds",
  allowed_fails: "allowed_fails",
  cooldown_time: "cooldown_seconds",
} as const;

function readRouter(
  section: LocatedSection | undefined,
  carrier: Carrier,
  log: ImportLog,
): { routing: RoutingSettings; passthrough: Record<string, unknown> } {
  const routing: Record<string, unknown> = {};
  const passthrough: Record<string, unknown> = {};
  if (!section || !isPlainRecord(section.value)) return { routing, passthrough };
  const settings = section.value;
  for (const key of Object.keys(settings)) {
    const value = settings[key];
    const at = child(section.where, key);
    if (key === "fallbacks") continue;
    if (key === "routing_strategy" && !(ROUTING_STRATEGIES as readonly unknown[]).includes(value)) {
      const suggestion = typeof value === "string" ? suggestName(value, ROUTING_STRATEGIES) : undefined;
      log.lossy(
        "SY4215",
        `routing_strategy ${shownValue(value)} is not carried: it is not a LiteLLM strategy${didYouMean(suggestion)}`,
        at.place,
        `Set routing.strategy in model-mappings.yaml to one of ${ROUTING_STRATEGIES.join(", ")}.`,
      );
      continue;
    }
    if (Object.hasOwn(ROUTING_KEYS, key)) {
      const name = ROUTING_KEYS[key as keyof typeof ROUTING_KEYS];
      const field = RoutingSettingsSchema.shape[name];
      if (field.safeParse(value).success) {
        routing[name] = value;
        continue;
      }
    }
    setOwn(
      passthrough,
      key,
      carrier.value(value, key, at, key === "redis_password" ? "ROUTER_REDIS_PASSWORD" : undefined),
    );
  }
  return { routing: routing as RoutingSettings, passthrough };
}

interface CacheResult {
  readonly cache: GatewaySettings["cache"];
  readonly redis?: { readonly host?: string; readonly port: number };
}

/**
 * The response cache: modelled (a ports.yaml Redis service and `gateway.cache`) when the generator
 * writes it back exactly — `cache: true`, `type: redis`, a host to connect to and a numeric port —
 * and carried as written otherwise (`gateway.cache: false`).
 */
function readCache(
  settings: Record<string, unknown>,
  where: Where,
  passthrough: Record<string, unknown>,
  carrier: Carrier,
): CacheResult {
  const params = isPlainRecord(settings.cache_params) ? settings.cache_params : undefined;
  const host = params?.host;
  const port = params?.port;
  const namespace = params?.namespace;
  const modelled =
    settings.cache === true &&
    params !== undefined &&
    params.type === "redis" &&
    typeof host === "string" &&
    host !== "" &&
    !WILDCARD_HOSTS.has(host) &&
    !ENV_REFERENCE_PATTERN.test(host) &&
    typeof port === "number" &&
    Number.isInteger(port) &&
    port >= 1 &&
    port <= 65535 &&
    (namespace === undefined || (typeof namespace === "string" && namespace !== ""));
  if (!modelled) {
    for (const key of ["cache", "cache_params"])
      if (Object.hasOwn(settings, key))
        setOwn(passthrough, key, carrier.value(settings[key], key, child(where, key)));
    return { cache: false };
  }
  const rest: Record<string, unknown> = {};
  const paramsAt = child(where, "cache_params");
  for (const key of Object.keys(params)) {
    if (["type", "host", "port", "namespace"].includes(key)) continue;
    setOwn(
      rest,
      key,
      carrier.value(
        params[key],
        key,
        child(paramsAt, key),
        key === "password" ? "REDIS_PASSWORD" : undefined,
      ),
    );
  }
  if (Object.keys(rest).length > 0) setOwn(passthrough, "cache_params", rest);
  return {
    cache: { namespace: typeof namespace === "string" ? namespace : null },
    redis: { ...(host === "127.0.0.1" ? {} : { host }), port },
  };
}

function readLiteLLMSettings(
  section: LocatedSection | undefined,
  carrier: Carrier,
): { passthrough: Record<string, unknown>; dropParams: boolean | null; cache: CacheResult } {
  const passthrough: Record<string, unknown> = {};
  const settings = section && isPlainRecord(section.value) ? section.value : {};
  const drop = settings.drop_params;
  const dropParams = typeof drop === "boolean" ? drop : null;
  if (!section) return { passthrough, dropParams, cache: { cache: false } };
  for (const key of Object.keys(settings)) {
    if (key === "cache" || key === "cache_params") continue;
    if (key === "drop_params" && dropParams !== null) continue;
    setOwn(passthrough, key, carrier.value(settings[key], key, child(section.where, key)));
  }
  const cache = readCache(settings, section.where, passthrough, carrier);
  return { passthrough, dropParams, cache };
}

function readGeneralSettings(
  section: LocatedSection | undefined,
  carrier: Carrier,
): { passthrough: Record<string, unknown>; masterKey: string | null } {
  const passthrough: Record<string, unknown> = {};
  const settings = section && isPlainRecord(section.value) ? section.value : {};
  const key = settings.master_key;
  let masterKey: string | null = null;
  if (typeof key === "string" && ENV_REFERENCE_PATTERN.test(key)) masterKey = key;
  else if (typeof key === "string" && key !== "" && section)
    masterKey = carrier.reference(
      key,
      child(section.where, "master_key"),
      "master_key",
      DEFAULT_MASTER_KEY_ENV,
    );
  if (section)
    for (const name of Object.keys(settings)) {
      if (name === "master_key" && (masterKey !== null || key === undefined)) continue;
      setOwn(passthrough, name, carrier.value(settings[name], name, child(section.where, name)));
    }
  return { passthrough, masterKey };
}

/**
 * Read `router_settings`, `litellm_settings`, `general_settings` and `environment_variables`.
 * What Switchyard models becomes `routing:`, the `gateway:` section (the master key reference,
 * drop_params, the cache) and a ports.yaml Redis service, each only when the generator writes it
 * back exactly; everything else is carried as written in the passthrough sections.
 */
export function readSettings(
  sections: ReadonlyMap<string, LocatedSection>,
  carrier: Carrier,
  log: ImportLog,
): ImportedSettings {
  for (const key of SETTINGS_SECTIONS) {
    const section = sections.get(key);
    if (section && !isPlainRecord(section.value) && section.value !== null)
      log.lossy(
        "SY4215",
        `${key} is not a mapping and is not carried`,
        section.place,
        "LiteLLM expects a mapping here.",
      );
  }
  const router = readRouter(sections.get("router_settings"), carrier, log);
  const litellm = readLiteLLMSettings(sections.get("litellm_settings"), carrier);
  const general = readGeneralSettings(sections.get("general_settings"), carrier);
  const environment = sections.get("environment_variables");
  const gateway: GatewaySettings = {
    master_key: general.masterKey,
    drop_params: litellm.dropParams,
    cache: litellm.cache.cache,
  };
  return {
    ...(Object.keys(router.routing).length > 0 ? { routing: router.routing } : {}),
    gateway,
    ...(litellm.cache.redis ? { redis: litellm.cache.redis } : {}),
    litellmSettings: litellm.passthrough,
    generalSettings: general.passthrough,
    routerSettings: router.passthrough,
    environmentVariables:
      environment && isPlainRecord(environment.value)
        ? carrier.environment(environment.value, environment.where)
        : {},
  };
}
