import { MONITORING_DASHBOARDS, type Provider } from "@switchyard/config-schema/schemas";
import { deploymentMetricLabels, ownDeploymentIds } from "@switchyard/litellm-generator";
import {
  JOBS,
  LITELLM_METRICS as M,
  type MetricName,
  REDIS_METRICS as R,
  SWITCHYARD_METRICS as S,
  VLLM_METRICS as V,
} from "../metrics.js";
import {
  addRates,
  type ProviderSeriesLabels,
  promString,
  providerMatcher,
  quantile,
  sumRate,
  vllmProviderMatchers,
} from "../promql.js";
import type { MonitoringInput } from "../targets.js";
import { type AlertThresholds, resolveThresholds } from "../thresholds.js";
import { DashboardLayout, dashboard, type GrafanaDashboard } from "./model.js";

/** The dashboards Switchyard generates, by the name ports.yaml's `monitoring.dashboards` selects them with. */
export const DASHBOARD_NAMES = MONITORING_DASHBOARDS;
export type DashboardName = (typeof DASHBOARD_NAMES)[number];

/** What LiteLLM panels say when the gateway exports no metrics (its `/metrics` can be empty). */
export const NO_GATEWAY_METRICS =
  "No data: LiteLLM exports metrics only with `prometheus` in litellm_settings.callbacks (an Enterprise feature in recent releases)";

const TAGS = ["switchyard", "litellm"];

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The providers of providers.yaml in id order. */
function providersOf(input: MonitoringInput): [string, Provider][] {
  return Object.entries(input.providers?.providers ?? {}).sort(([a], [b]) => compare(a, b));
}

/**
 * How a provider's series are labelled when LiteLLM hashes the deployment ids itself
 * (`gateway.deployment_ids: litellm`); `undefined` with generated ids, selected by `model_id`.
 */
function seriesLabels(input: MonitoringInput, provider: Provider): ProviderSeriesLabels | undefined {
  return input.mappings?.gateway?.deployment_ids === "litellm" ? deploymentMetricLabels(provider) : undefined;
}

/** LiteLLM creates the failure counter at the first failure: until then the success rate is 100%. */
const successRate = `1 - ((${sumRate(M.failedRequests)} / ${sumRate(M.totalRequests)}) or (${sumRate(M.totalRequests)} * 0))`;
const cacheHitRate = (by: readonly string[] = []) =>
  `${sumRate(M.cacheHits, { by })} / (${sumRate(M.cacheHits, { by })} + ${sumRate(M.cacheMisses, { by })})`;

const STATE_MAPPINGS = [
  { value: "0", text: "healthy", color: "green" },
  { value: "1", text: "partial outage", color: "orange" },
  { value: "2", text: "outage", color: "red" },
] as const;

/**
 * Requests, success rate, active deployments, p95 latency, requests and errors per provider, cache
 * hit rate, model usage and deployment health, with a first row that says whether the gateway
 * exports metrics at all.
 */
export function overviewDashboard(input: MonitoringInput, thresholds: AlertThresholds): GrafanaDashboard {
  const providers = providersOf(input);
  const ownIds = ownDeploymentIds(input.mappings);
  const perProvider = (metrics: readonly MetricName[]) =>
    providers.length === 0
      ? [{ expr: addRates(metrics, { by: ["api_provider"] }), legend: "{{api_provider}}" }]
      : providers.map(([id, provider]) => ({
          expr: addRates(metrics, {
            matchers: providerMatcher(id, ownIds.get(id), seriesLabels(input, provider)),
          }),
          legend: id,
        }));
  const layout = new DashboardLayout()
    .row("Gateway")
    .query({
      type: "stat",
      title: "LiteLLM metrics exported",
      description:
        "How many LiteLLM series Prometheus scrapes from the gateway. 0 means the gateway's /metrics is empty: the other LiteLLM panels stay blank.",
      queries: [{ expr: `count({job=${promString(JOBS.gateway)},__name__=~"litellm_.+"}) or vector(0)` }],
      unit: "short",
      width: 6,
      height: 5,
      mappings: [{ value: "0", text: "none: see the note", color: "red" }],
      thresholds: [
        ["red", null],
        ["green", 1],
      ],
      instant: true,
    })
    .text(
      "When the gateway exports no metrics",
      [
        "LiteLLM serves Prometheus metrics on `/metrics/` only when `prometheus` is in",
        "`litellm_settings.callbacks` (recent releases gate them behind LiteLLM Enterprise; without a",
        "licence `/metrics/` is empty). Then every LiteLLM panel here shows **No data**, while the",
        "gateway itself can be healthy: check the `up` series of job `litellm` and the gateway's health.",
        "Queries prefer LiteLLM's current metric names and fall back to the older ones",
        "(`litellm_requests_metric`, `litellm_llm_api_failed_requests_metric`, `litellm_total_tokens`).",
      ].join("\n"),
      18,
      5,
    )
    .query({
      type: "stat",
      title: "Requests / s",
      description: "Requests the proxy answered per second (5m rate).",
      queries: [{ expr: sumRate(M.totalRequests) }],
      unit: "reqps",
      width: 6,
      height: 5,
      noValue: NO_GATEWAY_METRICS,
    })
    .query({
      type: "stat",
      title: "Success rate",
      description: "Share of requests whose client got a success response (5m).",
      queries: [{ expr: successRate }],
      unit: "percentunit",
      width: 6,
      height: 5,
      min: 0,
      max: 1,
      noValue: NO_GATEWAY_METRICS,
      thresholds: [
        ["red", null],
        ["green", 1 - thresholds.errorRate],
      ],
    })
    .query({
      type: "stat",
      title: "Active deployments",
      description: "Deployments LiteLLM reports a state for (litellm_deployment_state).",
      queries: [{ expr: `count(${M.deploymentState.current})` }],
      unit: "short",
      width: 6,
      height: 5,
      noValue: NO_GATEWAY_METRICS,
      instant: true,
    })
    .query({
      type: "stat",
      title: "p95 latency",
      description: "95th percentile of the whole request latency, as clients see it (5m).",
      queries: [{ expr: quantile(0.95, M.requestLatency.current) }],
      unit: "s",
      width: 6,
      height: 5,
      noValue: NO_GATEWAY_METRICS,
      thresholds: [
        ["green", null],
        ["red", thresholds.latencyP95Seconds],
      ],
    })
    .row("Traffic")
    .query({
      type: "timeseries",
      title: "Requests per provider",
      description: "Calls LiteLLM made to each provider of providers.yaml, success or failure.",
      queries: perProvider([M.deploymentSuccess, M.deploymentFailure]),
      unit: "reqps",
      noValue: NO_GATEWAY_METRICS,
    })
    .query({
      type: "timeseries",
      title: "Errors per provider",
      description: "Failed calls to each provider of providers.yaml.",
      queries: perProvider([M.deploymentFailure]),
      unit: "reqps",
      noValue: NO_GATEWAY_METRICS,
    })
    .query({
      type: "timeseries",
      title: "Cache hit rate",
      description: "Share of cacheable requests the Redis cache answered (hits / (hits + misses)).",
      queries: [{ expr: cacheHitRate(), legend: "hit rate" }],
      unit: "percentunit",
      min: 0,
      max: 1,
      noValue: NO_GATEWAY_METRICS,
    })
    .query({
      type: "timeseries",
      title: "Model usage",
      description: "Requests per second by the model name clients asked for.",
      queries: [
        {
          expr: sumRate(M.totalRequests, { by: ["requested_model", "model"] }),
          legend: "{{requested_model}}{{model}}",
        },
      ],
      unit: "reqps",
      width: 12,
      noValue: NO_GATEWAY_METRICS,
    })
    .query({
      type: "table",
      title: "Deployment health",
      description: "Each deployment's state as LiteLLM reports it: healthy, partial outage or outage.",
      queries: [
        {
          expr: `max by (litellm_model_name, api_provider, api_base) (${M.deploymentState.current})`,
          legend: "{{litellm_model_name}}",
        },
      ],
      unit: "none",
      width: 12,
      noValue: NO_GATEWAY_METRICS,
      mappings: STATE_MAPPINGS,
      thresholds: [
        ["green", null],
        ["orange", 1],
        ["red", 2],
      ],
      instant: true,
    });
  return dashboard({
    uid: "switchyard-overview",
    title: "Switchyard / Overview",
    description: "The LiteLLM gateway at a glance. Generated by Switchyard from the config set: do not edit.",
    tags: TAGS,
    panels: layout.done(),
  });
}

/**
 * One row per provider of providers.yaml (disabled ones included, marked): p50/p95/p99 latency of
 * the calls to it, throughput, tokens, failures and fallbacks. Adding a provider adds its row.
 */
export function providersDashboard(input: MonitoringInput): GrafanaDashboard {
  const layout = new DashboardLayout();
  const providers = providersOf(input);
  const ownIds = ownDeploymentIds(input.mappings);
  if (providers.length === 0) {
    layout.text("No providers", "providers.yaml lists no providers: generate again after adding one.", 24, 3);
  }
  for (const [id, provider] of providers) {
    const m = providerMatcher(id, ownIds.get(id), seriesLabels(input, provider));
    layout.row(`${id} (${provider.type}${provider.status === "disabled" ? ", disabled" : ""})`);
    layout.query({
      type: "timeseries",
      title: `${id}: latency p50 / p95 / p99`,
      description: `Latency of LiteLLM's calls to ${id} (litellm_llm_api_latency_metric, 5m).`,
      queries: [0.5, 0.95, 0.99].map((q) => ({
        expr: quantile(q, M.llmApiLatency.current, m),
        legend: `p${Math.round(q * 100)}`,
      })),
      unit: "s",
      noValue: NO_GATEWAY_METRICS,
    });
    layout.query({
      type: "timeseries",
      title: `${id}: throughput`,
      description: `Calls to ${id} per second, success or failure.`,
      queries: [
        { expr: addRates([M.deploymentSuccess, M.deploymentFailure], { matchers: m }), legend: "calls" },
      ],
      unit: "reqps",
      width: 4,
      noValue: NO_GATEWAY_METRICS,
    });
    layout.query({
      type: "timeseries",
      title: `${id}: tokens / s`,
      description: `Input + output tokens of ${id}'s deployments per second.`,
      queries: [{ expr: sumRate(M.totalTokens, { matchers: m }), legend: "tokens" }],
      unit: "short",
      width: 4,
      noValue: NO_GATEWAY_METRICS,
    });
    layout.query({
      type: "timeseries",
      title: `${id}: failures`,
      description: `Failed calls to ${id} per second, by the status LiteLLM recorded.`,
      queries: [
        {
          expr: sumRate(M.deploymentFailure, { matchers: m, by: ["exception_status"] }),
          legend: "{{exception_status}}",
        },
      ],
      unit: "reqps",
      width: 4,
      noValue: NO_GATEWAY_METRICS,
    });
    layout.query({
      type: "timeseries",
      title: `${id}: fallbacks`,
      description: `Requests of ${id}'s deployments that fell back to another model.`,
      queries: [
        { expr: sumRate(M.fallbacksSucceeded, { matchers: m }), legend: "succeeded" },
        { expr: sumRate(M.fallbacksFailed, { matchers: m }), legend: "failed" },
      ],
      unit: "reqps",
      width: 4,
      noValue: "No fallbacks (or no LiteLLM metrics)",
    });
    // An active vLLM provider is scraped itself (job vllm): its engine's queue, KV cache and timings.
    if (provider.type === "vllm" && provider.status !== "disabled") vllmPanels(layout, id);
  }
  return dashboard({
    uid: "switchyard-providers",
    title: "Switchyard / Provider performance",
    description:
      "One row per provider of providers.yaml. Generated by Switchyard from the config set: do not edit.",
    tags: TAGS,
    panels: layout.done(),
  });
}

/** What a vLLM panel says when nothing was scraped from the provider. */
const NO_VLLM_METRICS =
  "No data: Prometheus scrapes no vLLM /metrics for this provider (down, or not reachable)";

/** The panels of one vLLM provider from vLLM's own `/metrics` (`VLLM_METRICS`). */
function vllmPanels(layout: DashboardLayout, id: string): void {
  const sel = vllmProviderMatchers(id, JOBS.vllm);
  const kv = [V.kvCacheUsage.current, ...V.kvCacheUsage.older]
    .map((name) => `max by (model_name) (${name}{${sel}})`)
    .join(" or ");
  layout
    .query({
      type: "timeseries",
      title: `${id}: vLLM requests running / waiting`,
      description: `Requests ${id}'s vLLM engine runs and queues (vllm:num_requests_running, vllm:num_requests_waiting).`,
      queries: [
        { expr: `sum (${V.running}{${sel}})`, legend: "running" },
        { expr: `sum (${V.waiting}{${sel}})`, legend: "waiting" },
      ],
      unit: "short",
      width: 6,
      noValue: NO_VLLM_METRICS,
    })
    .query({
      type: "timeseries",
      title: `${id}: vLLM KV-cache usage`,
      description: `The share of ${id}'s KV-cache blocks in use (vllm:kv_cache_usage_perc; vllm:gpu_cache_usage_perc before v0.10). Near 1, requests queue or are preempted.`,
      queries: [{ expr: kv, legend: "{{model_name}}" }],
      unit: "percentunit",
      width: 6,
      min: 0,
      max: 1,
      noValue: NO_VLLM_METRICS,
    })
    .query({
      type: "timeseries",
      title: `${id}: vLLM time to first token p50 / p95`,
      description: `Seconds until ${id} streams the first token (vllm:time_to_first_token_seconds, 5m).`,
      queries: [0.5, 0.95].map((q) => ({
        expr: quantile(q, V.timeToFirstToken, sel),
        legend: `p${Math.round(q * 100)}`,
      })),
      unit: "s",
      width: 6,
      noValue: NO_VLLM_METRICS,
    })
    .query({
      type: "timeseries",
      title: `${id}: vLLM tokens / s`,
      description: `Prompt and generated tokens ${id}'s engine processes per second (vllm:prompt_tokens_total, vllm:generation_tokens_total).`,
      queries: [
        { expr: sumRate(`${V.promptTokens}{${sel}}`), legend: "prompt" },
        { expr: sumRate(`${V.generationTokens}{${sel}}`), legend: "generated" },
      ],
      unit: "short",
      width: 6,
      noValue: NO_VLLM_METRICS,
    });
}

/** Cache hits vs misses, hit rate, cached tokens, and Redis memory and keys (from redis_exporter). */
export function cacheDashboard(): GrafanaDashboard {
  const redisJob = `job=${promString(JOBS.redis)}`;
  const layout = new DashboardLayout()
    .row("LiteLLM cache")
    .query({
      type: "timeseries",
      title: "Hits vs misses",
      description: "Cache hits and misses per second.",
      queries: [
        { expr: sumRate(M.cacheHits), legend: "hits" },
        { expr: sumRate(M.cacheMisses), legend: "misses" },
      ],
      unit: "reqps",
      width: 12,
      noValue: NO_GATEWAY_METRICS,
    })
    .query({
      type: "timeseries",
      title: "Hit rate",
      description: "hits / (hits + misses), overall and per model.",
      queries: [
        { expr: cacheHitRate(), legend: "all models" },
        { expr: cacheHitRate(["model"]), legend: "{{model}}" },
      ],
      unit: "percentunit",
      width: 12,
      min: 0,
      max: 1,
      noValue: NO_GATEWAY_METRICS,
    })
    .query({
      type: "timeseries",
      title: "Tokens served from the cache",
      description: "Tokens per second the cache answered instead of a provider.",
      queries: [{ expr: sumRate(M.cachedTokens), legend: "cached tokens" }],
      unit: "short",
      width: 24,
      noValue: NO_GATEWAY_METRICS,
    })
    .row("Redis")
    .query({
      type: "timeseries",
      title: "Redis memory",
      description: "Memory Redis uses, and its maxmemory (0: unlimited). Needs redis_exporter in ports.yaml.",
      queries: [
        { expr: `sum by (instance) (${R.memoryUsed}{${redisJob}})`, legend: "used {{instance}}" },
        { expr: `sum by (instance) (${R.memoryMax}{${redisJob}})`, legend: "max {{instance}}" },
      ],
      unit: "bytes",
      noValue: "No data: register redis_exporter in ports.yaml (a service named redis-exporter)",
    })
    .query({
      type: "timeseries",
      title: "Redis keys",
      description: "Keys per database.",
      queries: [{ expr: `sum by (db) (${R.keys}{${redisJob}})`, legend: "{{db}}" }],
      unit: "short",
      noValue: "No data: register redis_exporter in ports.yaml (a service named redis-exporter)",
    })
    .query({
      type: "timeseries",
      title: "Evicted keys / s",
      description: "Keys Redis evicted under memory pressure: a cache too small for its traffic.",
      queries: [{ expr: sumRate(`${R.evictedKeys}{${redisJob}}`), legend: "evicted" }],
      unit: "short",
      noValue: "No data: register redis_exporter in ports.yaml (a service named redis-exporter)",
    });
  return dashboard({
    uid: "switchyard-cache",
    title: "Switchyard / Cache efficiency",
    description:
      "LiteLLM's response cache and its Redis. Generated by Switchyard from the config set: do not edit.",
    tags: TAGS,
    panels: layout.done(),
  });
}

/** Switchyard's own server: evaluations per flag, store errors and health, latency, audit score. */
export function serverDashboard(thresholds: AlertThresholds): GrafanaDashboard {
  const job = `job=${promString(JOBS.server)}`;
  const layout = new DashboardLayout()
    .row("Server")
    .query({
      type: "stat",
      title: "Server up",
      description: "Whether Prometheus scrapes Switchyard's server.",
      queries: [{ expr: `min(up{${job}})` }],
      unit: "none",
      width: 6,
      height: 5,
      mappings: [
        { value: "0", text: "down", color: "red" },
        { value: "1", text: "up", color: "green" },
      ],
      thresholds: [
        ["red", null],
        ["green", 1],
      ],
      instant: true,
      noValue: "No data: register Switchyard's server in ports.yaml (a service named switchyard)",
    })
    .query({
      type: "stat",
      title: "Config audit score",
      description: `The config directory's audit score (0–100); ConfigAuditScoreLow fires below ${thresholds.auditMinScore}.`,
      queries: [{ expr: `min(${S.auditScore}{${job}})` }],
      unit: "none",
      width: 6,
      height: 5,
      min: 0,
      max: 100,
      thresholds: [
        ["red", null],
        ["green", thresholds.auditMinScore],
      ],
      noValue: "No data: the server runs without a config directory, or its audit cannot run",
    })
    .query({
      type: "stat",
      title: "Flags",
      description: "Flags the server's store holds.",
      queries: [{ expr: `sum(${S.flags}{${job}})` }],
      unit: "short",
      width: 6,
      height: 5,
      instant: true,
    })
    .query({
      type: "stat",
      title: "Flag store",
      description: "Fresh: the store serves current data. Degraded: its last known state.",
      queries: [{ expr: `min(${S.storeUp}{${job}})` }],
      unit: "none",
      width: 6,
      height: 5,
      mappings: [
        { value: "0", text: "degraded", color: "orange" },
        { value: "1", text: "fresh", color: "green" },
      ],
      thresholds: [
        ["orange", null],
        ["green", 1],
      ],
      instant: true,
    })
    .row("Flags")
    .query({
      type: "timeseries",
      title: "Evaluations per flag",
      description: "Flag evaluations per second, by flag (unknown flags as '(unknown)').",
      queries: [{ expr: sumRate(`${S.flagEvaluations}{${job}}`, { by: ["flag"] }), legend: "{{flag}}" }],
      unit: "reqps",
      width: 12,
    })
    .query({
      type: "timeseries",
      title: "Evaluations by reason",
      description: "Why flags evaluated as they did: targeting match, split, default, disabled, error…",
      queries: [{ expr: sumRate(`${S.flagEvaluations}{${job}}`, { by: ["reason"] }), legend: "{{reason}}" }],
      unit: "reqps",
      width: 12,
    })
    .row("HTTP")
    .query({
      type: "timeseries",
      title: "Store errors",
      description: "Flag store operations that failed per second, by operation (0 when none failed).",
      queries: [
        {
          expr: `${sumRate(`${S.storeErrors}{${job}}`, { by: ["operation"] })} or on() vector(0)`,
          legend: "{{operation}}",
        },
      ],
      unit: "short",
    })
    .query({
      type: "timeseries",
      title: "Request latency p50 / p95 / p99",
      description: "Time to answer an HTTP request, all routes.",
      queries: [0.5, 0.95, 0.99].map((q) => ({
        expr: quantile(q, S.httpDuration, job),
        legend: `p${Math.round(q * 100)}`,
      })),
      unit: "s",
    })
    .query({
      type: "timeseries",
      title: "Requests by route and status",
      description: "HTTP requests per second by route pattern and status.",
      queries: [
        {
          expr: sumRate(`${S.httpRequests}{${job}}`, { by: ["route", "status"] }),
          legend: "{{route}} {{status}}",
        },
      ],
      unit: "reqps",
    });
  return dashboard({
    uid: "switchyard-server",
    title: "Switchyard / Server",
    description: "Switchyard's own server. Generated by Switchyard from the config set: do not edit.",
    tags: ["switchyard"],
    panels: layout.done(),
  });
}

/** The dashboards named in `names` (default: all), in {@link DASHBOARD_NAMES} order. */
export function grafanaDashboards(
  input: MonitoringInput,
  options: { thresholds?: Partial<AlertThresholds>; dashboards?: readonly DashboardName[] } = {},
): { name: DashboardName; dashboard: GrafanaDashboard }[] {
  const t = resolveThresholds(options.thresholds);
  const wanted = new Set(options.dashboards ?? DASHBOARD_NAMES);
  const build: Record<DashboardName, () => GrafanaDashboard> = {
    overview: () => overviewDashboard(input, t),
    providers: () => providersDashboard(input),
    cache: () => cacheDashboard(),
    server: () => serverDashboard(t),
  };
  return DASHBOARD_NAMES.filter((n) => wanted.has(n)).map((name) => ({ name, dashboard: build[name]() }));
}
