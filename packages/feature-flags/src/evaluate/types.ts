/**
 * Who a flag is evaluated for. `userId` is OpenFeature's `targetingKey`; a flag's `stickiness`
 * may name `sessionId` or any other field, looked up in `properties` first, then on the context.
 */
export interface EvaluationContext {
  /** The user id: white- and blacklists match it, and it is the default stickiness. */
  readonly userId?: string;
  /** A session id, for `stickiness: sessionId`. */
  readonly sessionId?: string;
  /** Custom fields, for `stickiness: <field>`. */
  readonly properties?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Other fields (e.g. `tenantId`), also usable as stickiness. */
  readonly [field: string]: unknown;
}

/**
 * Why a flag evaluated the way it did. The OpenFeature names where one fits (`DISABLED`,
 * `TARGETING_MATCH`, `SPLIT`, `STATIC`, `DEFAULT`, `ERROR`), plus `OVERRIDE` when an environment
 * override decided.
 */
export type EvaluationReason =
  | "DISABLED"
  | "TARGETING_MATCH"
  | "SPLIT"
  | "STATIC"
  | "DEFAULT"
  | "OVERRIDE"
  | "ERROR";

/** Why an evaluation fell back to the default (off): OpenFeature's error codes. */
export type EvaluationErrorCode = "FLAG_NOT_FOUND" | "INVALID_CONTEXT";

/** The value of a flag for one context, with the reason. Evaluation never throws. */
export interface FlagEvaluation {
  readonly value: boolean;
  readonly reason: EvaluationReason;
  /** The rollout bucket (1–100) when the percentage decided. */
  readonly bucket?: number;
  /** The flag's version (0 for an unknown flag), for ETags and caches. */
  readonly version: number;
  /** The variant's name, once flags have variants (not yet: boolean flags only). */
  readonly variant?: string;
  /** Set when the evaluation could not be done and the default (off) was returned. */
  readonly errorCode?: EvaluationErrorCode;
}
