import fc from "fast-check";
import { normalizedStrategyValue } from "unleash-client/lib/strategy/util.js";
import { describe, expect, test } from "vitest";
import { hashPrefix, murmurhash3, murmurhash3WithPrefix, rolloutBucket } from "./murmurhash3.js";

/** The reference MurmurHash3_x86_32 (Appleby's C code, transcribed) over bytes. */
function referenceHash(data: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const blocks = data.length & ~3;
  let h = seed | 0;
  for (let i = 0; i < blocks; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = data.length & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= data[blocks + 2]! << 16;
    if (tail >= 2) k ^= data[blocks + 1]! << 8;
    k ^= data[blocks]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) });

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

  test("differential: the in-loop UTF-8 encoding hashes exactly the bytes TextEncoder produces (random Unicode)", () => {
    const anyText = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }), // every code point, lone surrogates included
      fc.string({ unit: "binary-ascii" }),
    );
    fc.assert(
      fc.property(anyText, anyText, fc.integer({ min: 0, max: 0xffffffff }), (prefix, key, seed) => {
        expect(murmurhash3(key, seed)).toBe(referenceHash(utf8(key), seed));
        expect(murmurhash3WithPrefix(hashPrefix(prefix, seed), key)).toBe(
          referenceHash(utf8(prefix + key), seed),
        );
      }),
      { numRuns: 5000 },
    );
  });

  test("agrees with the unleash-client Node SDK on every ASCII id", () => {
    fc.assert(
      fc.property(ascii, ascii, (group, id) => {
        expect(rolloutBucket(group, id)).toBe(normalizedStrategyValue(id, group));
      }),
      { numRuns: 5000 },
    );
  });

  test("documented difference: on non-ASCII ids the Node SDK hashes UTF-16 low bytes, we hash UTF-8 (Yggdrasil)", () => {
    // "ü" is U+00FC: UTF-8 C3 BC (what Yggdrasil and every other SDK hash); murmurhash3js takes FC.
    expect(rolloutBucket("flag", "jürgen")).toBe((referenceHash(utf8("flag:jürgen")) % 100) + 1);
    const lowBytes = Uint8Array.from("flag:jürgen", (c) => c.charCodeAt(0) & 0xff);
    expect(normalizedStrategyValue("jürgen", "flag")).toBe((referenceHash(lowBytes) % 100) + 1);
    expect(rolloutBucket("flag", "jürgen")).not.toBe(normalizedStrategyValue("jürgen", "flag"));
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
