/**
 * The metric names the generated monitoring queries, in one place. LiteLLM renamed its metrics
 * over time (`../shared/field-guide.md`); a selector matches the current name and the older ones,
 * so the same rules work against either release (only one of them is ever exported at a time).
 */

/** A metric by its current exported name and the names older releases exported. */
export interface MetricName {
  readonly current: string;
  readonly older: readonly string[];
}

/** LiteLLM proxy metrics (exported only when `prometheus` is in `litellm_settings.callbacks`). */
export const LITELLM_METRICS = {
  /** Counter: every request the proxy answered. */
  totalRequests: {
    current: "litellm_proxy_total_requests_metric_total",
    older: ["litellm_requests_metric_total"],
  },
  /** Counter: requests whose client got no success response. */
  failedRequests: {
    current: "litellm_proxy_failed_requests_metric_total",
    older: ["litellm_llm_api_failed_requests_metric_total"],
  },
  /** Counter: responses served from the cache. */
  cacheHits: { current: "litellm_cache_hits_metric_total", older: [] },
  /** Histogram: whole request latency in seconds, as the client sees it. */
  requestLatency: { current: "litellm_request_total_latency_metric", older: [] },
  /** Gauge: a deployment's state, 0 healthy, 1 partial outage, 2 outage. */
  deploymentState: { current: "litellm_deployment_state", older: [] },
} as const satisfies Record<string, MetricName>;

/** The job name of each kind of scrape target (alerts select targets by it). */
export const JOBS = {
  gateway: "litellm",
  server: "switchyard",
  vllm: "vllm",
} as const;

/** A PromQL selector matching a metric's current and older names, with extra label matchers. */
export function selector(metric: MetricName, matchers = ""): string {
  const extra = matchers === "" ? "" : `,${matchers}`;
  if (metric.older.length === 0) return matchers === "" ? metric.current : `${metric.current}{${matchers}}`;
  return `{__name__=~"${[metric.current, ...metric.older].join("|")}"${extra}}`;
}
