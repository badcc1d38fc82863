/**
 * The roles a service of ports.yaml plays, decided in one place: which one is the LiteLLM gateway
 * (the audit's open-gateway check, the health probes) and which ones are Redis.
 */

const GATEWAY_ID = /litellm|gateway|proxy/i;

function expectedProcesses(service: unknown): string[] {
  const list = (service as { expected_processes?: unknown } | null | undefined)?.expected_processes;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string") : [];
}

/**
 * Whether a service is the gateway: its id contains `litellm`, `gateway` or `proxy`, or it expects
 * a `litellm` process. Reads raw data too (`service` may be anything).
 */
export function isGatewayService(id: string, service: unknown): boolean {
  return GATEWAY_ID.test(id) || expectedProcesses(service).some((p) => /litellm/i.test(p));
}

/** Whether a service is a Redis: its id is `redis`, or it expects a `redis-server` process. */
export function isRedisService(id: string, service: unknown): boolean {
  return id === "redis" || expectedProcesses(service).some((p) => p === "redis-server");
}
