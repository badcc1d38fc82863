import { connectHost } from "@switchyard/config-schema/hosts";
import {
  type PortsFile,
  type ProvidersFile,
  type ProviderType,
  SELF_HOSTED_PROVIDER_TYPES,
} from "@switchyard/config-schema/schemas";
import { isGatewayService, isRedisService } from "@switchyard/config-schema/services";
import type { ExpectedModels } from "./models.js";
import type { EnvSecret, HttpTarget, ProbeKind, ProbeTarget, RedisTarget } from "./probes/types.js";

/** The gateway URL used when ports.yaml names no gateway service's address (never `localhost`). */
export const DEFAULT_GATEWAY_URL = "http://127.0.0.1:4000";

const KIND_OF: Partial<Record<ProviderType, Exclude<ProbeKind, "redis">>> = {
  ollama: "ollama",
  vllm: "vllm",
  llamacpp: "llamacpp",
  llamacpp_python: "llamacpp-python",
  openai_compatible: "openai-compatible",
};

/** What to probe the stack with, beyond providers.yaml and ports.yaml. */
export interface PlanInput {
  readonly providers?: ProvidersFile | undefined;
  readonly ports?: PortsFile | undefined;
  /** The gateway's master key and the model names it must serve (the generated `model_name`s). */
  readonly gateway?: {
    readonly url?: string;
    readonly masterKey?: EnvSecret;
    readonly expectedModels?: ExpectedModels;
  };
  /** The Redis servers LiteLLM connects to (the generated `cache_params`), with their passwords. */
  readonly redis?: readonly {
    readonly host: string;
    readonly port: number;
    readonly password?: EnvSecret;
    readonly username?: string;
  }[];
  /** Where `os.environ/NAME` references are resolved (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The probes a stack needs, and what was left out and why. */
export interface HealthPlan {
  readonly targets: readonly ProbeTarget[];
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

/** `os.environ/NAME` (or a literal) as an {@link EnvSecret}; none for an absent or `null` value (no key). */
export function envSecret(
  reference: string | null | undefined,
  env: Readonly<Record<string, string | undefined>>,
  literalName: string,
): EnvSecret | undefined {
  if (reference === undefined || reference === null) return undefined;
  const match = /^os\.environ\/(.+)$/.exec(reference);
  if (!match) return { env: literalName, value: reference };
  const value = env[match[1]!];
  return value === undefined || value === "" ? { env: match[1]! } : { env: match[1]!, value };
}

function secretField(apiKey: EnvSecret | undefined): { apiKey?: EnvSecret } {
  return apiKey ? { apiKey } : {};
}

function normalizeBase(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * The probes of a stack: one per self-hosted endpoint of providers.yaml (providers that share a
 * base URL share a probe, expecting every model the active ones list), the gateway service of
 * ports.yaml (with the master key and the generated model names), each Redis (the generated
 * cache's, and ports.yaml's Redis services), and every other service's `health_url`. Disabled and
 * cloud providers are not probed; the plan says so.
 */
export function planHealthProbes(input: PlanInput): HealthPlan {
  const env = input.env ?? process.env;
  const targets: ProbeTarget[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const services = Object.entries(input.ports?.services ?? {});
  const hostedBy = new Map<string, string[]>();
  for (const [id, service] of services)
    for (const provider of service.providers ?? []) {
      const list = hostedBy.get(provider);
      if (list) list.push(id);
      else hostedBy.set(provider, [id]);
    }

  const endpoints = new Map<
    string,
    HttpTarget & { providers: string[]; services: string[]; names: Set<string> }
  >();
  for (const [id, provider] of Object.entries(input.providers?.providers ?? {})) {
    if (provider.status === "disabled") {
      skipped.push({ id, reason: "disabled: gets no traffic, so it is not probed" });
      continue;
    }
    const kind = KIND_OF[provider.type];
    if (kind === undefined || !SELF_HOSTED_PROVIDER_TYPES.includes(provider.type)) {
      skipped.push({ id, reason: `a cloud provider (${provider.type}): not probed` });
      continue;
    }
    // The schema requires a base_url of every self-hosted type; a value that skipped it has no endpoint.
    if (provider.base_url === undefined) {
      skipped.push({ id, reason: "no base_url: nothing to probe" });
      continue;
    }
    const key = `${kind} ${normalizeBase(provider.base_url)}`;
    const endpoint = endpoints.get(key) ?? {
      kind,
      id,
      url: normalizeBase(provider.base_url),
      providers: [],
      services: [],
      names: new Set(),
      ...secretField(envSecret(provider.api_key, env, `the api_key of '${id}'`)),
    };
    endpoints.set(key, endpoint);
    endpoint.providers.push(id);
    for (const service of hostedBy.get(id) ?? [])
      if (!endpoint.services.includes(service)) endpoint.services.push(service);
    for (const model of provider.models) endpoint.names.add(model.name);
  }
  const covered = new Set<string>();
  for (const { names, ...endpoint } of endpoints.values()) {
    targets.push({ ...endpoint, id: endpoint.providers.join("+"), expectedModels: { names } });
    for (const service of endpoint.services) covered.add(service);
  }

  const gateway = services.find(([id, service]) => isGatewayService(id, service));
  if (gateway || input.gateway?.url !== undefined) {
    const [id, service] = gateway ?? ["gateway", undefined];
    const url =
      input.gateway?.url ??
      (service ? `http://${connectHost(service.host ?? "127.0.0.1")}:${service.port}` : DEFAULT_GATEWAY_URL);
    targets.push({
      kind: "litellm",
      id,
      url,
      services: gateway ? [id] : [],
      ...(input.gateway?.masterKey ? { apiKey: input.gateway.masterKey } : {}),
      ...(input.gateway?.expectedModels ? { expectedModels: input.gateway.expectedModels } : {}),
    });
    covered.add(id);
  } else {
    skipped.push({
      id: "gateway",
      reason: "ports.yaml has no gateway service (an id or expected process naming litellm)",
    });
  }

  type MutableRedis = RedisTarget & { id: string; services: string[] };
  const redisTargets: MutableRedis[] = (input.redis ?? []).map((r) => ({
    kind: "redis" as const,
    id: "redis",
    host: r.host,
    port: r.port,
    services: [],
    ...(r.password ? { password: r.password } : {}),
    ...(r.username ? { username: r.username } : {}),
  }));
  for (const [id, service] of services) {
    if (covered.has(id) || !isRedisService(id, service)) continue;
    const host = connectHost(service.host ?? "127.0.0.1");
    const same = redisTargets.find((t) => t.port === service.port && connectHost(t.host) === host);
    if (same) {
      same.services.push(id);
      if (same.services.length === 1) same.id = id;
    } else {
      redisTargets.push({ kind: "redis", id, host, port: service.port, services: [id] });
    }
    covered.add(id);
  }
  for (const target of redisTargets) targets.push(target);

  for (const [id, service] of services) {
    if (covered.has(id)) continue;
    if (service.health_url === undefined) {
      skipped.push({ id, reason: "no health_url, and it hosts no provider" });
      continue;
    }
    targets.push({ kind: "http", id, url: service.health_url, services: [id] });
  }
  return { targets, skipped };
}
