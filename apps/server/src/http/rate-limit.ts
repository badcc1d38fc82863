/** How many mutations a caller may make: a steady rate and a burst. */
export interface RateLimit {
  /** Mutations per second, sustained. */
  readonly perSecond: number;
  /** How many may come at once (the bucket's size). */
  readonly burst: number;
}

/** The default: 20 mutations a second per caller, bursts of 40. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 40 };

/**
 * A token bucket per caller (a token's name, or the remote address without one). `take` answers 0
 * when the call may go ahead, else how many seconds to wait (for `Retry-After`). Idle buckets are
 * forgotten, so the map stays as small as the set of active callers.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  take(key: string): number {
    const now = this.clock();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const full = (this.limit.burst / this.limit.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > full) this.buckets.delete(key);
  }
}
