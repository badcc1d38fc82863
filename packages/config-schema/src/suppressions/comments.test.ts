import { describe, expect, it } from "vitest";
import { parseYaml } from "../yaml/parse.js";
import { parseInlineSuppressions } from "./comments.js";

function parse(text: string) {
  return parseInlineSuppressions(parseYaml(text, { file: "config/model-mappings.yaml" }));
}

describe("parseInlineSuppressions", () => {
  it("reads a trailing comment as covering its own line", () => {
    const { suppressions, diagnostics } = parse(
      "a: 1\nb: x  # switchyard-ignore SY2003: served by a Modelfile\n",
    );
    expect(diagnostics).toEqual([]);
    expect(suppressions).toEqual([
      expect.objectContaining({
        origin: "inline",
        codes: ["SY2003"],
        reason: "served by a Modelfile",
        file: "config/model-mappings.yaml",
        line: 2,
        at: expect.objectContaining({
          range: expect.objectContaining({ start: { line: 2, column: 7, offset: 11 } }),
        }),
      }),
    ]);
  });

  it("reads an own-line comment as covering the next line that is not a comment", () => {
    const text =
      "a: 1\n  # switchyard-ignore SY2003: one\n  # switchyard-ignore SY2041, SY2040 : two\nb: 2\n";
    const { suppressions } = parse(text);
    expect(suppressions.map((s) => [s.codes, s.reason, s.line])).toEqual([
      [["SY2003"], "one", 4],
      [["SY2041", "SY2040"], "two", 4],
    ]);
  });

  it("lets a blank line end an own-line comment's reach (it then covers the blank line only)", () => {
    const { suppressions } = parse("# switchyard-ignore SY2003: stale\n\nb: 2\n");
    expect(suppressions[0]?.line).toBe(2);
  });

  it("ignores the directive inside quoted strings and block scalars", () => {
    const text =
      "a: \"# switchyard-ignore SY2003: no\"\nb: |\n  # switchyard-ignore SY2003: no\nc: 'x # switchyard-ignore SY2003: no'\n";
    expect(parse(text)).toEqual({ suppressions: [], diagnostics: [] });
  });

  it("reports a suppression without a reason (SY1091) and does not apply it", () => {
    const { suppressions, diagnostics } = parse(
      "b: x # switchyard-ignore SY2003\nc: y # switchyard-ignore SY2003:   \n",
    );
    expect(suppressions).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.range?.start.line, d.message])).toEqual([
      ["SY1091", "error", 1, "Suppression of SY2003 gives no reason, so it is not applied"],
      ["SY1091", "error", 2, "Suppression of SY2003 gives no reason, so it is not applied"],
    ]);
  });

  it("reports malformed comments (SY1094)", () => {
    const { diagnostics } = parse("b: x # switchyard-ignore unknown-model: typo\nc: y # switchyard-ignore\n");
    expect(diagnostics.map((d) => [d.code, d.range?.start.line])).toEqual([
      ["SY1094", 1],
      ["SY1094", 2],
    ]);
  });

  it("does not treat similar words as the directive", () => {
    expect(parse("b: x # switchyard-ignored SY2003: no\nc: y # switchyard-ignore-file SY2003: no\n")).toEqual(
      {
        suppressions: [],
        diagnostics: [],
      },
    );
  });

  it("still reads comments when the YAML has syntax errors", () => {
    const { suppressions } = parse('a: "unclosed\n# switchyard-ignore SY2003: x\nb: 1\n');
    expect(Array.isArray(suppressions)).toBe(true);
  });
});
