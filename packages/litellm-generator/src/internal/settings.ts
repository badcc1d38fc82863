import { isWildcardHost } from "@switchyard/config-schema/hosts";
import type {
  GatewaySettings,
  ModelMappingsFile,
  PortsFile,
  RoutingStrategy,
  Service,
} from "@switchyard/config-schema/schemas";
import { DEFAULT_CACHE_NAMESPACE, DEFAULT_MASTER_KEY_ENV } from "../conventions.js";
import type { GenerateOptions } from "../types.js";
import type { Findings } from "./notes.js";
import { byCodeUnits } from "./order.js";

const LITELLM_DEFAULT_STRATEGY: RoutingStrategy = "simple-shuffle";

/** `router_settings` from model-mappings.yaml's `routing:` plus the fallbacks; keys in emission order. */
export function buildRouterSettings(
  mappings: ModelMappingsFile,
  fallbacks: Record<string, string[]>[],
  weightedGroups: readonly string[],
  findings: Findings,
): Record<string, unknown> {
  const routing = mappings.routing ?? {};
  const effective = routing.strategy ?? LITELLM_DEFAULT_STRATEGY;
  const groups = mappings.load_balancing ?? {};
  for (const name of Object.keys(groups).sort(byCodeUnits)) {
    const strategy = groups[name]!.strategy;
    if (strategy === undefined || strategy === effective) continue;
    findings.add(
      "SY4040",
      "warning",
      `Group '${name}' asks for '${strategy}', but LiteLLM applies one strategy to every group: '${effective}' is used`,
      { kind: "model-mappings", path: ["load_balancing", name, "strategy"] },
      { hint: `Remove the group's strategy, or set routing.strategy: ${strategy} for every group.` },
    );
  }
  if (effective !== "simple-shuffle") {
    for (const name of weightedGroups) {
      findings.add(
        "SY4043",
        "warning",
        `Weights of group '${name}' are ignored: LiteLLM uses weights only with simple-shuffle, not '${effective}'`,
        { kind: "model-mappings", path: ["load_balancing", name, "deployments"] },
        { hint: "Use routing.strategy: simple-shuffle, or remove the weights." },
      );
    }
  }
  return {
    ...(routing.strategy !== undefined ? { routing_strategy: routing.strategy } : {}),
    ...(routing.num_retries !== undefined ? { num_retries: routing.num_retries } : {}),
    ...(routing.timeout_seconds !== undefined ? { timeout: routing.timeout_seconds } : {}),
    ...(routing.allowed_fails !== undefined ? { allowed_fails: routing.allowed_fails } : {}),
    ...(routing.cooldown_seconds !== undefined ? { cooldown_time: routing.cooldown_seconds } : {}),
    ...(fallbacks.length > 0 ? { fallbacks } : {}),
  };
}

/**
 * The gateway settings a generation uses: model-mappings.yaml's `gateway:` section, with the
 * generation options (command-line flags) on top, and the list of options that override it.
 */
export interface EffectiveGateway {
  readonly masterKey: string | null;
  readonly dropParams: boolean | null;
  readonly prometheus: boolean;
  /** `false`: no cache; otherwise the service (undefined: found by convention) and namespace (null: none). */
  readonly cache: false | { readonly service: string | undefined; readonly namespace: string | null };
  /** One sentence per option that differs from the `gateway:` section, e.g. `--prometheus (gateway.prometheus: false)`. */
  readonly overrides: readonly string[];
}

/** Merge the `gateway:` section with the options; options win, and each one that changes something is listed. */
export function effectiveGateway(
  gateway: GatewaySettings | undefined,
  options: GenerateOptions,
): EffectiveGateway {
  const overrides: string[] = [];
  const configuredKey =
    gateway?.master_key === undefined ? `os.environ/${DEFAULT_MASTER_KEY_ENV}` : gateway.master_key;
  let masterKey = configuredKey;
  if (options.masterKeyEnv !== undefined) {
    masterKey = `os.environ/${options.masterKeyEnv}`;
    if (masterKey !== configuredKey)
      overrides.push(
        `--master-key-env ${options.masterKeyEnv} (gateway.master_key: ${configuredKey ?? "null"})`,
      );
  }
  const configuredPrometheus = gateway?.prometheus ?? false;
  let prometheus = configuredPrometheus;
  if (options.prometheus !== undefined) {
    prometheus = options.prometheus;
    if (prometheus !== configuredPrometheus)
      overrides.push(`--prometheus ${prometheus} (gateway.prometheus: ${configuredPrometheus})`);
  }
  const configured = gateway?.cache;
  let cache: EffectiveGateway["cache"] =
    configured === false
      ? false
      : {
          service: configured?.service,
          namespace: configured?.namespace === undefined ? DEFAULT_CACHE_NAMESPACE : configured.namespace,
        };
  if (options.redisService !== undefined || options.cacheNamespace !== undefined) {
    const before = cache;
    cache = {
      service: options.redisService ?? (before === false ? undefined : before.service),
      namespace: options.cacheNamespace ?? (before === false ? DEFAULT_CACHE_NAMESPACE : before.namespace),
    };
    if (before === false) overrides.push("--redis-service/--cache-namespace (gateway.cache: false)");
    else {
      if (options.redisService !== undefined && options.redisService !== before.service)
        overrides.push(
          `--redis-service ${options.redisService} (gateway.cache.service: ${before.service ?? "default"})`,
        );
      if (options.cacheNamespace !== undefined && options.cacheNamespace !== before.namespace)
        overrides.push(
          `--cache-namespace ${options.cacheNamespace} (gateway.cache.namespace: ${before.namespace ?? "null"})`,
        );
    }
  }
  return {
    masterKey,
    dropParams: gateway?.drop_params === undefined ? true : gateway.drop_params,
    prometheus,
    cache,
    overrides,
  };
}

/**
 * The Redis service the cache uses: `options.redisService` when given, else the service `redis`,
 * else the first service by id whose `expected_processes` includes `redis-server`.
 */
function findRedis(ports: PortsFile | undefined, wanted: string | undefined): [string, Service] | undefined {
  const services = ports?.services ?? {};
  if (wanted !== undefined) return Object.hasOwn(services, wanted) ? [wanted, services[wanted]!] : undefined;
  if (Object.hasOwn(services, "redis")) return ["redis", services.redis!];
  const id = Object.keys(services)
    .sort(byCodeUnits)
    .find((key) => services[key]!.expected_processes?.includes("redis-server"));
  return id === undefined ? undefined : [id, services[id]!];
}

/** `litellm_settings`: drop_params, the Prometheus callback when asked for, and the Redis cache. */
export function buildLiteLLMSettings(
  ports: PortsFile | undefined,
  gateway: EffectiveGateway,
  findings: Findings,
): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (gateway.dropParams !== null) settings.drop_params = gateway.dropParams;
  if (gateway.prometheus) settings.callbacks = ["prometheus"];
  if (gateway.cache === false) return settings;
  const wanted = gateway.cache.service;
  const redis = findRedis(ports, wanted);
  if (!redis) {
    const message =
      wanted !== undefined
        ? `Service '${wanted}' is not declared in ports.yaml, so the response cache is off`
        : ports === undefined
          ? "No ports.yaml, so no Redis service is known and the response cache is off"
          : "No Redis service in ports.yaml, so the response cache is off";
    findings.add(
      "SY4030",
      "info",
      message,
      { kind: "ports", path: ["services"], part: "key" },
      {
        hint: "Declare `redis: {port: 6379, expected_processes: [redis-server]}` under services to enable it.",
      },
    );
    return settings;
  }
  const [id, service] = redis;
  let host = service.host ?? "127.0.0.1";
  if (isWildcardHost(host)) {
    findings.add(
      "SY4031",
      "info",
      `Redis service '${id}' binds ${host}; the cache connects to 127.0.0.1`,
      { kind: "ports", path: ["services", id, "host"] },
      { hint: "Set the service's host to the address LiteLLM should connect to if it runs elsewhere." },
    );
    host = "127.0.0.1";
  }
  settings.cache = true;
  settings.cache_params = {
    type: "redis",
    host,
    port: service.port,
    ...(gateway.cache.namespace !== null ? { namespace: gateway.cache.namespace } : {}),
  };
  return settings;
}

/** `general_settings`: the master key, only ever as an environment reference. */
export function buildGeneralSettings(gateway: EffectiveGateway): Record<string, unknown> {
  return gateway.masterKey === null ? {} : { master_key: gateway.masterKey };
}
