import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGlob, GlobIndex, globIncludes, globMatches } from "./glob.js";

const matches = (pattern: string, name: string) => globMatches(compileGlob(pattern), name);
const includes = (outer: string, inner: string) => globIncludes(compileGlob(outer), compileGlob(inner));

/** A reference matcher by dynamic programming, to check the greedy one against. */
function reference(pattern: string, name: string): boolean {
  const p = [...pattern];
  const s = [...name];
  let row = new Array<boolean>(s.length + 1).fill(false);
  row[0] = true;
  for (const ch of p) {
    const next = new Array<boolean>(s.length + 1).fill(false);
    if (ch === "*") {
      for (let j = 0; j <= s.length; j++) next[j] = row[j]! || (j > 0 && next[j - 1]!);
    } else {
      for (let j = 1; j <= s.length; j++) next[j] = row[j - 1]! && (ch === "?" || ch === s[j - 1]);
    }
    row = next;
  }
  return row[s.length]!;
}

describe("globMatches", () => {
  it("`?` is one character, also outside the BMP (the generator's copy needed `??` for an emoji)", () => {
    expect(matches("chat-?", "chat-😀")).toBe(true);
    expect(matches("chat-??", "chat-😀")).toBe(false);
    expect(matches("?-*", "𝔸-1")).toBe(true);
  });

  it.each([
    ["gpt-*", "gpt-4o", true],
    ["gpt-*", "gpt-", true],
    ["gpt-*", "chatgpt-4o", false],
    ["ollama/*", "ollama/llama3.1:8b", true],
    ["qwen?.5*", "qwen2.5-coder", true],
    ["qwen?.5*", "qwen.5", false],
    ["*-instruct", "mistral-7b-instruct", true],
    ["*-instruct", "mistral-7b-instruct-v2", false],
    ["a*b*c", "abc", true],
    ["a*b*c", "aXbYbZc", true],
    ["a*b*c", "acb", false],
    ["exact", "exact", true],
    ["exact", "exactly", false],
  ])("%s against %s → %s", (pattern, name, expected) => {
    expect(matches(pattern, name)).toBe(expected);
  });

  it("agrees with a dynamic-programming matcher", () => {
    const alphabet = fc.constantFrom("a", "b", "*", "?");
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 8 }),
        fc.array(fc.constantFrom("a", "b"), { maxLength: 10 }),
        (p, s) => {
          expect(matches(p.join(""), s.join(""))).toBe(reference(p.join(""), s.join("")));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("stays fast on patterns that make backtracking regex engines explode", () => {
    const pattern = `${"a*".repeat(30)}b`;
    const name = "a".repeat(5000);
    const started = performance.now();
    expect(matches(pattern, name)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("globIncludes", () => {
  it.each([
    ["gpt-*", "gpt-4*", true],
    ["gpt-*", "gpt-4o", true],
    ["*", "anything*", true],
    ["gpt-4*", "gpt-*", false],
    ["gpt-?", "gpt-*", false],
    ["gpt-*", "gpt-?", true],
    ["a?c", "abc", true],
    ["abc", "a?c", false],
    ["*-instruct", "mistral-*-instruct", true],
    ["x*", "y*", false],
  ])("%s ⊇ %s → %s", (outer, inner, expected) => {
    expect(includes(outer, inner)).toBe(expected);
  });

  it("never claims an inclusion that a concrete name contradicts", () => {
    const glob = fc
      .array(fc.constantFrom("a", "b", "*", "?"), { minLength: 1, maxLength: 6 })
      .map((a) => a.join(""));
    const name = fc.array(fc.constantFrom("a", "b"), { maxLength: 8 }).map((a) => a.join(""));
    fc.assert(
      fc.property(glob, glob, name, (outer, inner, n) => {
        if (includes(outer, inner) && reference(inner, n)) expect(reference(outer, n)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("GlobIndex", () => {
  it("returns exactly the globs whose literal prefix starts the text", () => {
    const items = ["gpt-*", "gpt-4*", "*", "claude-*", "g?t"].map((source) => ({
      glob: compileGlob(source),
    }));
    const index = new GlobIndex(items);
    expect(
      index
        .candidates("gpt-4o")
        .map((i) => i.glob.source)
        .sort(),
    ).toEqual(["*", "g?t", "gpt-*", "gpt-4*"]);
    expect(
      index
        .candidates("claude-3")
        .map((i) => i.glob.source)
        .sort(),
    ).toEqual(["*", "claude-*"]);
  });
});
