import type { EvaluationContext, EvaluationReason, FlagEvaluation } from "../evaluate/types.js";

/**
 * Switchyard's reasons as OpenFeature's standard ones (the strings of the SDK's
 * `StandardResolutionReasons`). An environment override fixed the value for everyone: `STATIC`,
 * with the detail in the metadata.
 */
export const OPENFEATURE_REASONS: Readonly<Record<EvaluationReason, string>> = {
  DISABLED: "DISABLED",
  TARGETING_MATCH: "TARGETING_MATCH",
  SPLIT: "SPLIT",
  STATIC: "STATIC",
  DEFAULT: "DEFAULT",
  OVERRIDE: "STATIC",
  ERROR: "ERROR",
};

/** OpenFeature's reason for a store serving its last known state. */
export const STALE_REASON = "STALE";

/** What an OpenFeature context may carry as a value. */
type ContextValue = unknown;

/**
 * An OpenFeature evaluation context (`{targetingKey, ...attributes}`) as Switchyard's: `targetingKey`
 * (or a string `userId` attribute) is the user id, a string `sessionId` the session, and every
 * string, number or boolean attribute a property (usable as stickiness). Other values are ignored.
 */
export function fromOpenFeatureContext(
  context: Readonly<Record<string, ContextValue>> | undefined,
): EvaluationContext {
  if (context === undefined) return {};
  const { targetingKey, ...attributes } = context;
  const properties: Record<string, string | number | boolean | undefined> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      Object.defineProperty(properties, key, { value, enumerable: true });
    }
  }
  const userId =
    targetingKey !== undefined && targetingKey !== null
      ? targetingKey
      : typeof attributes.userId === "string"
        ? attributes.userId
        : undefined;
  const sessionId = typeof attributes.sessionId === "string" ? attributes.sessionId : undefined;
  return {
    ...(userId !== undefined ? { userId: userId as string } : {}),
    ...(sessionId !== undefined ? { sessionId } : {}),
    properties,
  };
}

/** The metadata every OpenFeature-facing answer carries: version, bucket, override, Switchyard's own reason. */
export function evaluationMetadata(result: FlagEvaluation): Record<string, string | number | boolean> {
  return {
    version: result.version,
    ...(result.bucket !== undefined ? { bucket: result.bucket } : {}),
    ...(result.reason === "OVERRIDE" ? { override: true } : {}),
    switchyardReason: result.reason,
  };
}
