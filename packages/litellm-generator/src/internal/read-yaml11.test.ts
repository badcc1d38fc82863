/**
 * readYaml11: the one way this package reads YAML as LiteLLM does (the import's round trip, the
 * reload's re-read of the generated text and of the previous file), through config-schema's parser.
 * yaml's own `parse` gave up on a file nested 87,000 levels deep with RESOURCE_EXHAUSTION and, on a
 * second read in a plain node process, aborted the process (fuzz seed 20261205-476).
 */
import { describe, expect, test } from "vitest";
import { readYaml11 } from "./read-yaml11.js";

describe("readYaml11", () => {
  test("nesting past config-schema's cap is a located problem, every time", () => {
    // The top-level map is level 1: the 100th `{` (column 118) opens level 101.
    const text = `model_list: []\nlitellm_settings: ${"{".repeat(87_000)}\n`;
    for (let i = 0; i < 3; i++)
      expect(readYaml11(text)).toEqual({
        ok: false,
        problem:
          "line 2, column 118: Nested more than 100 levels deep here; the rest of the file was not read",
      });
  });

  test("reads YAML 1.1 as PyYAML does", () => {
    expect(readYaml11("a: yes\nb: 010\nc: 1_000\n")).toEqual({ ok: true, data: { a: true, b: 8, c: 1000 } });
  });

  test("a syntax error is located; an alias bomb is a problem unless the caller lifts the limit", () => {
    expect(readYaml11("model_list: [\n  a: b\n")).toMatchObject({
      ok: false,
      problem: /^line \d+, column \d+: /,
    });
    const bomb = `a: &a [x, x]\nb: &b [${"*a, ".repeat(30)}*a]\nc: [${"*b, ".repeat(30)}*b]\n`;
    expect(readYaml11(bomb)).toMatchObject({ ok: false, problem: /alias/i });
    expect(readYaml11(bomb, -1)).toMatchObject({ ok: true });
  });
});
