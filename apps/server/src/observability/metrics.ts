import type { EvaluationReason, FlagEvaluation, FlagStore } from "@switchyard/feature-flags";
import { Counter, collectDefaultMetrics, Gauge, type Metric, Registry } from "prom-client";

const REASONS: readonly EvaluationReason[] = [
  "DISABLED",
  "TARGETING_MATCH",
  "SPLIT",
  "STATIC",
  "DEFAULT",
  "OVERRIDE",
  "ERROR",
];
const REASON_INDEX = new Map(REASONS.map((reason, i) => [reason, i]));

/** The label of evaluations of flags that do not exist (bounded cardinality: callers choose names). */
export const UNKNOWN_FLAG_LABEL = "(unknown)";

/** The upper bounds (seconds) of the request latency histogram's buckets. */
const LATENCY_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/** One series of the latency histogram: counts per bucket (not cumulative; the last is +Inf). */
interface LatencySeries {
  readonly method: string;
  readonly route: string;
  readonly buckets: Float64Array;
  sum: number;
  count: number;
}

/**
 * `switchyard_http_request_duration_seconds` as a metric of the registry, read from plain counts.
 * prom-client's own Histogram validates and hashes the labels on every `observe` (a few µs, as
 * much as the rest of an evaluation); here a request adds to a Float64Array and the exposition is
 * built when Prometheus scrapes, in prom-client's format (cumulative `_bucket`s, `_sum`, `_count`).
 */
function latencyHistogram(series: ReadonlyMap<string, LatencySeries>) {
  const name = "switchyard_http_request_duration_seconds";
  return {
    name,
    help: "Time to answer an HTTP request, by method and route.",
    type: "histogram",
    aggregator: "sum",
    collect: () => {},
    reset: () => {
      for (const one of series.values()) {
        one.buckets.fill(0);
        one.sum = 0;
        one.count = 0;
      }
    },
    get: async () => {
      const values: { value: number; labels: Record<string, string | number>; metricName: string }[] = [];
      for (const { method, route, buckets, sum, count } of series.values()) {
        let cumulative = 0;
        for (let i = 0; i < buckets.length; i++) {
          cumulative += buckets[i]!;
          const le = i < LATENCY_BUCKETS.length ? LATENCY_BUCKETS[i]! : "+Inf";
          values.push({ value: cumulative, labels: { le, method, route }, metricName: `${name}_bucket` });
        }
        values.push({ value: sum, labels: { method, route }, metricName: `${name}_sum` });
        values.push({ value: count, labels: { method, route }, metricName: `${name}_count` });
      }
      return {
        name,
        help: "Time to answer an HTTP request, by method and route.",
        type: "histogram",
        aggregator: "sum",
        values,
      };
    },
  };
}

/** One line of `switchyard_http_requests_total`: answered requests, and what was already reported. */
interface RequestCount {
  readonly method: string;
  readonly route: string;
  readonly status: string;
  count: number;
  reported: number;
}

/**
 * The request counters of one route: a status's counter is found by number in a small map (the
 * statuses a route answers are few), the latency is a bucket increment. Made once per route by
 * {@link ServerMetrics.routeSeries}.
 */
export class RouteSeries {
  private readonly byStatus = new Map<number, RequestCount>();

  constructor(
    private readonly method: string,
    private readonly route: string,
    private readonly latency: LatencySeries,
    private readonly counts: Map<string, RequestCount>,
  ) {}

  /** Count one answered request with its status and time taken. */
  observe(status: number, seconds: number): void {
    let counted = this.byStatus.get(status);
    if (counted === undefined) {
      const key = `${this.method} ${this.route} ${status}`;
      counted = this.counts.get(key);
      if (counted === undefined) {
        counted = { method: this.method, route: this.route, status: String(status), count: 0, reported: 0 };
        this.counts.set(key, counted);
      }
      this.byStatus.set(status, counted);
    }
    counted.count += 1;
    const latency = this.latency;
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]!) bucket++;
    latency.buckets[bucket]! += 1;
    latency.sum += seconds;
    latency.count += 1;
  }
}

/** What the metrics read on each scrape. */
export interface MetricsSources {
  readonly store: FlagStore;
  /** The config's audit score (0–100), or undefined when the audit cannot run. */
  readonly auditScore?: () => Promise<number | undefined>;
}

/**
 * The server's Prometheus metrics (prom-client, its own registry): requests and latency per route,
 * evaluations per flag, value and reason, store errors, whether the store is fresh, the number of
 * flags and the config's audit score, plus Node's process metrics. Counting an evaluation is an
 * array increment; the counters are brought up to date when Prometheus scrapes.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly storeErrors: Counter<"operation">;
  /** Per method, route and status: requests answered, and what was already reported. */
  private readonly requestCounts = new Map<string, RequestCount>();
  /** The series of requests no route answered, by method and pseudo-route. */
  private readonly unrouted = new Map<string, RouteSeries>();
  /** Per method and route: the latency histogram's series. */
  private readonly latencySeries = new Map<string, LatencySeries>();
  /** Per flag: counts by reason × value (index reason * 2 + value), and what was already reported. */
  private readonly evaluations = new Map<string, { counts: Float64Array; reported: Float64Array }>();

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "switchyard_" });
    const requestCounts = this.requestCounts;
    new Counter({
      name: "switchyard_http_requests_total",
      help: "HTTP requests by method, route (its pattern, not the path) and status.",
      labelNames: ["method", "route", "status"],
      registers,
      collect() {
        for (const entry of requestCounts.values()) {
          const delta = entry.count - entry.reported;
          if (delta <= 0) continue;
          entry.reported = entry.count;
          this.inc({ method: entry.method, route: entry.route, status: entry.status }, delta);
        }
      },
    });
    this.registry.registerMetric(latencyHistogram(this.latencySeries) as unknown as Metric);
    this.storeErrors = new Counter({
      name: "switchyard_store_errors_total",
      help: "Flag store operations that failed (the store unreachable or invalid), by operation.",
      labelNames: ["operation"],
      registers,
    });
    const evaluations = this.evaluations;
    new Counter({
      name: "switchyard_flag_evaluations_total",
      help: "Flag evaluations by flag, value and Switchyard reason (unknown flags as '(unknown)').",
      labelNames: ["flag", "value", "reason"],
      registers,
      collect() {
        for (const [flag, { counts, reported }] of evaluations) {
          for (let i = 0; i < counts.length; i++) {
            const delta = counts[i]! - reported[i]!;
            if (delta <= 0) continue;
            reported[i] = counts[i]!;
            this.inc({ flag, value: i % 2 === 1 ? "true" : "false", reason: REASONS[i >> 1]! }, delta);
          }
        }
      },
    });
    new Gauge({
      name: "switchyard_store_up",
      help: "1 when the flag store serves fresh data, 0 when it serves its last known state (degraded).",
      registers,
      collect() {
        this.set(sources.store.health().state === "ok" ? 1 : 0);
      },
    });
    new Gauge({
      name: "switchyard_flags",
      help: "Flags the store holds.",
      registers,
      collect() {
        this.set(sources.store.snapshot().size);
      },
    });
    const auditScore = sources.auditScore;
    if (auditScore !== undefined) {
      new Gauge({
        name: "switchyard_config_audit_score",
        help: "The config directory's audit score (0–100), as `switchyard audit` computes it.",
        registers,
        async collect() {
          const score = await auditScore();
          if (score === undefined) this.reset();
          else this.set(score);
        },
      });
    }
  }

  /**
   * The counters of one route (method and pattern), made once when the route is registered: each
   * answered request then adds to its arrays, with no label string built or hashed per request.
   */
  routeSeries(method: string, route: string): RouteSeries {
    const seriesKey = `${method} ${route}`;
    let latency = this.latencySeries.get(seriesKey);
    if (latency === undefined) {
      latency = { method, route, buckets: new Float64Array(LATENCY_BUCKETS.length + 1), sum: 0, count: 0 };
      this.latencySeries.set(seriesKey, latency);
    }
    return new RouteSeries(method, route, latency, this.requestCounts);
  }

  /** Count one answered request of a route that has no {@link routeSeries} (the 404/405 answers). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    let series = this.unrouted.get(`${method} ${route}`);
    if (series === undefined) {
      series = this.routeSeries(method, route);
      this.unrouted.set(`${method} ${route}`, series);
    }
    series.observe(status, seconds);
  }

  /** Count one evaluation (`known`: the flag exists, else it is counted under {@link UNKNOWN_FLAG_LABEL}). */
  countEvaluation(flag: string, result: FlagEvaluation): void {
    const label = result.errorCode === "FLAG_NOT_FOUND" ? UNKNOWN_FLAG_LABEL : flag;
    let entry = this.evaluations.get(label);
    if (entry === undefined) {
      entry = {
        counts: new Float64Array(REASONS.length * 2),
        reported: new Float64Array(REASONS.length * 2),
      };
      this.evaluations.set(label, entry);
    }
    const index = (REASON_INDEX.get(result.reason) ?? 0) * 2 + (result.value ? 1 : 0);
    entry.counts[index]! += 1;
  }

  /** Count one failed store operation. */
  countStoreError(operation: string): void {
    this.storeErrors.inc({ operation });
  }

  /** The Prometheus text exposition. */
  async render(): Promise<{ text: string; contentType: string }> {
    return { text: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
