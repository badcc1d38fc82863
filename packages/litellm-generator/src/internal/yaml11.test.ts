import { execFileSync } from "node:child_process";
import { testNeeding } from "@switchyard/test-utils";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { isAmbiguousForPyYaml, stringifyForPyYaml } from "./yaml11.js";

/** Strings that YAML 1.1 (PyYAML) or YAML 1.2 would read as something else when written plain. */
const TRICKY = [
  "yes",
  "No",
  "ON",
  "off",
  "y",
  "n",
  "true",
  "False",
  "~",
  "null",
  "Null",
  "",
  " ",
  "22:22",
  "1:20:30.5",
  "0o17",
  "017",
  "0x1F",
  "0b101",
  "1e3",
  "1.0e+3",
  "1_000",
  "+12",
  "-.5",
  ".inf",
  "-.INF",
  ".NaN",
  "2001-12-14",
  "2001-12-14 21:59:43.10 -5",
  "=",
  "<<",
  "*",
  "&a",
  "!tag",
  "%x",
  "@x",
  "`x",
  "- x",
  "? x",
  "a: b",
  "a #b",
  "#c",
  "[x]",
  "{x}",
  "'q'",
  '"q"',
  "x\ny",
  "x\n",
  " lead",
  "trail ",
  "tab\there",
  "a\u0085b",
  "a\u2028b",
  "a\u2029b",
  "a\u007fb",
  "\u009f",
  "\ufffe",
  "\ufeffx",
  "a\rb",
  "é",
  "😀",
  "qwen*",
  "ollama_chat/llama3.1:8b",
  "http://127.0.0.1:11434",
  "os.environ/KEY",
];

const testWithPyYaml = testNeeding(["pyyaml"]);

/** Load YAML with PyYAML's safe_load (what LiteLLM uses) and return the data as JSON. */
function pyyamlLoad(text: string): unknown {
  const script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
  return JSON.parse(execFileSync("python3", ["-c", script], { input: text, encoding: "utf8" }));
}

describe("stringifyForPyYaml", () => {
  test("quotes strings YAML 1.1 would read as booleans, numbers, null or times", () => {
    const text = stringifyForPyYaml({
      a: "yes",
      b: "on",
      c: "22:22",
      d: "0o17",
      e: "1e3",
      f: "~",
      g: "null",
      h: "=",
    });
    expect(text).toBe(
      [
        'a: "yes"',
        'b: "on"',
        'c: "22:22"',
        'd: "0o17"',
        'e: "1e3"',
        'f: "~"',
        'g: "null"',
        'h: "="',
        "",
      ].join("\n"),
    );
  });

  test("leaves ordinary strings plain and never folds long lines", () => {
    const long = `http://example.com/${"x".repeat(200)}`;
    const text = stringifyForPyYaml({ model: "ollama_chat/llama3.1:8b", base: long, key: "os.environ/KEY" });
    expect(text).toBe(`model: ollama_chat/llama3.1:8b\nbase: ${long}\nkey: os.environ/KEY\n`);
  });

  test("quotes ambiguous map keys too", () => {
    expect(stringifyForPyYaml({ fallbacks: [{ on: ["yes"] }] })).toBe(
      'fallbacks:\n  - "on":\n      - "yes"\n',
    );
  });

  test("emits no anchors or aliases for shared objects", () => {
    const shared = { model: "x" };
    expect(stringifyForPyYaml({ a: shared, b: shared })).not.toMatch(/[&*]a\d/);
  });

  test("tricky strings read back unchanged with YAML 1.1 and YAML 1.2", () => {
    const text = stringifyForPyYaml({ values: TRICKY });
    expect(parse(text, { version: "1.1" })).toEqual({ values: TRICKY });
    expect(parse(text)).toEqual({ values: TRICKY });
  });

  test("property: any string, emitted as a value, reads back as the same string under YAML 1.1", () => {
    const value = fc.oneof(
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.constantFrom(...TRICKY),
      fc.stringMatching(/^[-+]?[0-9_.:eExXoObB]{1,8}$/),
    );
    fc.assert(
      fc.property(value, (s) => {
        const text = stringifyForPyYaml({ key: s });
        expect(parse(text, { version: "1.1" })).toEqual({ key: s });
      }),
      { numRuns: 2000 },
    );
  });

  testWithPyYaml("PyYAML's safe_load reads tricky and random strings back unchanged", () => {
    const random = fc.sample(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 16 }),
        fc.string({ unit: "grapheme", maxLength: 16 }),
        fc.stringMatching(/^[-+]?[0-9_.:eExXoObB]{1,8}$/),
      ),
      { numRuns: 3000, seed: 4242 },
    );
    const values = [...TRICKY, ...random];
    expect(pyyamlLoad(stringifyForPyYaml({ values }))).toEqual({ values });
  });

  testWithPyYaml("the PyYAML resolver list agrees with PyYAML on which plain scalars are strings", () => {
    const plain = [
      ...[
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "n",
        "true",
        "False",
        "~",
        "null",
        "Null",
        "NULL",
        "22:22",
        "1:20:30.5",
      ],
      ...[
        "0o17",
        "017",
        "018",
        "0x1F",
        "0x",
        "0b101",
        "0b2",
        "1e3",
        "1.0e+3",
        "1.0e3",
        "1_000",
        "1__",
        "+12",
        "-.5",
      ],
      ...[
        ".inf",
        "-.INF",
        "+.inf",
        ".NaN",
        ".nan",
        "0.",
        "._1",
        "1:60",
        "190:20:30",
        "2001-12-14",
        "2001-1-1 1:02:03",
      ],
      ...[
        "2001-12-14t21:59:43.10-05:00",
        "=",
        "<<",
        "plain",
        "12",
        "1.5",
        "v1.2",
        "1.2.3",
        "qwen2.5-7b",
        "llama3.1:8b",
      ],
    ];
    const script = [
      "import sys, json, yaml",
      "for line in sys.stdin.read().split('\\n')[:-1]:",
      "  try: v = yaml.safe_load('k: ' + line)['k']",
      "  except yaml.YAMLError: v = None",
      "  print(json.dumps(isinstance(v, str)))",
    ].join("\n");
    const isString = execFileSync("python3", ["-c", script], {
      input: `${plain.join("\n")}\n`,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as boolean);
    expect(plain.map((s) => [s, isAmbiguousForPyYaml(s)])).toEqual(plain.map((s, i) => [s, !isString[i]]));
  });
});
