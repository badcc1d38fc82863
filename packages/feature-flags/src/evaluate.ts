import { type Flag, isWithinWindow, windowEnd, windowStart } from "@switchyard/config-schema";
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

/**
 * Evaluate one flag. Order: globally off → DISABLED; outside the date window (config-schema's config dates:
 * UTC, start inclusive, end exclusive, a plain `end_date` includes that whole day) → TARGETING_MATCH off; blacklisted → off; whitelisted → on; then the
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
  if (!isWithinWindow(time, windowStart(flag.start_date), windowEnd(flag.end_date))) {
    return { value: false, reason: "TARGETING_MATCH" };
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
