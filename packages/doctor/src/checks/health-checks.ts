import type { HealthResult, HealthStatus } from "@switchyard/health";
import { defineDoctorCheck, type NamedOutcome } from "../context.js";
import type { CheckStatus } from "../types.js";

/** How a probe's status counts before a deploy. */
const VERDICT: Record<HealthStatus, CheckStatus> = {
  healthy: "pass",
  loading: "warn",
  busy: "warn",
  degraded: "fail",
  unauthorized: "fail",
  down: "fail",
  skipped: "skip",
};

/**
 * What a probe checked, as its outcome's id: the gateway, a Redis, a provider endpoint, or a ports.yaml
 * service that hosts no provider and is probed only by its own `health_url` (`service:<id>`, never
 * `provider:<id>`: it is not one).
 */
function outcomeId(result: HealthResult): string {
  if (result.kind === "litellm") return "gateway";
  if (result.kind === "redis") return `redis:${result.id}`;
  if (result.kind === "http") return `service:${result.id}`;
  return `provider:${result.id}`;
}

/** The title of a probe of a provider endpoint or of a service's own health_url. */
function probedTitle(result: HealthResult): string {
  return result.kind === "http" ? `service ${result.id}` : `provider ${result.id}`;
}

function outcome(result: HealthResult, title: string, fallbackFix: string): NamedOutcome {
  const status = VERDICT[result.status];
  const noted = status === "pass" && result.unchecked !== undefined;
  return {
    id: outcomeId(result),
    title,
    status: noted ? "warn" : status,
    reason: `${result.reason}${result.version && !result.reason.includes(result.version) ? ` (${result.version})` : ""}`,
    ...(status !== "pass" || noted ? { fix: result.hint ?? fallbackFix } : {}),
    durationMs: result.totalMs,
    data: result,
  };
}

export const providers = defineDoctorCheck({
  id: "providers",
  title: "provider and service health",
  critical: true,
  async run(context) {
    const { results, plan } = await context.health();
    const probed = results.filter((r) => r.kind !== "litellm" && r.kind !== "redis");
    if (probed.length === 0)
      return [
        {
          id: "providers",
          title: "provider and service health",
          status: "skip",
          reason:
            plan.skipped.length > 0
              ? "no self-hosted provider and no service health_url to probe"
              : "no providers.yaml",
        },
      ];
    return probed.map((r) => outcome(r, probedTitle(r), `switchyard health${context.dirFlag}`));
  },
});

export const gateway = defineDoctorCheck({
  id: "gateway",
  title: "gateway health",
  critical: true,
  async run(context) {
    const { results, plan } = await context.health();
    const result = results.find((r) => r.kind === "litellm");
    if (!result)
      return {
        status: "skip",
        reason: plan.skipped.find((s) => s.id === "gateway")?.reason ?? "no gateway to probe",
      };
    const named = outcome(result, "gateway health", "switchyard reload");
    const noKey = result.notes?.some((n) => n.includes("not compared"));
    return {
      ...named,
      ...(noKey
        ? { fix: "Export the master key (LITELLM_MASTER_KEY) so the served models can be compared." }
        : {}),
    };
  },
});

export const redis = defineDoctorCheck({
  id: "redis",
  title: "Redis reachable",
  critical: true,
  async run(context) {
    const { results } = await context.health();
    const found = results.filter((r) => r.kind === "redis");
    if (found.length === 0) return { status: "skip", reason: "no Redis in ports.yaml or the cache settings" };
    return found.map((r) => ({
      ...outcome(r, `Redis ${r.target}`, "systemctl start redis-server"),
      id: found.length === 1 ? "redis" : `redis:${r.id}`,
    }));
  },
});
