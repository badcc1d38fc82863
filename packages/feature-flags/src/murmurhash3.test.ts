import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { murmurhash3, rolloutBucket } from "./murmurhash3.js";

describe("murmurhash3", () => {
  test("matches the reference MurmurHash3_x86_32 vectors", () => {
    expect(murmurhash3("", 0)).toBe(0);
    expect(murmurhash3("", 1)).toBe(0x514e28b7);
    expect(murmurhash3("", 0xffffffff)).toBe(0x81f16f39);
    expect(murmurhash3("Hello, world!", 1234)).toBe(0xfaf6cdb3);
    expect(murmurhash3("The quick brown fox jumps over the lazy dog", 0x9747b28c)).toBe(0x2fa826cd);
    expect(murmurhash3("aaaa", 0x9747b28c)).toBe(0x5a97808a);
    expect(murmurhash3("abc", 0)).toBe(0xb3dd93fa);
  });

  test("agrees with Unleash's bucket vectors (field guide)", () => {
    expect(rolloutBucket("AB12A", "122")).toBe(23);
    expect(rolloutBucket("AB12A", "155")).toBe(100);
    expect(rolloutBucket("Feature.flexibleRollout.10", "174")).toBe(10);
    expect(rolloutBucket("Feature.flexibleRollout.userId.55", "25")).toBe(55);
  });

  test("property: buckets are always 1..100", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (group, user) => {
        const bucket = rolloutBucket(group, user);
        expect(bucket).toBeGreaterThanOrEqual(1);
        expect(bucket).toBeLessThanOrEqual(100);
      }),
    );
  });
});
