import { describe, expect, it } from "vitest";
import { isMap, parseDocument } from "yaml";
import { lookupPath } from "./positions.js";

/** (uniqueKeys: false: the yaml composer checks duplicates in O(n²).) A map of `n` entries `k0: 0`, `k1: 1`, …, with a duplicate `k5` and a numeric key at the end. */
function bigMap(n: number): string {
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`k${i}: ${i}`);
  lines.push("k5: duplicate", "7: seven", "null: x");
  return `${lines.join("\n")}\n`;
}

describe("lookupPath's indexed map lookup (rangeOf's one walk)", () => {
  it.each([4, 5_000])("finds the first entry by key text in a map of %i entries", (n) => {
    const document = parseDocument(bigMap(n), { uniqueKeys: false });
    const last = lookupPath(document.contents, [`k${n - 1}`]);
    expect(String((last.value as { value: unknown }).value)).toBe(String(n - 1));
    // Duplicates: the first wins, as the linear scan did.
    expect((lookupPath(document.contents, ["k5"]).value as { value: unknown } | undefined)?.value).toBe(
      n > 5 ? 5 : "duplicate",
    );
    // A path segment "7" or 7 finds the integer key 7; the key `null` is text "null".
    expect(lookupPath(document.contents, ["7"]).value).toBeDefined();
    expect(lookupPath(document.contents, [7]).value).toBeDefined();
    expect(lookupPath(document.contents, ["nope"]).depth).toBe(0);
  });

  it("sees a map edited in place: a renamed, added or deleted key", () => {
    const document = parseDocument(bigMap(100), { uniqueKeys: false });
    const map = document.contents;
    if (!isMap(map)) throw new Error("not a map");
    expect(lookupPath(map, ["k50"]).value).toBeDefined();
    const pair = map.items[50]!;
    (pair.key as { value: unknown }).value = "renamed";
    expect(lookupPath(map, ["k50"]).value).toBeUndefined();
    expect(lookupPath(map, ["renamed"]).value).toBeDefined();
    map.items.push(document.createPair("added", 1) as (typeof map.items)[number]);
    expect(lookupPath(map, ["added"]).value).toBeDefined();
    map.delete("k10");
    expect(lookupPath(map, ["k10"]).value).toBeUndefined();
    expect(lookupPath(map, ["k11"]).value).toBeDefined();
  });

  it("a lookup costs the same in a map of 20,000 entries as in one of 1,000 (no linear scan)", () => {
    // Timed relative to itself, so a busy machine slows both sides: a scan is 20 times slower.
    const time = (n: number) => {
      const document = parseDocument(bigMap(n), { uniqueKeys: false });
      lookupPath(document.contents, ["k0"]);
      const started = performance.now();
      for (let i = 0; i < 20_000; i++) lookupPath(document.contents, [`k${(i * 7919) % n}`]);
      return performance.now() - started;
    };
    const small = time(1_000);
    const large = time(20_000);
    expect(large).toBeLessThan(5 * small + 50);
  });
});
