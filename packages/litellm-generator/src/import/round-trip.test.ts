import { describe, expect, test } from "vitest";
import { compareRoundTrip, type ImportNormalisation } from "./round-trip.js";

const deployment = (name: string, params: Record<string, unknown>, info?: Record<string, unknown>) => ({
  model_name: name,
  litellm_params: { model: "openai/x", ...params },
  ...(info !== undefined ? { model_info: info } : {}),
});

function messages(
  original: unknown,
  generated: unknown,
  normalisations: ImportNormalisation[] = [],
): string[] {
  return compareRoundTrip(original, generated, normalisations).map((d) => `${d.kind}: ${d.message}`);
}

describe("compareRoundTrip", () => {
  test("equal configs have no difference, whatever the order of map keys", () => {
    const config = { model_list: [deployment("a", { rpm: 1 })], litellm_settings: { a: 1, b: [1, 2] } };
    const reordered = { litellm_settings: { b: [1, 2], a: 1 }, model_list: [deployment("a", { rpm: 1 })] };
    expect(messages(config, reordered)).toEqual([]);
  });

  test("finds a lost key, an added key and a changed value at every level", () => {
    expect(
      messages(
        {
          model_list: [deployment("a", { tags: ["x"] })],
          guardrails: [{ name: "g" }],
          general_settings: { k: 1 },
        },
        { model_list: [deployment("a", { tags: ["y"], extra: true })], general_settings: { k: 1.5 } },
      ),
    ).toEqual([
      'changed: model_list.0.litellm_params.tags.0 is "y" instead of "x"',
      "added: model_list.0.litellm_params.extra is added: true",
      'lost: guardrails is lost (it was [{"name":"g"}])',
      "changed: general_settings.k is 1.5 instead of 1",
    ]);
  });

  test("a type change PyYAML would see is a changed value (an integral float tagged by the loader)", () => {
    expect(messages({ general_settings: { k: 5 } }, { general_settings: { k: { $float: "5.0" } } })).toEqual([
      'changed: general_settings.k is {"$float":"5.0"} instead of 5',
    ]);
  });

  test("deployments are matched by model group: the order of groups does not count, the order inside one does", () => {
    const a1 = deployment("a", { tags: ["1"] });
    const a2 = deployment("a", { tags: ["2"] });
    const b = deployment("b", {});
    expect(messages({ model_list: [a1, b, a2] }, { model_list: [b, a1, a2] })).toEqual([]);
    expect(messages({ model_list: [a1, a2] }, { model_list: [a2, a1] })).toEqual([
      'changed: model_list.0.litellm_params.tags.0 is "2" instead of "1"',
      'changed: model_list.1.litellm_params.tags.0 is "1" instead of "2"',
    ]);
    expect(messages({ model_list: [a1, b] }, { model_list: [a1] })).toEqual([
      "lost: model group 'b' has 0 deployment(s) instead of 1",
    ]);
  });

  test("wildcard routes must keep the order LiteLLM tries them in; ties keep the listed order", () => {
    const star = deployment("*", {});
    const anthropic = deployment("anthropic/*", {});
    const groq = deployment("groq/*", {});
    const xai = deployment("xai1/*", {});
    // anthropic/* is tried before * whatever the listed order; groq/* and xai1/* tie.
    expect(messages({ model_list: [star, anthropic] }, { model_list: [anthropic, star] })).toEqual([]);
    expect(messages({ model_list: [groq, xai] }, { model_list: [xai, groq] })).toEqual([
      "order: LiteLLM would try the wildcard routes in another order: xai1/(.*), groq/(.*) instead of groq/(.*), xai1/(.*)",
    ]);
  });

  test("fallbacks with one key per entry are read by key: their order does not count", () => {
    const original = { router_settings: { fallbacks: [{ a: ["b"] }, { b: ["a"] }] } };
    expect(messages(original, { router_settings: { fallbacks: [{ b: ["a"] }, { a: ["b"] }] } })).toEqual([]);
    expect(messages(original, { router_settings: { fallbacks: [{ b: ["a"] }, { a: ["c"] }] } })).toEqual([
      'changed: router_settings.fallbacks.a.0 is "c" instead of "b"',
    ]);
    // Two keys in one entry: LiteLLM reads only the first, so the entry is compared as written.
    const twoKeys = { router_settings: { fallbacks: [{ a: ["b"], b: ["a"] }] } };
    expect(messages(twoKeys, { router_settings: { fallbacks: [{ a: ["b"] }, { b: ["a"] }] } })).toEqual([
      'changed: router_settings.fallbacks has 2 item(s) instead of 1: [{"a":["b"]},{"b":["a"]}]',
    ]);
  });

  test("a listed secret reference is allowed; one name per literal and one literal per name", () => {
    const original = {
      model_list: [deployment("a", { api_key: "sk-aaa" }), deployment("b", { api_key: "sk-bbb" })],
    };
    const generated = {
      model_list: [
        deployment("a", { api_key: "os.environ/KEY_A" }),
        deployment("b", { api_key: "os.environ/KEY_A" }),
      ],
    };
    const at = (i: number) => ["model_list", i, "litellm_params", "api_key"];
    expect(messages(original, generated)).toEqual([
      'changed: model_list.0.litellm_params.api_key is "os.environ/KEY_A" instead of "sk-aaa"',
      'changed: model_list.1.litellm_params.api_key is "os.environ/KEY_A" instead of "sk-bbb"',
    ]);
    expect(
      messages(original, generated, [
        { kind: "secret-reference", path: at(0), env: "KEY_A" },
        { kind: "secret-reference", path: at(1), env: "KEY_A" },
      ]),
    ).toEqual(["changed: KEY_A is asked to hold two different secrets (one is lost)"]);
    const same = {
      model_list: [deployment("a", { api_key: "sk-aaa" }), deployment("b", { api_key: "sk-aaa" })],
    };
    const twoNames = {
      model_list: [
        deployment("a", { api_key: "os.environ/A" }),
        deployment("b", { api_key: "os.environ/B" }),
      ],
    };
    expect(
      messages(same, twoNames, [
        { kind: "secret-reference", path: at(0), env: "A" },
        { kind: "secret-reference", path: at(1), env: "B" },
      ]),
    ).toEqual(["changed: one literal secret is imported under two names, A and B"]);
  });

  test("a generated id is allowed only where the original has none, and only the listed one", () => {
    const original = { model_list: [deployment("a", {}), deployment("b", {}, { id: "mine" })] };
    const generated = {
      model_list: [deployment("a", {}, { id: "openai--x" }), deployment("b", {}, { id: "openai--x-2" })],
    };
    expect(
      messages(original, generated, [{ kind: "generated-id", path: ["model_list", 0], id: "openai--x" }]),
    ).toEqual(['changed: model_list.1.model_info.id is "openai--x-2" instead of "mine"']);
    expect(messages(original, generated)).toEqual([
      'added: model_list.0.model_info is added: {"id":"openai--x"}',
      'changed: model_list.1.model_info.id is "openai--x-2" instead of "mine"',
    ]);
  });

  test("a secret environment variable may be left out only when listed", () => {
    const original = { environment_variables: { REDIS_PASSWORD: "pw", REDIS_HOST: "h" } };
    const generated = { environment_variables: { REDIS_HOST: "h" } };
    expect(messages(original, generated)).toEqual([
      'lost: environment_variables.REDIS_PASSWORD is lost (it was "pw")',
    ]);
    expect(
      messages(original, generated, [
        { kind: "secret-dropped", path: ["environment_variables", "REDIS_PASSWORD"], env: "REDIS_PASSWORD" },
      ]),
    ).toEqual([]);
  });
});
