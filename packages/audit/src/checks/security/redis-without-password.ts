import { field, stringField } from "@switchyard/config-schema/data";
import { ENV_REFERENCE_PATTERN } from "@switchyard/config-schema/schemas";
import { isLoopbackHost, parseUrl } from "../../internal/net.js";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

function hasValue(value: unknown): boolean {
  return (typeof value === "string" && value.trim() !== "") || typeof value === "number";
}

/** A Redis host we can judge: a literal, non-loopback name (environment references are unknown). */
function remoteHost(host: string | undefined): host is string {
  return (
    host !== undefined && host.trim() !== "" && !ENV_REFERENCE_PATTERN.test(host) && !isLoopbackHost(host)
  );
}

/** SY5107: a Redis off this machine is used without a password. */
export const redisWithoutPassword = defineCheck({
  id: "SY5107",
  name: "redis-without-password",
  category: "security",
  severity: "high",
  title: "Redis on another host is used without a password.",
  cause:
    "The response cache (`litellm_settings.cache_params`) or the router's shared state (`router_settings.redis_host`) lives on a Redis that is not on loopback, and the file gives no password. An open Redis leaks cached prompts and completions and can be written to by anyone who reaches it. (LiteLLM falls back to the `REDIS_PASSWORD` environment variable; the file does not show that it is set.)",
  fix: "Require a password on that Redis (`requirepass`, or an ACL user) and add `password: os.environ/REDIS_PASSWORD` to `cache_params` (or `redis_password:` to `router_settings`).",
  example:
    "litellm_settings:\n  cache: true\n  cache_params: {type: redis, host: redis.internal, port: 6379}   # no password",
  run(context) {
    const file = parsedFile(context, "litellm");
    if (!file) return notApplicable("no litellm-unified.yaml");
    const data = dataOf(file);
    const cache = field(data.litellm_settings, "cache_params");
    const cacheType = stringField(cache, "type");
    const cacheIsRedis = cache !== undefined && (cacheType === undefined || cacheType.startsWith("redis"));
    const router = data.router_settings;
    const routerHost = stringField(router, "redis_host");
    const routerUrl = stringField(router, "redis_url");
    if (!cacheIsRedis && routerHost === undefined && routerUrl === undefined)
      return notApplicable("no Redis configured");
    const findings: FindingDraft[] = [];
    if (cacheIsRedis) {
      const host = stringField(cache, "host");
      const url = parseUrl(stringField(cache, "url") ?? stringField(cache, "redis_url") ?? "");
      if (remoteHost(host) && !hasValue(field(cache, "password")) && url === undefined) {
        findings.push({
          file,
          path: ["litellm_settings", "cache_params", "host"],
          message: `The cache Redis at ${host} has no password in cache_params`,
        });
      } else if (url && remoteHost(url.host) && url.password === "" && !hasValue(field(cache, "password"))) {
        findings.push({
          file,
          path: ["litellm_settings", "cache_params"],
          message: `The cache Redis at ${url.host} has no password in cache_params`,
        });
      }
    }
    if (remoteHost(routerHost) && !hasValue(field(router, "redis_password"))) {
      findings.push({
        file,
        path: ["router_settings", "redis_host"],
        message: `The router's Redis at ${routerHost} has no redis_password`,
        remediation:
          "Require a password on that Redis and add `redis_password: os.environ/REDIS_PASSWORD` to `router_settings`.",
      });
    }
    const parsedRouterUrl = parseUrl(routerUrl ?? "");
    if (
      parsedRouterUrl &&
      remoteHost(parsedRouterUrl.host) &&
      parsedRouterUrl.password === "" &&
      !hasValue(field(router, "redis_password"))
    ) {
      findings.push({
        file,
        path: ["router_settings", "redis_url"],
        message: `The router's Redis at ${parsedRouterUrl.host} has no password`,
      });
    }
    return ran(findings);
  },
});
