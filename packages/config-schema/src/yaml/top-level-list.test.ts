import { describe, expect, it } from "vitest";
import { LineCounter } from "yaml";
import { strictReads } from "./strict-reads.test-support.js";

const { parseYaml, parseYamlDocument } = await import("./parse.js");
const { rangeFromOffsets } = await import("./positions.js");

/** The SY1009 range the strict tier's document gives the top-level list of `text`. */
function strictRange(text: string) {
  const lineCounter = new LineCounter();
  const document = parseYamlDocument(text, { lineCounter });
  const range = document.contents?.range;
  if (!range) throw new Error("no contents");
  return rangeFromOffsets(lineCounter, range[0], range[1]);
}

function parseCounted(text: string) {
  strictReads.chars = 0;
  const source = parseYaml(text, { file: "model-mappings.yaml" });
  return { source, chars: strictReads.chars };
}

describe("a large top-level list is reported without the strict tier (#10)", () => {
  const lists = {
    "items after comments": `# model-mappings.yaml\n#\n${"- x\n".repeat(400)}`,
    "mappings as items, comments and blank lines after": `${"- a: 1\n  b: [1, 2]\n".repeat(100)}\n# end\n\n`,
    "indented items": "  - x\n".repeat(300),
    "comments on the items' lines": `${"- x # c\n".repeat(200)}\n\n# t\n`,
    "no final line break": "- x\n".repeat(300).slice(0, -1),
    "blank lines and comments first": `# a\n\n# b\n${"- [1, 2]\n".repeat(200)}`,
    "indented comments first": `  # a\n    # b\n${"- x\n".repeat(300)}`,
    "comments that hold | and >": `# a -> b | c >\n${"- x\n".repeat(300)}# d |\n`,
  };

  for (const [name, text] of Object.entries(lists))
    it(`locates it as the strict tier does: ${name}`, () => {
      expect(text.length).toBeGreaterThanOrEqual(1024);
      const { source, chars } = parseCounted(text);
      expect(chars).toBe(0);
      expect(source.data).toBeUndefined();
      expect(source.diagnostics).toEqual([
        expect.objectContaining({
          code: "SY1009",
          message: "The top level of a config file must be a mapping of keys to values, not a list",
          range: strictRange(text),
        }),
      ]);
    });

  it("leaves a list whose end it cannot place to the strict tier (an indented comment after it)", () => {
    for (const tail of [
      "  # indented\n",
      "  # c\n# d\n  # e\n",
      "# d\n  # e\n",
      "\n  # c\n",
      "- |\n  x\n\n",
      "- >-\n  x\n",
    ]) {
      const text = `${"- x\n".repeat(300)}${tail}`;
      const { source, chars } = parseCounted(text);
      expect(chars).toBeGreaterThanOrEqual(text.length);
      expect(source.diagnostics).toEqual([
        expect.objectContaining({ code: "SY1009", range: strictRange(text) }),
      ]);
    }
  });

  it("reads 150,000 items in a fraction of what the strict tier took (fuzz seed 20261212 input 2435)", () => {
    const text = `# comments only\n${"- x\n".repeat(150_000)}`;
    const { source, chars } = parseCounted(text);
    expect(chars).toBe(0);
    expect(source.diagnostics.map((d) => d.code)).toEqual(["SY1009"]);
    // Located on demand, as a plain file is.
    expect(source.diagnostics[0]!.range).toMatchObject({
      start: { line: 2, column: 1 },
      end: { line: 150_002 },
    });
  });
});
