import type { Flag } from "@switchyard/config-schema";
import { rolloutBucket } from "./murmurhash3.js";

/** Who a flag is evaluated for. */
export interface EvaluationContext {
  /** The user id (OpenFeature's `targetingKey`). */
  readonly userId?: string;
}

/** Why a flag evaluated the way it did (OpenFeature's reasons). */
export type EvaluationReason = "DISABLED" | "TARGETING_MATCH" | "SPLIT" | "STATIC" | "DEFAULT";

/** The value of a flag for one context, with the reason. Evaluation never throws. */
export interface FlagEvaluation {
  readonly value: boolean;
  readonly reason: EvaluationReason;
  /** The rollout bucket (1–100) when the percentage decided. */
  readonly bucket?: number;
}

function parseDate(value: string, endOfDay: boolean): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return Date.parse(dateOnly ? `${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z` : value);
}

/**
 * Evaluate one flag. Order: globally off → DISABLED; outside the date window (start inclusive, end
 * exclusive; a date without time means the start of that day in UTC, and `end_date` as a plain date
 * includes that whole day) → TARGETING_MATCH off; blacklisted → off; whitelisted → on; then the
 * rollout: 100% → STATIC on, 0% → off, otherwise the Unleash bucket of `"<flag name>:<userId>"`
 * decides (SPLIT); no user id with a partial rollout → DEFAULT off.
 */
export function evaluateFlag(
  name: string,
  flag: Flag,
  context: EvaluationContext = {},
  now = new Date(),
): FlagEvaluation {
  if (!flag.enabled) return { value: false, reason: "DISABLED" };
  const time = now.getTime();
  if (flag.start_date !== undefined && time < parseDate(flag.start_date, false)) {
    return { value: false, reason: "TARGETING_MATCH" };
  }
  if (flag.end_date !== undefined) {
    const end = parseDate(flag.end_date, true);
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(flag.end_date);
    if (dateOnly ? time > end : time >= end) return { value: false, reason: "TARGETING_MATCH" };
  }
  const userId = context.userId;
  if (userId !== undefined && flag.blacklist?.includes(userId))
    return { value: false, reason: "TARGETING_MATCH" };
  if (userId !== undefined && flag.whitelist?.includes(userId))
    return { value: true, reason: "TARGETING_MATCH" };
  const percentage = flag.rollout_percentage ?? 100;
  if (percentage >= 100) return { value: true, reason: "STATIC" };
  if (percentage <= 0) return { value: false, reason: "STATIC" };
  if (userId === undefined) return { value: false, reason: "DEFAULT" };
  const bucket = rolloutBucket(name, userId);
  return { value: bucket <= percentage, reason: "SPLIT", bucket };
}
