import type { Flag } from "@switchyard/config-schema";
import { describe, expect, test } from "vitest";
import { evaluateFlag } from "./evaluate.js";
import { rolloutBucket } from "./murmurhash3.js";

const now = new Date("2026-06-15T12:00:00Z");
const flag = (overrides: Partial<Flag>): Flag => ({ enabled: true, ...overrides });

describe("evaluateFlag", () => {
  test("a disabled flag is off for everyone, whitelist included", () => {
    expect(evaluateFlag("f", flag({ enabled: false, whitelist: ["ann"] }), { userId: "ann" }, now)).toEqual({
      value: false,
      reason: "DISABLED",
    });
  });

  test("blacklist beats whitelist; whitelist beats a 0% rollout", () => {
    const f = flag({ rollout_percentage: 0, whitelist: ["ann", "bob"], blacklist: ["bob"] });
    expect(evaluateFlag("f", f, { userId: "ann" }, now).value).toBe(true);
    expect(evaluateFlag("f", f, { userId: "bob" }, now).value).toBe(false);
    expect(evaluateFlag("f", f, { userId: "cat" }, now).value).toBe(false);
  });

  test("the date window: start inclusive, end_date as a plain date includes that day", () => {
    expect(evaluateFlag("f", flag({ start_date: "2026-06-15T12:00:00Z" }), {}, now).value).toBe(true);
    expect(evaluateFlag("f", flag({ start_date: "2026-06-15T12:00:01Z" }), {}, now).value).toBe(false);
    expect(evaluateFlag("f", flag({ end_date: "2026-06-15" }), {}, now).value).toBe(true);
    expect(evaluateFlag("f", flag({ end_date: "2026-06-15T12:00:00Z" }), {}, now).value).toBe(false);
    expect(evaluateFlag("f", flag({ end_date: "2026-06-14" }), {}, now).value).toBe(false);
  });

  test("config dates: at 12:00 UTC on a plain end_date the flag is still on, off from 00:00 UTC next day", () => {
    const f = flag({ end_date: "2026-06-15" });
    expect(evaluateFlag("f", f, {}, new Date("2026-06-15T12:00:00Z")).value).toBe(true);
    expect(evaluateFlag("f", f, {}, new Date("2026-06-15T23:59:59.999Z")).value).toBe(true);
    expect(evaluateFlag("f", f, {}, new Date("2026-06-16T00:00:00Z")).value).toBe(false);
    // A date-time without a zone is UTC, whatever the host's time zone.
    expect(evaluateFlag("f", flag({ end_date: "2026-06-15T12:00" }), {}, now).value).toBe(false);
    expect(evaluateFlag("f", flag({ start_date: "2026-06-15T12:00" }), {}, now).value).toBe(true);
    expect(evaluateFlag("f", flag({ start_date: "2026-06-15T12:00:01" }), {}, now).value).toBe(false);
  });

  test("a partial rollout is decided by the Unleash bucket of flag name and user", () => {
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    for (const userId of users) {
      const result = evaluateFlag("new-router", flag({ rollout_percentage: 30 }), { userId }, now);
      expect(result.reason).toBe("SPLIT");
      expect(result.value).toBe(rolloutBucket("new-router", userId) <= 30);
    }
  });

  test("raising the percentage only adds users", () => {
    const users = Array.from({ length: 300 }, (_, i) => `u${i}`);
    const on = (p: number) =>
      new Set(
        users.filter((userId) => evaluateFlag("f", flag({ rollout_percentage: p }), { userId }, now).value),
      );
    const at20 = on(20);
    const at50 = on(50);
    for (const u of at20) expect(at50.has(u)).toBe(true);
    expect(at50.size).toBeGreaterThan(at20.size);
  });

  test("no user id under a partial rollout falls back to off with reason DEFAULT", () => {
    expect(evaluateFlag("f", flag({ rollout_percentage: 50 }), {}, now)).toEqual({
      value: false,
      reason: "DEFAULT",
    });
  });
});
