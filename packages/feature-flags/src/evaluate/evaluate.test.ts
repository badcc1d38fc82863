import type { Flag } from "@switchyard/config-schema/schemas";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { rolloutBucket } from "../hash/murmurhash3.js";
import { evaluateFlag } from "./evaluate.js";
import type { EvaluationContext } from "./types.js";

const now = new Date("2026-06-15T12:00:00Z");
const flag = (overrides: Partial<Flag>): Flag => ({ enabled: true, ...overrides });

/**
 * A user whose bucket for flag `f` is above 50, and one at or below it: stated, not searched for
 * with the hash under test (Unleash's normalised MurmurHash3 of "f:user-0" is 87, of "f:user-1" 31;
 * the hash itself is checked against the Unleash client specification in murmurhash3.test.ts).
 */
const high = "user-0";
const low = "user-1";

test("the two users' buckets for flag f are the stated ones", () => {
  expect([rolloutBucket("f", high), rolloutBucket("f", low)]).toEqual([87, 31]);
});

describe("the legacy decision order, one test per branch", () => {
  // Every flag below would be ON if the branch under test were skipped.
  test("1. unknown flag → off, FLAG_NOT_FOUND", () => {
    expect(evaluateFlag("nope", undefined, { userId: "ann" }, now)).toEqual({
      value: false,
      reason: "ERROR",
      version: 0,
      errorCode: "FLAG_NOT_FOUND",
    });
  });

  test("2. globally disabled → off, even for a whitelisted user", () => {
    expect(evaluateFlag("f", flag({ enabled: false, whitelist: ["ann"] }), { userId: "ann" }, now)).toEqual({
      value: false,
      reason: "DISABLED",
      version: 1,
    });
  });

  test("3. blacklisted → off, even when also whitelisted and inside a 100 % rollout", () => {
    const f = flag({ blacklist: ["ann"], whitelist: ["ann"] });
    expect(evaluateFlag("f", f, { userId: "ann" }, now)).toEqual({
      value: false,
      reason: "TARGETING_MATCH",
      version: 1,
    });
  });

  test("4. whitelisted → on, before the start date and at 0 % (phase 1 of every rollout)", () => {
    const f = flag({ whitelist: ["ann"], rollout_percentage: 0, start_date: "2026-07-01" });
    expect(evaluateFlag("f", f, { userId: "ann" }, now)).toEqual({
      value: true,
      reason: "TARGETING_MATCH",
      version: 1,
    });
    expect(evaluateFlag("f", f, { userId: "bob" }, now).value).toBe(false);
  });

  test("5. outside start_date/end_date → off for everyone not whitelisted", () => {
    expect(evaluateFlag("f", flag({ start_date: "2026-06-16" }), { userId: "bob" }, now)).toEqual({
      value: false,
      reason: "TARGETING_MATCH",
      version: 1,
    });
    expect(evaluateFlag("f", flag({ end_date: "2026-06-14" }), { userId: "bob" }, now).value).toBe(false);
    expect(evaluateFlag("f", flag({ start_date: "2026-06-15", end_date: "2026-06-15" }), {}, now).value).toBe(
      true,
    );
  });

  test("6. rollout by bucket: the Unleash bucket of '<flag>:<userId>' against the percentage", () => {
    const f = flag({ rollout_percentage: 50 });
    expect(evaluateFlag("f", f, { userId: low }, now)).toEqual({
      value: true,
      reason: "SPLIT",
      bucket: 31,
      version: 1,
    });
    expect(evaluateFlag("f", f, { userId: high }, now)).toEqual({
      value: false,
      reason: "SPLIT",
      bucket: 87,
      version: 1,
    });
    expect(evaluateFlag("f", f, {}, now)).toEqual({ value: false, reason: "DEFAULT", version: 1 });
    expect(evaluateFlag("f", flag({ rollout_percentage: 0 }), { userId: low }, now).value).toBe(false);
  });

  test("7. 100 % (the default) → on, with or without a user", () => {
    expect(evaluateFlag("f", flag({}), {}, now)).toEqual({ value: true, reason: "STATIC", version: 1 });
    expect(evaluateFlag("f", flag({ rollout_percentage: 100 }), { userId: high }, now).value).toBe(true);
  });
});

describe("bucketing options", () => {
  test("group_id replaces the flag name in the hashed string", () => {
    // Buckets of the Unleash client specification (flexible rollout with groupId "AB12A").
    const grouped = flag({ rollout_percentage: 50, group_id: "AB12A" });
    expect(evaluateFlag("f", grouped, { userId: "122" }, now)).toMatchObject({ value: true, bucket: 23 });
    expect(evaluateFlag("f", grouped, { userId: "155" }, now)).toMatchObject({ value: false, bucket: 100 });
  });

  test("stickiness names sessionId or any property; without a value a partial rollout is off", () => {
    const bySession = flag({ rollout_percentage: 50, stickiness: "sessionId" });
    expect(evaluateFlag("f", bySession, { userId: "x", sessionId: "s-1" }, now).bucket).toBe(
      rolloutBucket("f", "s-1"),
    );
    expect(evaluateFlag("f", bySession, { userId: "x" }, now).reason).toBe("DEFAULT");
    const byTenant = flag({ rollout_percentage: 50, stickiness: "tenantId" });
    expect(evaluateFlag("f", byTenant, { properties: { tenantId: "acme" } }, now).bucket).toBe(
      rolloutBucket("f", "acme"),
    );
    expect(evaluateFlag("f", byTenant, { tenantId: "acme" }, now).bucket).toBe(rolloutBucket("f", "acme"));
    expect(evaluateFlag("f", byTenant, { tenantId: 42 }, now).bucket).toBe(rolloutBucket("f", "42"));
  });

  test("property: raising the percentage only adds users (monotonic rollout)", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (name, ids, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          for (const userId of ids) {
            const atLo = evaluateFlag(name, flag({ rollout_percentage: lo }), { userId }, now).value;
            const atHi = evaluateFlag(name, flag({ rollout_percentage: hi }), { userId }, now).value;
            if (atLo) expect(atHi).toBe(true);
          }
        },
      ),
    );
  });

  test("the version is the flag's, 1 when it carries none", () => {
    expect(evaluateFlag("f", flag({ version: 7 }), {}, now).version).toBe(7);
  });
});

describe("evaluation never throws", () => {
  test("a bad context gives off with INVALID_CONTEXT", () => {
    const f = flag({ rollout_percentage: 50 });
    for (const context of [null, 42, "ann", { userId: {} }, { userId: Number.NaN }]) {
      expect(evaluateFlag("f", f, context as unknown as EvaluationContext, now)).toEqual({
        value: false,
        reason: "ERROR",
        version: 1,
        errorCode: "INVALID_CONTEXT",
      });
    }
    expect(
      evaluateFlag("f", flag({ rollout_percentage: 50, stickiness: "t" }), { t: {} }, now).errorCode,
    ).toBe("INVALID_CONTEXT");
  });

  test("property: any context and flag evaluate to a boolean with a reason", () => {
    fc.assert(
      fc.property(fc.anything(), fc.integer({ min: 0, max: 100 }), (context, p) => {
        const result = evaluateFlag("f", flag({ rollout_percentage: p }), context as EvaluationContext, now);
        expect(typeof result.value).toBe("boolean");
        expect(typeof result.reason).toBe("string");
      }),
    );
  });
});

describe("config dates (config-schema's one definition)", () => {
  test("at 12:00 UTC on a plain end_date the flag is still on, off from 00:00 UTC next day", () => {
    const f = flag({ end_date: "2026-06-15" });
    expect(evaluateFlag("f", f, {}, new Date("2026-06-15T12:00:00Z")).value).toBe(true);
    expect(evaluateFlag("f", f, {}, new Date("2026-06-15T23:59:59.999Z")).value).toBe(true);
    expect(evaluateFlag("f", f, {}, new Date("2026-06-16T00:00:00Z")).value).toBe(false);
  });

  test("start inclusive, date-time end exclusive, a date-time without a zone is UTC", () => {
    expect(evaluateFlag("f", flag({ start_date: "2026-06-15T12:00:00Z" }), {}, now).value).toBe(true);
    expect(evaluateFlag("f", flag({ start_date: "2026-06-15T12:00:01Z" }), {}, now).value).toBe(false);
    expect(evaluateFlag("f", flag({ end_date: "2026-06-15T12:00:00Z" }), {}, now).value).toBe(false);
    expect(evaluateFlag("f", flag({ end_date: "2026-06-15T12:00" }), {}, now).value).toBe(false);
    expect(evaluateFlag("f", flag({ start_date: "2026-06-15T12:00" }), {}, now).value).toBe(true);
    expect(evaluateFlag("f", flag({ end_date: "2026-06-15T12:00:01" }), {}, now.getTime()).value).toBe(true);
  });
});
