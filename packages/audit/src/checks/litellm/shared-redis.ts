import { field, stringField } from "@switchyard/config-schema/data";
import { ENV_REFERENCE_PATTERN } from "@switchyard/config-schema/schemas";
import { isLoopbackHost, parseUrl } from "../../internal/net.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

interface RedisEndpoint {
  readonly host: string;
  readonly port: string;
  readonly db: string;
}

function normalizeHost(host: string): string {
  return isLoopbackHost(host) ? "loopback" : host.toLowerCase();
}

function endpoint(
  host: string | undefined,
  port: unknown,
  db: unknown,
  url: string | undefined,
): RedisEndpoint | undefined {
  const parsed = url !== undefined ? parseUrl(url) : undefined;
  if (parsed) {
    const path = /^[a-z]+:\/\/[^/]*\/(\d+)/i.exec(url ?? "")?.[1];
    return { host: normalizeHost(parsed.host), port: String(parsed.port ?? 6379), db: path ?? "0" };
  }
  if (host === undefined || ENV_REFERENCE_PATTERN.test(host)) return undefined;
  const portText = typeof port === "number" || typeof port === "string" ? String(port) : "6379";
  if (ENV_REFERENCE_PATTERN.test(portText)) return undefined;
  return {
    host: normalizeHost(host),
    port: portText,
    db: typeof db === "number" || typeof db === "string" ? String(db) : "0",
  };
}

/** SY5502: the response cache and the router's shared state use the same Redis. */
export const sharedRedis = defineCheck({
  id: "SY5502",
  name: "shared-redis",
  category: "litellm",
  severity: "medium",
  title: "The response cache and the router share one Redis.",
  cause:
    "`litellm_settings.cache_params` and `router_settings.redis_host` point at the same Redis host, port and database. The cache namespace does not cover every key the proxy writes, so cache flushes, evictions (`maxmemory`) and TTLs hit the router's cooldown and usage state, and heavy caching slows routing.",
  fix: "Give the router its own Redis, or at least its own database number (`/1` in a `redis_url`, `db: 1` in `cache_params`), and a namespace per environment.",
  example:
    "litellm_settings:\n  cache_params: {type: redis, host: 127.0.0.1, port: 6379}\nrouter_settings:\n  redis_host: 127.0.0.1\n  redis_port: 6379",
  run(context) {
    const file = parsedFile(context, "litellm");
    if (!file) return notApplicable("no litellm-unified.yaml");
    const data = dataOf(file);
    const cache = field(data.litellm_settings, "cache_params");
    const cacheType = stringField(cache, "type");
    const router = data.router_settings;
    const cacheEnd =
      cache !== undefined && (cacheType === undefined || cacheType.startsWith("redis"))
        ? endpoint(
            stringField(cache, "host"),
            field(cache, "port"),
            field(cache, "db"),
            stringField(cache, "url") ?? stringField(cache, "redis_url"),
          )
        : undefined;
    const routerEnd = endpoint(
      stringField(router, "redis_host"),
      field(router, "redis_port"),
      undefined,
      stringField(router, "redis_url"),
    );
    if (!cacheEnd || !routerEnd)
      return notApplicable("the cache and the router do not both use a Redis with a literal address");
    if (cacheEnd.host !== routerEnd.host || cacheEnd.port !== routerEnd.port || cacheEnd.db !== routerEnd.db)
      return ran([]);
    const where = `${stringField(router, "redis_host") ?? "redis_url"}:${routerEnd.port}`;
    return ran([
      {
        file,
        path:
          field(router, "redis_host") !== undefined
            ? ["router_settings", "redis_host"]
            : ["router_settings", "redis_url"],
        message: `The response cache and the router share the Redis at ${where} (database ${routerEnd.db})`,
      },
    ]);
  },
});
