import { describe, expect, it } from "vitest";
import { base, check, lines, relatedLines, yaml } from "../test-support.js";

const mappings = (text: string) => ({ ...base, "model-mappings": text });

describe("SY2001 unknown-provider", () => {
  it("reports a typo in an exact match with file:line:col and the nearest provider", () => {
    const report = check({
      ...base,
      "model-mappings": base["model-mappings"].replace("provider: openai", "provider: opnai"),
    });
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:8:15 error SY2001 Exact match 'gpt-4o' names provider 'opnai', which providers.yaml does not define — did you mean 'openai'?",
    ]);
    expect(report.diagnostics[0]?.suggestion).toBe("openai");
    expect(relatedLines(report, "SY2001")).toEqual([
      "config/providers.yaml:14:3 provider 'openai' is defined here",
    ]);
  });

  it("checks pattern routes, deployments and services' provider lists", () => {
    const report = check({
      ...base,
      "model-mappings": yaml`
        schema_version: "2.0.0"
        patterns:
          - pattern: "x-*"
            provider: olama
        load_balancing:
          chat:
            deployments:
              - provider: ollama
                model: llama3.1:8b
              - provider: nowhere
                model: m
      `,
      ports: base.ports.replace("providers: [vllm]", "providers: [vllm, vllm2]"),
    });
    expect(lines(report).filter((l) => l.includes("SY2001"))).toEqual([
      "config/model-mappings.yaml:4:15 error SY2001 Pattern 'x-*' names provider 'olama', which providers.yaml does not define — did you mean 'ollama'?",
      "config/model-mappings.yaml:10:19 error SY2001 Deployment 2 of group 'chat' names provider 'nowhere', which providers.yaml does not define",
      "config/ports.yaml:8:23 error SY2001 Service 'vllm' names provider 'vllm2', which providers.yaml does not define — did you mean 'vllm'?",
    ]);
    const noSuggestion = report.diagnostics.find((d) => d.message.includes("nowhere"));
    expect(noSuggestion?.hint).toBe(
      "Use one of the defined providers ('ollama', 'vllm', 'openai'), or add 'nowhere' to providers.yaml.",
    );
    expect(noSuggestion?.related?.[0]?.message).toBe("providers are defined here");
  });

  it("stays silent when providers.yaml is missing or unreadable (the schema reports that)", () => {
    const { providers: _, ...rest } = base;
    expect(check(rest).diagnostics.filter((d) => d.code.startsWith("SY2"))).toEqual([]);
    expect(
      check({ ...base, providers: "providers: [\n" }).diagnostics.filter((d) => d.code.startsWith("SY2")),
    ).toEqual([]);
  });
});

describe("SY2002 route-to-disabled-provider", () => {
  it("warns about a route to a disabled provider and points at its status", () => {
    const providers = base.providers.replace("type: vllm\n", "type: vllm\n    status: disabled\n");
    const report = check({ ...base, providers });
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:10:15 warning SY2002 Exact match 'coder' routes to provider 'vllm', which is disabled in providers.yaml",
    ]);
    expect(relatedLines(report, "SY2002")).toEqual([
      "config/providers.yaml:11:13 provider 'vllm' is disabled here",
    ]);
  });
});

describe("SY2003 unknown-model", () => {
  it("reports a model the provider does not list, with the closest name", () => {
    const report = check(mappings(base["model-mappings"].replace("model: llama3.1:8b", "model: llama3:8b")));
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:5:12 error SY2003 Model 'llama3:8b' of exact match 'local-chat' is not in the models of provider 'ollama' in providers.yaml — did you mean 'llama3.1:8b'?",
    ]);
    expect(relatedLines(report, "SY2003")).toEqual([
      "config/providers.yaml:7:15 model 'llama3.1:8b' of 'ollama' is listed here",
    ]);
  });

  it("uses the public name when no model is written, and points at the entry's key", () => {
    const report = check(
      mappings(
        base["model-mappings"].replace("  gpt-4o:\n    provider: openai", "  gpt-4:\n    provider: openai"),
      ),
    );
    expect(lines(report).filter((l) => l.includes("SY2003"))).toEqual([
      "config/model-mappings.yaml:7:3 error SY2003 Exact match 'gpt-4' has no `model`, so it maps to 'gpt-4', which provider 'openai' in providers.yaml does not list — did you mean 'gpt-4o'?",
    ]);
  });

  it("checks deployments and health-check models but not wildcard templates", () => {
    const report = check(
      mappings(yaml`
        schema_version: "2.0.0"
        patterns:
          - pattern: "ollama/*"
            provider: ollama
            model: "*"
            health_check_model: llama3.2
        load_balancing:
          chat:
            deployments:
              - provider: vllm
                model: qwen-codr
      `),
    );
    expect(lines(report).map((l) => l.replace(/ — .*/, ""))).toEqual([
      "config/model-mappings.yaml:6:25 error SY2003 Health-check model 'llama3.2' of pattern 'ollama/*' is not in the models of provider 'ollama' in providers.yaml",
      "config/model-mappings.yaml:11:16 error SY2003 Model 'qwen-codr' of deployment 1 of group 'chat' is not in the models of provider 'vllm' in providers.yaml",
    ]);
  });
});
