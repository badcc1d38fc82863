import { describe, expect, test } from "vitest";
import { FlagEngine } from "../engine.js";
import { OfrepEvaluationRequestSchema, ofrepEvaluateFlag, ofrepEvaluateFlags } from "./ofrep.js";

const engine = new FlagEngine({
  on: { enabled: true, version: 3 },
  off: { enabled: false },
  half: { enabled: true, rollout_percentage: 50 },
  testers: { enabled: true, rollout_percentage: 0, whitelist: ["ann"] },
});

describe("OFREP answers from the engine", () => {
  test("a success carries value, OpenFeature reason, variant and metadata", () => {
    expect(ofrepEvaluateFlag(engine, "on", {})).toEqual({
      key: "on",
      value: true,
      reason: "STATIC",
      variant: "on",
      metadata: { version: 3, switchyardReason: "STATIC" },
    });
    expect(ofrepEvaluateFlag(engine, "off", {})).toMatchObject({
      value: false,
      reason: "DISABLED",
      variant: "off",
    });
    expect(ofrepEvaluateFlag(engine, "testers", { context: { targetingKey: "ann" } })).toMatchObject({
      value: true,
      reason: "TARGETING_MATCH",
    });
    const split = ofrepEvaluateFlag(engine, "half", { context: { targetingKey: "user-7" } });
    expect(split).toMatchObject({ reason: "SPLIT", metadata: { bucket: expect.any(Number) } });
  });

  test("unknown flags are FLAG_NOT_FOUND; a stale store answers STALE", () => {
    expect(ofrepEvaluateFlag(engine, "nope", {})).toEqual({
      key: "nope",
      errorCode: "FLAG_NOT_FOUND",
      errorDetails: "No flag 'nope'",
    });
    expect(ofrepEvaluateFlag(engine, "on", {}, { stale: true })).toMatchObject({
      reason: "STALE",
      value: true,
    });
  });

  test("bulk evaluates every flag in order for one context", () => {
    const { flags } = ofrepEvaluateFlags(engine, { context: { targetingKey: "ann" } });
    expect(flags.map((f) => [f.key, "value" in f && f.value])).toEqual([
      ["on", true],
      ["off", false],
      ["half", expect.any(Boolean)],
      ["testers", true],
    ]);
  });

  test("the request schema takes any attributes but a string targetingKey only", () => {
    expect(
      OfrepEvaluationRequestSchema.safeParse({ context: { targetingKey: "a", plan: "pro" } }).success,
    ).toBe(true);
    expect(OfrepEvaluationRequestSchema.safeParse({}).success).toBe(true);
    expect(OfrepEvaluationRequestSchema.safeParse({ context: { targetingKey: 5 } }).success).toBe(false);
    expect(OfrepEvaluationRequestSchema.safeParse({ context: "x" }).success).toBe(false);
  });
});
