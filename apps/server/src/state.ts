import type { FlagEngine, FlagStore } from "@switchyard/feature-flags";
import type { TokenSet } from "./http/auth.js";
import type { RateLimiter } from "./http/rate-limit.js";
import type { Logger } from "./observability/logger.js";
import type { ServerMetrics } from "./observability/metrics.js";
import type { ConfigReports } from "./routes/config.js";

/** What every route reads: the store and the engine evaluating its snapshot, and the server's parts. */
export interface AppState {
  readonly store: FlagStore;
  /** The store's flags, compiled; replaced on every store change. */
  readonly engine: FlagEngine;
  /** `file` or `redis` (for /ready). */
  readonly storeKind: string;
  readonly tokens: TokenSet;
  readonly metrics: ServerMetrics;
  readonly logger: Logger;
  readonly reports: ConfigReports;
  readonly limiter: RateLimiter | undefined;
  readonly bodyLimit: number;
  /** The server's version (the package's). */
  readonly version: string;
  /** Set once shutdown starts: /ready answers `stopping`. */
  stopping: boolean;
}
