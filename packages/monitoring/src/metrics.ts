/**
 * The metric names the generated monitoring queries, in one place. LiteLLM renamed its metrics
 * over time (`../shared/field-guide.md`); queries prefer the current name and fall back to the
 * older ones (`promql.ts`), so the same rules and dashboards work against either release. Recent
 * releases still export some deprecated names beside the current ones, which is why the names are
 * never summed together.
 */

/** A metric by its current exported name and the names older releases exported. */
export interface MetricName {
  readonly current: string;
  readonly older: readonly string[];
}

/**
 * LiteLLM proxy metrics (exported only when `prometheus` is in `litellm_settings.callbacks`), by the
 * names LiteLLM's `litellm/integrations/prometheus.py` registers them under. LiteLLM uses Python's
 * `prometheus_client`, which exposes a `Counter("x")` as `x_total` (and histograms as `x_bucket`,
 * `x_sum`, `x_count`); gauges keep their name. Labels (`litellm/types/integrations/prometheus.py`):
 * the proxy-level counters carry `requested_model`, the deployment-level ones `litellm_model_name`,
 * `model_id` (the deployment's `model_info.id`), `api_base` and `api_provider`.
 */
export const LITELLM_METRICS = {
  /** Counter: every request the proxy answered (`litellm_requests_metric` before it was deprecated). */
  totalRequests: {
    current: "litellm_proxy_total_requests_metric_total",
    older: ["litellm_requests_metric_total"],
  },
  /** Counter: requests whose client got no success response. */
  failedRequests: {
    current: "litellm_proxy_failed_requests_metric_total",
    older: ["litellm_llm_api_failed_requests_metric_total"],
  },
  /** Counter: input + output tokens (`litellm_total_tokens` before the `_metric` rename). */
  totalTokens: { current: "litellm_total_tokens_metric_total", older: ["litellm_total_tokens_total"] },
  /** Counter: responses served from the cache. */
  cacheHits: { current: "litellm_cache_hits_metric_total", older: [] },
  /** Counter: cacheable requests the cache could not answer. */
  cacheMisses: { current: "litellm_cache_misses_metric_total", older: [] },
  /** Counter: tokens served from the cache. */
  cachedTokens: { current: "litellm_cached_tokens_metric_total", older: [] },
  /** Histogram: whole request latency in seconds, as the client sees it. */
  requestLatency: { current: "litellm_request_total_latency_metric", older: [] },
  /** Histogram: the latency of the call to the provider (the deployment), in seconds. */
  llmApiLatency: { current: "litellm_llm_api_latency_metric", older: [] },
  /** Counter: a deployment's successful calls. */
  deploymentSuccess: { current: "litellm_deployment_success_responses_total", older: [] },
  /** Counter: a deployment's failed calls. */
  deploymentFailure: { current: "litellm_deployment_failure_responses_total", older: [] },
  /** Counter: requests a fallback deployment answered after the primary failed. */
  fallbacksSucceeded: { current: "litellm_deployment_successful_fallbacks_total", older: [] },
  /** Counter: fallbacks that failed too. */
  fallbacksFailed: { current: "litellm_deployment_failed_fallbacks_total", older: [] },
  /** Gauge: a deployment's state, 0 healthy, 1 partial outage, 2 outage. */
  deploymentState: { current: "litellm_deployment_state", older: [] },
} as const satisfies Record<string, MetricName>;

/** Metrics of Switchyard's own server (`apps/server`, `GET /metrics`). */
export const SWITCHYARD_METRICS = {
  /** Counter by `flag`, `value`, `reason`. */
  flagEvaluations: "switchyard_flag_evaluations_total",
  /** Counter by `operation`. */
  storeErrors: "switchyard_store_errors_total",
  /** Gauge: 1 when the flag store serves fresh data. */
  storeUp: "switchyard_store_up",
  /** Gauge: flags the store holds. */
  flags: "switchyard_flags",
  /** Counter by `method`, `route`, `status`. */
  httpRequests: "switchyard_http_requests_total",
  /** Histogram by `method`, `route`. */
  httpDuration: "switchyard_http_request_duration_seconds",
  /** Gauge: the config directory's audit score (0–100). */
  auditScore: "switchyard_config_audit_score",
} as const;

/** Metrics of the Redis cache, as `redis_exporter` (Debian `prometheus-redis-exporter`) exports them. */
export const REDIS_METRICS = {
  /** Gauge: bytes Redis uses. */
  memoryUsed: "redis_memory_used_bytes",
  /** Gauge: `maxmemory` (0 when unlimited). */
  memoryMax: "redis_memory_max_bytes",
  /** Gauge by `db`: keys in each database. */
  keys: "redis_db_keys",
  /** Counter: keys evicted under memory pressure. */
  evictedKeys: "redis_evicted_keys_total",
} as const;

/**
 * vLLM's own metrics (its OpenAI server's `/metrics`, `vllm/v1/metrics/loggers.py`; prefix `vllm:`,
 * labels `model_name` (the served model) and, in the V1 engine, `engine`). Scraped from every active
 * vLLM provider (job `vllm`, labelled `provider`).
 */
export const VLLM_METRICS = {
  /** Gauge: requests the engine is running now. */
  running: "vllm:num_requests_running",
  /** Gauge: requests waiting for a slot. */
  waiting: "vllm:num_requests_waiting",
  /** Gauge: the share of KV-cache blocks in use, 0–1 (`vllm:gpu_cache_usage_perc` before v0.10). */
  kvCacheUsage: { current: "vllm:kv_cache_usage_perc", older: ["vllm:gpu_cache_usage_perc"] },
  /** Histogram: seconds to the first generated token. */
  timeToFirstToken: "vllm:time_to_first_token_seconds",
  /** Histogram: seconds from arrival to the last token. */
  e2eLatency: "vllm:e2e_request_latency_seconds",
  /** Counter: prefill (prompt) tokens processed. */
  promptTokens: "vllm:prompt_tokens_total",
  /** Counter: tokens generated. */
  generationTokens: "vllm:generation_tokens_total",
} as const;

/** The job name of each kind of scrape target (alerts select targets by it). */
export const JOBS = {
  gateway: "litellm",
  server: "switchyard",
  vllm: "vllm",
  redis: "redis",
} as const;
