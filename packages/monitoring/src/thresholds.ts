/** The thresholds of the generated alerts. */
export interface AlertThresholds {
  /** Share of the gateway's requests that fail (0–1) above which `GatewayErrorRateHigh` fires. */
  readonly errorRate: number;
  /** The gateway's p95 request latency, in seconds, above which `GatewayLatencyP95High` fires. */
  readonly latencyP95Seconds: number;
  /**
   * `CacheHitRateCollapse` fires when the cache hit rate falls below this share (0–1) of what it
   * was an hour earlier…
   */
  readonly cacheCollapseFactor: number;
  /** …and the hit rate an hour earlier was at least this (0–1): a cache that never hit cannot collapse. */
  readonly cacheBaselineHitRate: number;
  /**
   * `ConfigAuditScoreLow` fires when the config audit score Switchyard's server exports
   * (`switchyard_config_audit_score`, 0–100) is below this: `switchyard audit`'s passing band starts at 80.
   */
  readonly auditMinScore: number;
}

/** The thresholds used when the config set sets none. */
export const DEFAULT_THRESHOLDS: AlertThresholds = Object.freeze({
  errorRate: 0.05,
  latencyP95Seconds: 10,
  cacheCollapseFactor: 0.5,
  cacheBaselineHitRate: 0.1,
  auditMinScore: 80,
});

function share(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new RangeError(`${name} must be a share above 0 and at most 1, got ${value}`);
  }
  return value;
}

/**
 * The defaults overridden by `overrides`, checked: shares in (0, 1], latency a positive finite
 * number of seconds, the audit score within 0–100. Throws a `RangeError` naming the threshold otherwise.
 */
export function resolveThresholds(overrides: Partial<AlertThresholds> = {}): AlertThresholds {
  const merged = { ...DEFAULT_THRESHOLDS, ...overrides };
  if (!Number.isFinite(merged.latencyP95Seconds) || merged.latencyP95Seconds <= 0) {
    throw new RangeError(
      `latencyP95Seconds must be a positive number of seconds, got ${merged.latencyP95Seconds}`,
    );
  }
  if (!Number.isFinite(merged.auditMinScore) || merged.auditMinScore < 0 || merged.auditMinScore > 100) {
    throw new RangeError(`auditMinScore must be a score from 0 to 100, got ${merged.auditMinScore}`);
  }
  return {
    errorRate: share("errorRate", merged.errorRate),
    latencyP95Seconds: merged.latencyP95Seconds,
    cacheCollapseFactor: share("cacheCollapseFactor", merged.cacheCollapseFactor),
    cacheBaselineHitRate: share("cacheBaselineHitRate", merged.cacheBaselineHitRate),
    auditMinScore: merged.auditMinScore,
  };
}
