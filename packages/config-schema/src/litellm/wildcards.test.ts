import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import {
  litellmPatternMatches,
  litellmPatternOrder,
  litellmPatternRegex,
  litellmRouteFor,
} from "./wildcards.js";

const PATTERNS = [
  "*",
  "anthropic/*",
  "groq/*",
  "openai/fo::*::static::*",
  "qwen2.5-*",
  "claude-3.5 (beta)*",
  "a+b?c|d^e$f#g&h~i[j]k{l}*",
];

describe("LiteLLM's wildcard routes", () => {
  test("the expression is Python's re.escape with every * made (.*), as LiteLLM builds it", () => {
    // Python is required here (as in CI): the point is to agree with LiteLLM's own language.
    const script =
      "import json, re, sys; print(json.dumps([re.escape(p).replace(r'\\*', '(.*)') for p in json.loads(sys.argv[1])]))";
    const run = spawnSync("python3", ["-c", script, JSON.stringify(PATTERNS)], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(PATTERNS.map(litellmPatternRegex)).toEqual(JSON.parse(run.stdout));
  });

  test("routes are tried most specific first, ties in the listed order, one group per expression", () => {
    expect(litellmPatternOrder(["*", "anthropic/*", "groq/*", "gpt-4o", "anthropic/*"])).toEqual([
      "anthropic/*",
      "groq/*",
      "*",
    ]);
    expect(litellmPatternOrder(["groq/*", "xai1/*"])).toEqual(["groq/*", "xai1/*"]);
    expect(litellmPatternOrder(["xai1/*", "groq/*"])).toEqual(["xai1/*", "groq/*"]);
  });

  test("a request matches from the start of its name, not to its end", () => {
    expect(litellmPatternMatches("anthropic/*", "anthropic/claude-3")).toBe(true);
    expect(litellmPatternMatches("gpt-4*-mini", "gpt-4o-mini-2024")).toBe(true);
    expect(litellmPatternMatches("gpt-4*", "my-gpt-4")).toBe(false);
    expect(litellmPatternMatches("a?b*", "axb")).toBe(false);
    expect(litellmRouteFor(["*", "anthropic/*"], "anthropic/claude-3")).toBe("anthropic/*");
    expect(litellmRouteFor(["*", "anthropic/*"], "gpt-4o")).toBe("*");
    expect(litellmRouteFor(["anthropic/*"], "gpt-4o")).toBeUndefined();
  });
});

describe("LiteLLM's wildcard matching treats `?` and `.` literally", () => {
  test("only `*` is special", () => {
    expect(litellmPatternMatches("gpt-4o", "gpt-4o-mini")).toBe(true);
    expect(litellmPatternMatches("qwen*", "my-qwen")).toBe(false);
    expect(litellmPatternMatches("qwen2.?", "qwen2.5")).toBe(false);
    expect(litellmPatternMatches("a.b*", "axb")).toBe(false);
  });
});
