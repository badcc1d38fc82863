import type { Flag } from "@switchyard/config-schema/schemas";

/**
 * One change of one flag, as every store records it in the same step as the change itself: who
 * (`actor`, e.g. a token's name — never a secret), when, the version before and after, and the
 * flag's whole definition before and after. `at` is the field name the audit's stale-flag check
 * reads (`.switchyard/flag-history.jsonl`).
 */
export interface FlagChangeRecord {
  /** The flag's name. */
  readonly flag: string;
  /** The version this change wrote. */
  readonly version: number;
  /** The version it replaced (0 when the change created the flag). */
  readonly previousVersion: number;
  /** Who made the change: a token's or user's name, `"unknown"` when the caller named nobody. */
  readonly actor: string;
  /** When, as an ISO 8601 UTC date-time. */
  readonly at: string;
  /** The definition before (null for a creation). */
  readonly before: Flag | null;
  /** The definition after. */
  readonly after: Flag;
}

/** Which records {@link FlagStore.history} returns. */
export interface HistoryQuery {
  /** Only this flag's changes. */
  readonly flag?: string;
  /** At most this many, newest first (default {@link DEFAULT_HISTORY_LIMIT}). */
  readonly limit?: number;
}

/** How many records a history query returns when it names no limit. */
export const DEFAULT_HISTORY_LIMIT = 100;

/** Who makes a change, for the history. */
export interface ChangeOptions {
  /** A token's or user's name (never a secret); `"unknown"` when absent. */
  readonly actor?: string;
}

/** The record of writing `after` at `version` over `before`. */
export function changeRecord(
  name: string,
  before: Flag | undefined,
  after: Flag,
  version: number,
  options: ChangeOptions = {},
  now: Date = new Date(),
): FlagChangeRecord {
  return {
    flag: name,
    version,
    previousVersion: version - 1,
    actor: options.actor ?? "unknown",
    at: now.toISOString(),
    before: before ?? null,
    after,
  };
}

/** A JSON value read back from a history is a record only if it has this shape. */
export function isChangeRecord(value: unknown): value is FlagChangeRecord {
  if (value === null || typeof value !== "object") return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.flag === "string" &&
    typeof r.version === "number" &&
    typeof r.previousVersion === "number" &&
    typeof r.actor === "string" &&
    typeof r.at === "string" &&
    (r.before === null || typeof r.before === "object") &&
    r.after !== null &&
    typeof r.after === "object"
  );
}

/** A query's limit made safe: a positive integer, at most 10 000. */
export function historyLimit(query: HistoryQuery | undefined): number {
  const limit = query?.limit ?? DEFAULT_HISTORY_LIMIT;
  return Number.isFinite(limit) ? Math.max(1, Math.min(10_000, Math.floor(limit))) : DEFAULT_HISTORY_LIMIT;
}
