import type { ProviderType, Service } from "@switchyard/config-schema/schemas";
import type { ImportedProvider } from "./providers.js";

/** Health URL path and process name of each local server type. */
const LOCAL_SERVERS: Partial<Record<ProviderType, { readonly health?: string; readonly process?: string }>> =
  {
    ollama: { health: "/api/version", process: "ollama" },
    vllm: { health: "/health", process: "vllm" },
    llamacpp: { health: "/health", process: "llama-server" },
    // llama-cpp-python has no /health; listing models is its cheapest probe.
    llamacpp_python: { health: "/v1/models", process: "llama_cpp.server" },
    openai_compatible: {},
  };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly protocol: string;
}

function endpointOf(baseUrl: string | undefined): Endpoint | undefined {
  if (baseUrl === undefined) return undefined;
  try {
    const url = new URL(baseUrl);
    if (url.port === "") return undefined;
    return { host: url.hostname, port: Number(url.port), protocol: url.protocol };
  } catch {
    return undefined;
  }
}

/**
 * ports.yaml services for the imported local servers (one per host and port, listing the
 * providers it hosts, with the server type's known health URL and process name) and the Redis
 * cache. Probes use 127.0.0.1 for loopback hosts, never `localhost`.
 */
export function buildServices(
  providers: readonly ImportedProvider[],
  redis: { readonly host?: string; readonly port: number } | undefined,
): Record<string, Service> {
  const services: Record<string, Service & { providers?: string[] }> = {};
  const byEndpoint = new Map<string, string>();
  for (const { id, provider } of providers) {
    const server = LOCAL_SERVERS[provider.type];
    const endpoint = endpointOf(provider.base_url);
    if (server === undefined || endpoint === undefined) continue;
    const key = `${endpoint.host}:${endpoint.port}`;
    const existing = byEndpoint.get(key);
    if (existing !== undefined) {
      services[existing]!.providers!.push(id);
      continue;
    }
    byEndpoint.set(key, id);
    const loopback = LOOPBACK.has(endpoint.host);
    const probeHost = loopback ? "127.0.0.1" : endpoint.host;
    services[id] = {
      port: endpoint.port,
      ...(loopback ? {} : { host: endpoint.host }),
      ...(server.health !== undefined
        ? { health_url: `${endpoint.protocol}//${probeHost}:${endpoint.port}${server.health}` }
        : {}),
      ...(server.process !== undefined ? { expected_processes: [server.process] } : {}),
      providers: [id],
    };
  }
  if (redis) {
    const id = Object.hasOwn(services, "redis") ? "redis-cache" : "redis";
    services[id] = {
      port: redis.port,
      ...(redis.host !== undefined ? { host: redis.host } : {}),
      expected_processes: ["redis-server"],
    };
  }
  return services;
}
