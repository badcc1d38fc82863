import { entriesOf, field, listOf } from "@switchyard/config-schema/data";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** Services that speak no HTTP (so cannot have a health URL), by id, process name or port. */
const NON_HTTP_NAME =
  /^(?:redis|redis-server|valkey|valkey-server|keydb|keydb-server|postgres|postgresql|mysql|mysqld|mariadb|mariadbd|memcached)$/i;
const NON_HTTP_PORTS: ReadonlySet<number> = new Set([6379, 5432, 3306, 11211]);

function speaksHttp(id: string, service: unknown): boolean {
  if (NON_HTTP_NAME.test(id)) return false;
  if (
    listOf(field(service, "expected_processes")).some((p) => typeof p === "string" && NON_HTTP_NAME.test(p))
  )
    return false;
  const port = field(service, "port");
  return !(typeof port === "number" && NON_HTTP_PORTS.has(port));
}

/** SY5405: a required service has no health URL. */
export const serviceWithoutHealthUrl = defineCheck({
  id: "SY5405",
  name: "service-without-health-url",
  category: "completeness",
  severity: "medium",
  title: "A required service has no health URL.",
  cause:
    "The service is marked `required: true` in ports.yaml but has no `health_url`, so health checks and the reload gate can only see that its port is open, not that it answers. Services that speak no HTTP (Redis, Valkey, KeyDB, PostgreSQL, MySQL, MariaDB, memcached — recognised by id, expected process or default port) are exempt.",
  fix: "Add the service's health endpoint: LiteLLM `http://127.0.0.1:4000/health/liveliness`, Ollama `http://127.0.0.1:11434/api/version`, vLLM and llama.cpp `…/health`.",
  example:
    "services:\n  ollama:\n    port: 11434\n    required: true\n    health_url: http://127.0.0.1:11434/api/version",
  run(context) {
    const file = parsedFile(context, "ports");
    if (!file) return notApplicable("no ports.yaml");
    const required = entriesOf(dataOf(file).services).filter(
      ([id, s]) => field(s, "required") === true && speaksHttp(id, s),
    );
    if (required.length === 0) return notApplicable("no required service speaks HTTP");
    const findings: FindingDraft[] = required
      .filter(([, s]) => typeof field(s, "health_url") !== "string")
      .map(([id]) => ({
        file,
        path: ["services", id],
        message: `Required service '${id}' has no health_url`,
      }));
    return ran(findings);
  },
});
