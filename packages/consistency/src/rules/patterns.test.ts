import { describe, expect, it } from "vitest";
import { base, check, lines, relatedLines, yaml } from "../test-support.js";

describe("SY2040 shadowed-pattern", () => {
  it("reports a pattern that one LiteLLM tries first always catches; a repeated pattern is one group", () => {
    const report = check({
      ...base,
      "model-mappings": yaml`
        schema_version: "2.0.0"
        patterns:
          - pattern: "gpt-*"
            provider: openai
          - pattern: "gpt-4?"
            provider: openai
          - pattern: "claude-*"
            provider: openai
          - pattern: "gpt-*"
            provider: ollama
          - pattern: "g*"
            provider: openai
      `,
    });
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:5:14 warning SY2040 Pattern 'gpt-4?' is never used: LiteLLM tries 'gpt-*' first, and it matches every name 'gpt-4?' matches",
    ]);
    expect(relatedLines(report, "SY2040")).toEqual([
      "config/model-mappings.yaml:3:14 the pattern 'gpt-*' is here",
    ]);
  });

  it("follows LiteLLM's precedence, not the file order (LiteLLM's own proxy_server_config.yaml lists '*' first)", () => {
    const listedFirst = check({
      ...base,
      "model-mappings": yaml`
        schema_version: "2.0.0"
        patterns:
          - pattern: "*"
            provider: openai
          - pattern: "anthropic/*"
            provider: ollama
      `,
    });
    expect(listedFirst.diagnostics.map((d) => d.code)).not.toContain("SY2040");
    const tried = check({
      ...base,
      "model-mappings": yaml`
        schema_version: "2.0.0"
        patterns:
          - pattern: "ab*"
            provider: openai
          - pattern: "a**"
            provider: ollama
      `,
    });
    expect(lines(tried)).toEqual([
      "config/model-mappings.yaml:3:14 warning SY2040 Pattern 'ab*' is never used: LiteLLM tries the longer 'a**' first, although it is listed later, and it matches every name 'ab*' matches",
    ]);
  });
});

describe("SY2041 exact-match-in-pattern", () => {
  it("warns when an exact name also matches a pattern that routes elsewhere, naming which wins", () => {
    const mappings = base["model-mappings"].replace(
      'provider: ollama\n    model: "qwen*"',
      'provider: ollama\n    model: "qwen*"\n  - pattern: "gpt-*"\n    provider: ollama',
    );
    const report = check({ ...base, "model-mappings": mappings });
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:7:3 warning SY2041 Exact match 'gpt-4o' also matches pattern 'gpt-*', which routes to provider 'ollama'; the exact name always wins, so the pattern route never sees 'gpt-4o'",
    ]);
    expect(relatedLines(report, "SY2041")).toEqual([
      "config/model-mappings.yaml:16:14 pattern 'gpt-*' is here",
    ]);
  });

  it("stays silent when the pattern would route the name to the same place", () => {
    const mappings = base["model-mappings"].replace(
      'provider: ollama\n    model: "qwen*"',
      'provider: ollama\n    model: "qwen*"\n  - pattern: "gpt-*"\n    provider: openai',
    );
    expect(check({ ...base, "model-mappings": mappings }).diagnostics).toEqual([]);
  });
});
