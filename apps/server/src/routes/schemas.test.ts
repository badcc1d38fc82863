import FindMyWay from "find-my-way";
import { describe, expect, it } from "vitest";
import { EvaluateQuerySchema, FlagParamsSchema, precheck } from "./schemas.js";

/** A small seeded generator (mulberry32), so a failure names inputs that can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters that sit on every rule's edge: name characters, separators, blanks, line breaks,
// non-ASCII, a lone surrogate, `__proto__`'s underscores.
const ALPHABET = [
  "a",
  "Z",
  "0",
  "9",
  ".",
  "_",
  "-",
  " ",
  "\t",
  "\r",
  "\n",
  "/",
  "%",
  "é",
  "😀",
  "\ud800",
  "x",
];

function randomString(next: () => number): string {
  const roll = next();
  const length = roll < 0.05 ? 0 : roll < 0.1 ? 120 + Math.floor(next() * 420) : Math.floor(next() * 12);
  let text = "";
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

function randomValue(next: () => number): unknown {
  const roll = next();
  if (roll < 0.1) return undefined;
  if (roll < 0.2) return [randomString(next), randomString(next)];
  return randomString(next);
}

describe("precompiled checks agree with their schemas", () => {
  it("flagParams: accepted only when FlagParamsSchema returns the input unchanged", () => {
    const next = random(15);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const raw: Record<string, unknown> = { flag: randomValue(next) };
      if (next() < 0.05) raw.extra = "x";
      const parsed = FlagParamsSchema.safeParse(raw);
      if (precheck.flagParams(raw)) {
        accepted++;
        expect(parsed.success, JSON.stringify(raw)).toBe(true);
        expect(parsed.data).toEqual(raw);
      } else if (parsed.success) {
        // Rejecting valid input is allowed (the schema then parses it), but only for extra keys.
        expect(Object.keys(raw)).toContain("extra");
      }
    }
    expect(accepted).toBeGreaterThan(300);
  });

  it("evaluateQuery: accepted only when EvaluateQuerySchema returns the input unchanged", () => {
    const next = random(13);
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      // Null-prototype dictionaries, as find-my-way's query parser makes them (an empty prototype
      // with a null prototype), or plain ones.
      const roll = next();
      const raw: Record<string, unknown> =
        roll < 0.4 ? Object.create(null) : roll < 0.8 ? Object.create(Object.create(null)) : {};
      if (next() < 0.8) raw.user = randomValue(next);
      if (next() < 0.3) raw.session = randomValue(next);
      if (next() < 0.2) raw.plan = randomValue(next);
      // A null-prototype object (as find-my-way makes) holds `__proto__` as an own key.
      if (next() < 0.05) Object.defineProperty(raw, "__proto__", { value: "x", enumerable: true });
      for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
      const parsed = EvaluateQuerySchema.safeParse(raw);
      if (precheck.evaluateQuery(raw)) {
        accepted++;
        expect(parsed.success, JSON.stringify(raw)).toBe(true);
        expect({ ...parsed.data }).toEqual({ ...raw });
      } else {
        refused++;
        // Refused: the schema rejects it too, or it holds `__proto__` (the schema drops that key), or
        // an id over 512 UTF-16 units (the schema counts code points; the check leaves it to the schema).
        if (parsed.success) {
          const long = [raw.user, raw.session].some((v) => typeof v === "string" && v.length > 512);
          expect(Object.hasOwn(raw, "__proto__") || long, JSON.stringify(raw)).toBe(true);
        }
      }
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });

  it("the edges: blank and multi-line ids, arrays from repeated parameters, over-long names", () => {
    expect(precheck.evaluateQuery({ user: "   " })).toBe(false);
    expect(precheck.evaluateQuery({ user: "a\nb" })).toBe(false);
    expect(precheck.evaluateQuery({ user: ["a", "b"] })).toBe(false);
    expect(precheck.evaluateQuery({ user: "x".repeat(513) })).toBe(false);
    expect(precheck.evaluateQuery({ user: "x".repeat(512), session: "s" })).toBe(true);
    expect(precheck.flagParams({ flag: "../etc" })).toBe(false);
    expect(precheck.flagParams({ flag: "a".repeat(129) })).toBe(false);
    expect(precheck.flagParams({ flag: "new-router.v2_beta" })).toBe(true);
  });

  it("accepts the params and query objects find-my-way hands a route, and nothing with a prototype of its own", () => {
    const router = FindMyWay();
    const seen: [Record<string, unknown>, Record<string, unknown>][] = [];
    router.on("GET", "/api/v1/features/:flag", (_req, _res, params, _store, query) => {
      seen.push([params as Record<string, unknown>, query as Record<string, unknown>]);
    });
    const lookup = (url: string) => router.lookup({ method: "GET", url, headers: {} } as never, {} as never);
    lookup("/api/v1/features/new-router?user=user-7&plan=pro");
    lookup("/api/v1/features/new-router?__proto__=x&user=u");
    const [[params, query], [, polluted]] = seen as [(typeof seen)[0], (typeof seen)[0]];
    expect(precheck.flagParams(params)).toBe(true);
    expect(precheck.evaluateQuery(query)).toBe(true);
    // fast-querystring keeps `__proto__` as an own key of its null-prototype dictionary; the schema drops it.
    expect(Object.hasOwn(polluted, "__proto__")).toBe(true);
    expect(precheck.evaluateQuery(polluted)).toBe(false);
    expect(precheck.evaluateQuery(new (class Query {})())).toBe(false);
    expect(precheck.flagParams(Object.assign(new Date(0), { flag: "x" }))).toBe(false);
  });
});
