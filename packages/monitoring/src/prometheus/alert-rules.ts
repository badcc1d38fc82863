import { JOBS, LITELLM_METRICS as M, SWITCHYARD_METRICS } from "../metrics.js";
import { quantile, sumRate } from "../promql.js";
import { type AlertThresholds, resolveThresholds } from "../thresholds.js";
import { generatedHeader, toYaml } from "./yaml.js";

/** One generated alerting rule. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold before the alert fires (Prometheus duration). */
  readonly for: string;
  readonly labels: { readonly severity: "critical" | "warning" };
  readonly annotations: { readonly summary: string; readonly description: string };
}

function ratio(numerator: string, denominator: string): string {
  return `(${numerator}) / (${denominator})`;
}

/**
 * The alerting rules, in a stable order: the gateway, a vLLM provider or Switchyard's server down
 * (its scrape fails), a LiteLLM deployment in outage, the gateway's error rate and p95 latency above
 * their thresholds, a cache hit rate collapse, and the config audit score below the gate. Rates need traffic: no requests, no alert.
 */
export function alertRules(thresholds: Partial<AlertThresholds> = {}): AlertRule[] {
  const t = resolveThresholds(thresholds);
  const hitRate = (offset: string | undefined) => {
    const o = offset === undefined ? {} : { offset };
    return ratio(
      sumRate(M.cacheHits, { window: "15m", ...o }),
      sumRate(M.totalRequests, { window: "15m", ...o }),
    );
  };
  const percent = (share: number) => `${Number((share * 100).toFixed(4))}%`;
  return [
    {
      alert: "GatewayDown",
      expr: `up{job="${JOBS.gateway}"} == 0`,
      for: "1m",
      labels: { severity: "critical" },
      annotations: {
        summary: "The LiteLLM gateway {{ $labels.service }} is down",
        description: "Prometheus cannot scrape {{ $labels.instance }}: clients get no answers.",
      },
    },
    {
      alert: "ProviderDown",
      expr: `up{job="${JOBS.vllm}"} == 0`,
      for: "2m",
      labels: { severity: "critical" },
      annotations: {
        summary: "Provider {{ $labels.provider }} is down",
        description:
          "Prometheus cannot scrape vLLM at {{ $labels.instance }}: the gateway routes around it or fails.",
      },
    },
    {
      alert: "SwitchyardServerDown",
      expr: `up{job="${JOBS.server}"} == 0`,
      for: "2m",
      labels: { severity: "warning" },
      annotations: {
        summary: "Switchyard's server {{ $labels.service }} is down",
        description:
          "Prometheus cannot scrape {{ $labels.instance }}: flag evaluations and config reports are unavailable.",
      },
    },
    {
      alert: "DeploymentOutage",
      expr: `max by (litellm_model_name, api_provider, api_base) (${M.deploymentState.current}) == 2`,
      for: "1m",
      labels: { severity: "warning" },
      annotations: {
        summary:
          "LiteLLM deployment {{ $labels.litellm_model_name }} ({{ $labels.api_provider }}) is in outage",
        description: "LiteLLM marks the deployment at {{ $labels.api_base }} as in outage (state 2).",
      },
    },
    {
      alert: "GatewayErrorRateHigh",
      expr: `${ratio(sumRate(M.failedRequests), sumRate(M.totalRequests))} > ${t.errorRate}`,
      for: "5m",
      labels: { severity: "critical" },
      annotations: {
        summary: `The gateway's error rate is above ${percent(t.errorRate)}`,
        description:
          "{{ $value | humanizePercentage }} of the gateway's requests failed over the last 5 minutes.",
      },
    },
    {
      alert: "GatewayLatencyP95High",
      expr: `${quantile(0.95, M.requestLatency.current)} > ${t.latencyP95Seconds}`,
      for: "10m",
      labels: { severity: "warning" },
      annotations: {
        summary: `The gateway's p95 latency is above ${t.latencyP95Seconds}s`,
        description: "95% of requests took up to {{ $value | humanizeDuration }} over the last 5 minutes.",
      },
    },
    {
      alert: "CacheHitRateCollapse",
      expr: `(${hitRate(undefined)}) < ${t.cacheCollapseFactor} * (${hitRate("1h")}) and (${hitRate("1h")}) >= ${t.cacheBaselineHitRate}`,
      for: "15m",
      labels: { severity: "warning" },
      annotations: {
        summary: `The cache hit rate fell below ${percent(t.cacheCollapseFactor)} of what it was an hour ago`,
        description:
          "The cache now answers {{ $value | humanizePercentage }} of requests: check Redis and the cache settings.",
      },
    },
    {
      alert: "ConfigAuditScoreLow",
      expr: `min by (service, instance) (${SWITCHYARD_METRICS.auditScore}) < ${t.auditMinScore}`,
      for: "15m",
      labels: { severity: "warning" },
      annotations: {
        summary: `The config audit score is below ${t.auditMinScore}`,
        description:
          "Switchyard's server at {{ $labels.instance }} audits its config directory at {{ $value }}: run `switchyard audit` there.",
      },
    },
  ];
}

/** The rules as a Prometheus rule file (one group, `switchyard`). The same thresholds give the same text. */
export function prometheusAlertRules(thresholds: Partial<AlertThresholds> = {}): string {
  return `${generatedHeader(ALERT_RULES_WHAT)}${alertRulesBody(thresholds)}`;
}

/** What to change instead of editing the rule file (its header says so). */
export const ALERT_RULES_WHAT =
  "change the thresholds in ports.yaml's monitoring: section and generate again.";

/** The rule file without its header comment. */
export function alertRulesBody(thresholds: Partial<AlertThresholds> = {}): string {
  const rules = alertRules(thresholds).map((r) => ({
    alert: r.alert,
    expr: r.expr,
    for: r.for,
    labels: { ...r.labels },
    annotations: { ...r.annotations },
  }));
  return toYaml({ groups: [{ name: "switchyard", rules }] });
}
