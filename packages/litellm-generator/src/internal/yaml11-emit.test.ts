import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { PYYAML_POLICY, stringifyForPyYaml, stringifyForPyYamlViaDocument } from "./yaml11.js";
import { emitBlockYaml } from "./yaml11-emit.js";

/** Strings on the edges of the quoting rules: YAML 1.1/1.2 resolvers, indicators, odd characters. */
const TRICKY_STRINGS = [
  ...["yes", "No", "ON", "on", "off", "y", "n", "true", "False", "~", "null", "Null", "NULL", ""],
  ...["22:22", "1:20:30.5", "0o17", "017", "0x1F", "0b101", "1e3", "1.0e+3", "1_000", "+12", "-.5"],
  ...[".inf", "-.INF", ".NaN", "2001-12-14", "2001-12-14 21:59:43.10 -5", "=", "<<", "12", "1.5"],
  ...[" ", " lead", "trail ", "a: b", "a:b", "a:", "a #b", "a#b", "#x", "-", "- x", "-x", "?", "? x"],
  ...["[x", "x]", "{x", "x}", ",x", "x,y", "@x", "`x", "%x", "&a", "*a", "!t", "|x", ">x", "'q'", '"d"'],
  ...["it's", 'say "hi"', `both ' and "`, "x\ny", "x\n", "\n", "tab\there", "a\rb", "a\\nb", "\\u0085"],
  ...["a\u0085b", "a\u2028b", "a\u2029b", "a\u007fb", "\u009f", "\u0080", "\ufffe", "\uffff", "\ufeffx"],
  ...["\u0000", "\u0007", "\u000b", "\u001b", "\u00a0", "\ud800", "x\udfff", "é", "😀", "日本語"],
  ...["--- x", "---", "...", "..x", "-- x", "qwen*", "ollama_chat/llama3.1:8b", "http://127.0.0.1:11434"],
  ...["os.environ/KEY", "x".repeat(300), `k${"y".repeat(1030)}`],
];

const trickyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[-+ ]?[0-9_.:eExXoObB#'"]{1,8}$/) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...TRICKY_STRINGS), { minLength: 2, maxLength: 3 })
      .map((parts) => parts.join("")),
  },
);

const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 2 ** 53 + 2, -(2 ** 60), 1e21, 1.5e-7, 0.1, 123456789012345680000),
);

const scalar = fc.oneof(trickyString, number, fc.boolean(), fc.constant(null));

const { value: jsonLike } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(trickyString, tie("value"), { maxKeys: 4 }),
  ),
}));

const root = fc.oneof(
  fc.dictionary(trickyString, jsonLike, { maxKeys: 6 }),
  fc.array(jsonLike, { maxLength: 6 }),
);

describe("stringifyForPyYaml's direct emitter", () => {
  test("property: writes the same text as the Document round trip for random nested data", () => {
    const RUNS = 4000;
    let emitted = 0;
    fc.assert(
      fc.property(root, (data) => {
        const direct = emitBlockYaml(data, PYYAML_POLICY);
        if (direct !== undefined) emitted++;
        expect(direct ?? stringifyForPyYaml(data)).toBe(stringifyForPyYamlViaDocument(data));
      }),
      { numRuns: RUNS },
    );
    // Most samples must take the direct path, or the property would only compare the fallback with itself.
    expect(emitted).toBeGreaterThan(RUNS / 2);
  });

  test("writes generator-shaped data the same way as the Document round trip", () => {
    const data = {
      model_list: [
        {
          model_name: "qwen2.5-7b",
          litellm_params: { model: "ollama_chat/qwen2.5:7b", api_base: "http://127.0.0.1:11434", rpm: 60 },
          model_info: { id: "ollama-local/qwen2.5:7b", tags: [], extra: {} },
        },
      ],
      router_settings: { fallbacks: [{ "qwen2.5-7b": ["yes", "22:22"] }], num_retries: 2, timeout: 1.5 },
      litellm_settings: { drop_params: true, cache: null, "it's": 'say "hi"' },
      general_settings: {},
    };
    expect(stringifyForPyYaml(data)).toBe(stringifyForPyYamlViaDocument(data));
  });

  test("shapes: nested sequences, maps in sequences and empty collections", () => {
    const data = { a: [[1, [2]], { b: [{ c: [] }], d: {} }, []], e: { f: { g: "h" } } };
    expect(stringifyForPyYaml(data)).toBe(
      [
        "a:",
        "  - - 1",
        "    - - 2",
        "  - b:",
        "      - c: []",
        "    d: {}",
        "  - []",
        "e:",
        "  f:",
        "    g: h",
        "",
      ].join("\n"),
    );
    expect(stringifyForPyYaml({})).toBe("{}\n");
    expect(stringifyForPyYaml([])).toBe("[]\n");
  });

  test("falls back to the Document round trip for multi-line strings, keeping the same text", () => {
    const data = { note: "line one\nline two", key: "plain" };
    expect(stringifyForPyYaml(data)).toBe(stringifyForPyYamlViaDocument(data));
    expect(stringifyForPyYaml(data)).toContain("note: |-\n");
  });
});
