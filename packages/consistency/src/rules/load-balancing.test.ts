import { describe, expect, it } from "vitest";
import { base, check, lines, relatedLines, yaml } from "../test-support.js";

const groups = (body: string) => ({
  ...base,
  "model-mappings": `${base["model-mappings"]}load_balancing:\n${body}`,
});

describe("SY2050 invalid-weight", () => {
  it("reports non-positive and non-numeric weights once, in place of the schema's generic finding", () => {
    const report = check(
      groups(
        yaml`
        chat:
          deployments:
            - {provider: ollama, model: llama3.1:8b, weight: 0}
            - {provider: ollama, model: qwen2.5:7b, weight: "2"}
            - {provider: openai, model: gpt-4o, weight: 3}
      `.replace(/^/gm, "  "),
      ),
    );
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:19:56 error SY2050 Deployment 1 of group 'chat' has weight 0; weights must be positive numbers",
      "config/model-mappings.yaml:20:55 error SY2050 Deployment 2 of group 'chat' has weight \"2\"; weights must be positive numbers",
    ]);
  });
});

describe("SY2051 group-name-collision", () => {
  it("reports a group named like an exact match, with both places", () => {
    const report = check(groups("  gpt-4o:\n    deployments:\n      - {provider: openai, model: gpt-4o}\n"));
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:17:3 error SY2051 'gpt-4o' is both a load-balancing group and an exact match; LiteLLM would merge them into one model group",
    ]);
    expect(relatedLines(report, "SY2051")).toEqual([
      "config/model-mappings.yaml:7:3 exact match 'gpt-4o' is here",
    ]);
  });
});

describe("SY2052 duplicate-deployment", () => {
  it("reports the same provider and model twice in one group", () => {
    const report = check(
      groups(
        "  chat:\n    deployments:\n      - {provider: ollama, model: llama3.1:8b}\n      - {provider: ollama, model: llama3.1:8b, weight: 2}\n",
      ),
    );
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:20:9 warning SY2052 Deployment 2 of group 'chat' repeats deployment 1 (provider 'ollama', model 'llama3.1:8b')",
    ]);
  });
});
