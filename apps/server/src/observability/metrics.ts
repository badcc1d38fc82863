import type { EvaluationReason, FlagEvaluation, FlagStore } from "@switchyard/feature-flags";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

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
  private readonly requests: Counter<"method" | "route" | "status">;
  private readonly latency: Histogram<"method" | "route">;
  private readonly storeErrors: Counter<"operation">;
  private readonly requestChildren = new Map<string, { inc(): void }>();
  private readonly latencyChildren = new Map<string, { observe(value: number): void }>();
  /** Per flag: counts by reason × value (index reason * 2 + value), and what was already reported. */
  private readonly evaluations = new Map<string, { counts: Float64Array; reported: Float64Array }>();

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "switchyard_" });
    this.requests = new Counter({
      name: "switchyard_http_requests_total",
      help: "HTTP requests by method, route (its pattern, not the path) and status.",
      labelNames: ["method", "route", "status"],
      registers,
    });
    this.latency = new Histogram({
      name: "switchyard_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by method and route.",
      labelNames: ["method", "route"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
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

  /** Count one answered request. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let counter = this.requestChildren.get(key);
    if (counter === undefined) {
      counter = this.requests.labels(method, route, String(status));
      this.requestChildren.set(key, counter);
    }
    counter.inc();
    const latencyKey = `${method} ${route}`;
    let histogram = this.latencyChildren.get(latencyKey);
    if (histogram === undefined) {
      histogram = this.latency.labels(method, route);
      this.latencyChildren.set(latencyKey, histogram);
    }
    histogram.observe(seconds);
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
