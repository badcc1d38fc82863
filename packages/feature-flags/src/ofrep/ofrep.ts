import * as z from "zod";
import type { FlagEngine } from "../engine.js";
import type { FlagEvaluation } from "../evaluate/types.js";
import {
  evaluationMetadata,
  fromOpenFeatureContext,
  OPENFEATURE_REASONS,
  STALE_REASON,
} from "../openfeature/mapping.js";

/**
 * The body of an OFREP evaluation request (single and bulk): an optional evaluation context whose
 * `targetingKey`, when present, is a string (OpenFeature's rule).
 */
export const OfrepEvaluationRequestSchema = z
  .object({
    context: z
      .looseObject({
        targetingKey: z.string().optional().describe("The user id: lists match it; the default stickiness."),
      })
      .optional()
      .describe("The OpenFeature evaluation context: targetingKey and any attributes."),
  })
  .describe("An OFREP evaluation request.");

/** An OFREP evaluation request body. */
export type OfrepEvaluationRequest = z.infer<typeof OfrepEvaluationRequestSchema>;

/** OFREP's error codes (OpenFeature's, as the protocol lists them). */
export type OfrepErrorCode =
  | "FLAG_NOT_FOUND"
  | "PARSE_ERROR"
  | "TARGETING_KEY_MISSING"
  | "INVALID_CONTEXT"
  | "GENERAL";

/** A successful OFREP evaluation. */
export interface OfrepSuccess {
  readonly key: string;
  readonly value: boolean;
  /** OpenFeature's reason (`STALE` while the store serves its last known state). */
  readonly reason: string;
  /** `on` or `off`. */
  readonly variant: string;
  /** `version`, `bucket` when a percentage decided, `override`, and Switchyard's own `switchyardReason`. */
  readonly metadata: Readonly<Record<string, string | number | boolean>>;
}

/** A failed OFREP evaluation (the default value applies). */
export interface OfrepFailure {
  readonly key: string;
  readonly errorCode: OfrepErrorCode;
  readonly errorDetails: string;
}

/** Options of the OFREP evaluations. */
export interface OfrepOptions {
  /** The store is serving its last known state: reasons read `STALE`. */
  readonly stale?: boolean;
  /** The time to evaluate at (ms since the epoch); default now. */
  readonly now?: number;
}

/** A Switchyard evaluation as OFREP's answer. */
export function toOfrep(
  key: string,
  result: FlagEvaluation,
  options: OfrepOptions = {},
): OfrepSuccess | OfrepFailure {
  if (result.errorCode === "FLAG_NOT_FOUND") {
    return { key, errorCode: "FLAG_NOT_FOUND", errorDetails: `No flag '${key}'` };
  }
  if (result.errorCode === "INVALID_CONTEXT") {
    return { key, errorCode: "INVALID_CONTEXT", errorDetails: "targetingKey must be a string" };
  }
  return {
    key,
    value: result.value,
    reason: options.stale ? STALE_REASON : OPENFEATURE_REASONS[result.reason],
    variant: result.value ? "on" : "off",
    metadata: evaluationMetadata(result),
  };
}

/** Whether an OFREP answer is a failure. */
export function isOfrepFailure(answer: OfrepSuccess | OfrepFailure): answer is OfrepFailure {
  return "errorCode" in answer;
}

/** `POST /ofrep/v1/evaluate/flags/{key}`: one flag for one context. */
export function ofrepEvaluateFlag(
  engine: FlagEngine,
  key: string,
  request: OfrepEvaluationRequest,
  options: OfrepOptions = {},
): OfrepSuccess | OfrepFailure {
  return toOfrep(key, engine.evaluate(key, fromOpenFeatureContext(request.context), options.now), options);
}

/**
 * `POST /ofrep/v1/evaluate/flags`: every flag for one context, in the store's order (OFREP has no
 * flag filter in bulk requests).
 */
export function ofrepEvaluateFlags(
  engine: FlagEngine,
  request: OfrepEvaluationRequest,
  options: OfrepOptions = {},
): { readonly flags: readonly (OfrepSuccess | OfrepFailure)[] } {
  const context = fromOpenFeatureContext(request.context);
  const now = options.now ?? Date.now();
  const flags: (OfrepSuccess | OfrepFailure)[] = [];
  for (const info of engine.listFlags())
    flags.push(toOfrep(info.name, engine.evaluate(info.name, context, now), options));
  return { flags };
}
