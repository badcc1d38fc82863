import { JOBS, LITELLM_METRICS as M, selector } from "../metrics.js";
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

function rate(metric: string, window: string, offset = ""): string {
  return `sum(rate(${metric}[${window}]${offset}))`;
}

/**
 * The alerting rules, in a stable order: the gateway, a vLLM provider or Switchyard's server down
 * (its scrape fails), a LiteLLM deployment in outage, the gateway's error rate and p95 latency above
 * their thresholds, and a cache hit rate collapse. Rates need traffic: no requests, no alert.
 */
export function alertRules(thresholds: Partial<AlertThresholds> = {}): AlertRule[] {
  const t = resolveThresholds(thresholds);
  const total = selector(M.totalRequests);
  const failed = selector(M.failedRequests);
  const hitRate = (offset: string) =>
    ratio(rate(M.cacheHits.current, "15m", offset), rate(total, "15m", offset));
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
      expr: `${ratio(rate(failed, "5m"), rate(total, "5m"))} > ${t.errorRate}`,
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
      expr: `histogram_quantile(0.95, sum by (le) (rate(${M.requestLatency.current}_bucket[5m]))) > ${t.latencyP95Seconds}`,
      for: "10m",
      labels: { severity: "warning" },
      annotations: {
        summary: `The gateway's p95 latency is above ${t.latencyP95Seconds}s`,
        description: "95% of requests took up to {{ $value | humanizeDuration }} over the last 5 minutes.",
      },
    },
    {
      alert: "CacheHitRateCollapse",
      expr: `(${hitRate("")}) < ${t.cacheCollapseFactor} * (${hitRate(" offset 1h")}) and (${hitRate(" offset 1h")}) >= ${t.cacheBaselineHitRate}`,
      for: "15m",
      labels: { severity: "warning" },
      annotations: {
        summary: `The cache hit rate fell below ${percent(t.cacheCollapseFactor)} of what it was an hour ago`,
        description:
          "The cache now answers {{ $value | humanizePercentage }} of requests: check Redis and the cache settings.",
      },
    },
  ];
}

/** The rules as a Prometheus rule file (one group, `switchyard`). The same thresholds give the same text. */
export function prometheusAlertRules(thresholds: Partial<AlertThresholds> = {}): string {
  const rules = alertRules(thresholds).map((r) => ({
    alert: r.alert,
    expr: r.expr,
    for: r.for,
    labels: { ...r.labels },
    annotations: { ...r.annotations },
  }));
  return `${generatedHeader("change the thresholds in the config set and generate again.")}${toYaml({
    groups: [{ name: "switchyard", rules }],
  })}`;
}
