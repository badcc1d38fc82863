import { describe, expect, it } from "vitest";
import { base, check, lines, relatedLines, yaml } from "../test-support.js";

const withMappings = (text: string) => ({ ...base, "model-mappings": text });

const exact = (entries: string) => yaml`
  schema_version: "2.0.0"
  exact_matches:
${entries}
`;

describe("SY2010 unknown-fallback", () => {
  it("reports unknown fallback targets and chain keys with a suggestion", () => {
    const report = check(
      withMappings(yaml`
        schema_version: "2.0.0"
        exact_matches:
          gpt-4o:
            provider: openai
            fallbacks: [gpt-4o-mni]
          gpt-4o-mini:
            provider: openai
        fallback_chains:
          gpt4o: [gpt-4o-mini]
          gpt-4o-mini: [ollama/llama3.1:8b]
        patterns:
          - pattern: "ollama/*"
            provider: ollama
            model: "*"
      `),
    );
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:5:17 error SY2010 Fallback 'gpt-4o-mni' of 'gpt-4o' is not a public model name — did you mean 'gpt-4o-mini'?",
      "config/model-mappings.yaml:9:3 error SY2010 fallback_chains has a chain for 'gpt4o', which is not a public model name, so it never fires — did you mean 'gpt-4o'?",
    ]);
    expect(relatedLines(report, "SY2010")).toEqual([
      "config/model-mappings.yaml:6:3 'gpt-4o-mini' is defined here",
      "config/model-mappings.yaml:3:3 'gpt-4o' is defined here",
    ]);
  });
});

describe("SY2011 fallback-to-self", () => {
  it("reports a model that falls back to itself", () => {
    const report = check(
      withMappings(
        exact(
          "    gpt-4o:\n      provider: openai\n      fallbacks: [gpt-4o-mini, gpt-4o]\n    gpt-4o-mini:\n      provider: openai\n",
        ),
      ),
    );
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:5:30 error SY2011 'gpt-4o' falls back to itself",
    ]);
  });
});

describe("SY2012 fallback-cycle", () => {
  it("lists both models and both lines of a two-model loop", () => {
    const report = check(
      withMappings(yaml`
        schema_version: "2.0.0"
        exact_matches:
          gpt-4o:
            provider: openai
            fallbacks: [gpt-4o-mini]
          gpt-4o-mini:
            provider: openai
            fallbacks: [gpt-4o]
      `),
    );
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:5:17 error SY2012 Fallback cycle: gpt-4o → gpt-4o-mini → gpt-4o",
    ]);
    expect(relatedLines(report, "SY2012")).toEqual([
      "config/model-mappings.yaml:8:17 'gpt-4o-mini' falls back to 'gpt-4o' here",
    ]);
  });

  it("reports every cycle once, across exact matches, groups and fallback chains", () => {
    const report = check(
      withMappings(yaml`
        schema_version: "2.0.0"
        exact_matches:
          a: {provider: openai, model: gpt-4o, fallbacks: [b]}
          b: {provider: openai, model: gpt-4o}
          c: {provider: openai, model: gpt-4o, fallbacks: [d]}
          d: {provider: openai, model: gpt-4o}
        load_balancing:
          g:
            deployments: [{provider: openai, model: gpt-4o}]
            fallbacks: [a]
        fallback_chains:
          b: [c, g]
          d: [c]
      `),
    );
    expect(lines(report).map((l) => l.replace(/^\S+ /, ""))).toEqual([
      "error SY2012 Fallback cycle: a → b → g → a",
      "error SY2012 Fallback cycle: c → d → c",
    ]);
  });

  it("mentions the other members when a loop has more models than the cycle shown", () => {
    const report = check(
      withMappings(yaml`
        schema_version: "2.0.0"
        exact_matches:
          a: {provider: openai, model: gpt-4o, fallbacks: [b, c]}
          b: {provider: openai, model: gpt-4o, fallbacks: [a]}
          c: {provider: openai, model: gpt-4o, fallbacks: [a]}
      `),
    );
    expect(report.diagnostics.map((d) => d.message)).toEqual([
      "Fallback cycle: a → b → a (part of a loop through 3 models: 'a', 'b', 'c')",
    ]);
  });
});

describe("SY2013 fallback-chain-too-deep", () => {
  const chain = yaml`
    schema_version: "2.0.0"
    exact_matches:
      m1: {provider: openai, model: gpt-4o, fallbacks: [m2]}
      m2: {provider: openai, model: gpt-4o, fallbacks: [m3]}
      m3: {provider: openai, model: gpt-4o, fallbacks: [m4, m5]}
      m4: {provider: openai, model: gpt-4o}
      m5: {provider: openai, model: gpt-4o}
    routing:
      max_fallback_depth: 3
  `;

  it("warns once, at the head of the chain, counting list positions as attempts", () => {
    const report = check(withMappings(chain));
    expect(lines(report)).toEqual([
      "config/model-mappings.yaml:3:53 warning SY2013 Fallback chain from 'm1' can take 4 attempts, over the limit of 3: m1 → m2 → m3 → m5 (fallback #2)",
    ]);
    expect(relatedLines(report, "SY2013")).toEqual([
      "config/model-mappings.yaml:4:53 'm2' falls back to 'm3' here",
      "config/model-mappings.yaml:5:57 'm3' falls back to 'm5' here",
    ]);
  });

  it("takes the limit from the options, then the settings file, then routing.max_fallback_depth, then 5", () => {
    expect(check(withMappings(chain), { maxFallbackDepth: 4 }).diagnostics).toEqual([]);
    expect(
      check(withMappings(chain), { settingsText: "options:\n  max_fallback_depth: 4\n" }).diagnostics,
    ).toEqual([]);
    expect(check(withMappings(chain.replace(/routing:\n.*\n/, ""))).diagnostics).toEqual([]);
  });
});
