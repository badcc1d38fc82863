import { describe, expect, test } from "vitest";
import { globMatches, litellmWildcardMatches, wildcardsOverlap } from "./glob.js";

describe("glob semantics", () => {
  test("Switchyard globs match the whole name, with `?` as one character", () => {
    expect(globMatches("qwen2.?-*", "qwen2.5-7b")).toBe(true);
    expect(globMatches("qwen*", "my-qwen")).toBe(false);
    expect(globMatches("gpt-4o", "gpt-4o-mini")).toBe(false);
  });

  test("LiteLLM wildcards are anchored at the start only and treat `?` and `.` literally", () => {
    expect(litellmWildcardMatches("gpt-4o", "gpt-4o-mini")).toBe(true);
    expect(litellmWildcardMatches("qwen*", "my-qwen")).toBe(false);
    expect(litellmWildcardMatches("qwen2.?", "qwen2.5")).toBe(false);
    expect(litellmWildcardMatches("a.b*", "axb")).toBe(false);
  });

  test("two wildcards overlap when one literal prefix extends the other", () => {
    expect(wildcardsOverlap("q*", "qwen2.5-*")).toBe(true);
    expect(wildcardsOverlap("qwen*", "llama*")).toBe(false);
    expect(wildcardsOverlap("*-instruct", "llama*")).toBe(true);
  });
});
