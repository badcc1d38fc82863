import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { formatHostPort } from "@switchyard/config-schema/hosts";
import { probeOnce } from "./probes/index.js";
import { showUrl } from "./probes/request.js";
import type { HealthResult, ProbeOutcome, ProbeTarget } from "./probes/types.js";

/** Options of {@link runHealthProbes}. */
export interface RunHealthOptions {
  /** Probes in flight at once (default 4). */
  readonly concurrency?: number;
  /** Timeout of each request, in ms (default 2,000). */
  readonly timeoutMs?: number;
  /** Further attempts after one that may change (refused, timed out, 5xx; default 2). */
  readonly retries?: number;
  /** Pause before the first retry, doubled before each next one, in ms (default 100). */
  readonly backoffMs?: number;
  /** Called as each probe starts (live progress). */
  readonly onStart?: (target: ProbeTarget) => void;
  /** Called as each probe ends (live progress). */
  readonly onResult?: (result: HealthResult) => void;
  /** Clock, in ms (tests). */
  readonly now?: () => number;
}

/** Where a target is, for people. */
export function describeTarget(target: ProbeTarget): string {
  return target.kind === "redis" ? formatHostPort(target.host, target.port) : showUrl(target.url);
}

async function probeWithRetries(
  target: ProbeTarget,
  options: Required<Omit<RunHealthOptions, "onStart" | "onResult">>,
): Promise<HealthResult> {
  const started = options.now();
  let attempts = 0;
  let outcome: ProbeOutcome;
  let attemptStart: number;
  for (;;) {
    attempts++;
    attemptStart = options.now();
    outcome = await probeOnce(target, { timeoutMs: options.timeoutMs, now: options.now });
    if (!outcome.retryable || attempts > options.retries) break;
    await sleep(options.backoffMs * 2 ** (attempts - 1));
  }
  const end = options.now();
  const { retryable: _, ...rest } = outcome;
  return {
    ...rest,
    id: target.id,
    kind: target.kind,
    target: describeTarget(target),
    providers: target.providers ?? [],
    services: target.services ?? [],
    latencyMs: Math.round(end - attemptStart),
    totalMs: Math.round(end - started),
    attempts,
  };
}

/**
 * Probe every target, at most `concurrency` at once, each request with its own timeout, and
 * retry what may change (connection refused, timeouts, server errors) with exponential backoff.
 * Results keep the targets' order and carry their latency. Never throws.
 */
export async function runHealthProbes(
  targets: readonly ProbeTarget[],
  options: RunHealthOptions = {},
): Promise<HealthResult[]> {
  const settings = {
    concurrency: Math.max(1, options.concurrency ?? 4),
    timeoutMs: options.timeoutMs ?? 2000,
    retries: Math.max(0, options.retries ?? 2),
    backoffMs: options.backoffMs ?? 100,
    now: options.now ?? (() => performance.now()),
  };
  const results: HealthResult[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      options.onStart?.(target);
      const result = await probeWithRetries(target, settings);
      results[index] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, targets.length) }, worker));
  return results;
}
