import { describe, expect, test } from "vitest";
import { globMatches } from "./glob.js";

describe("glob semantics", () => {
  test("Switchyard globs match the whole name, with `?` as one character", () => {
    expect(globMatches("qwen2.?-*", "qwen2.5-7b")).toBe(true);
    expect(globMatches("qwen*", "my-qwen")).toBe(false);
    expect(globMatches("gpt-4o", "gpt-4o-mini")).toBe(false);
  });
  // LiteLLM's own wildcard semantics (start-anchored, `?` literal, sorted by specificity) are
  // config-schema's `litellmPatternMatches` / `litellmPatternOrder`, tested there against Python.
});
