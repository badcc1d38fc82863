import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { unifiedDiff } from "./unified-diff.js";

/** Apply a unified diff to the old text: a round trip proves the hunks are right. */
function applyDiff(oldText: string, diff: string): string {
  if (diff === "") return oldText;
  const oldLines = oldText === "" ? [] : oldText.replace(/\n$/, "").split("\n");
  const out: string[] = [];
  let cursor = 0;
  const lines = diff.replace(/\n$/, "").split("\n").slice(2);
  for (const line of lines) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (header) {
      const start = Number(header[1]) - (Number(header[2]) === 0 ? 0 : 1);
      while (cursor < start) out.push(oldLines[cursor++]!);
      continue;
    }
    if (line.startsWith(" ")) {
      expect(oldLines[cursor]).toBe(line.slice(1));
      out.push(oldLines[cursor++]!);
    } else if (line.startsWith("-")) {
      expect(oldLines[cursor]).toBe(line.slice(1));
      cursor++;
    } else if (line.startsWith("+")) out.push(line.slice(1));
  }
  while (cursor < oldLines.length) out.push(oldLines[cursor++]!);
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

describe("unifiedDiff", () => {
  test("equal texts give no diff", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n")).toBe("");
  });

  test("matches the hunk layout of diff -u", () => {
    const oldText = `${Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n")}\n`;
    const newText = oldText.replace("line 5\n", "line five\n").replace("line 17\n", "");
    const dir = mkdtempSync(join(tmpdir(), "sy-diff-"));
    writeFileSync(join(dir, "old"), oldText);
    writeFileSync(join(dir, "new"), newText);
    let expected = "";
    try {
      execFileSync("diff", ["-u", "--label", "old", "--label", "new", join(dir, "old"), join(dir, "new")]);
    } catch (error) {
      expected = String((error as { stdout: Buffer }).stdout);
    }
    expect(unifiedDiff(oldText, newText, { oldLabel: "old", newLabel: "new" })).toBe(expected);
  });

  test("property: applying the diff to the old text gives the new text", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "d", "key: 1", ""), { maxLength: 30 })
      .map((lines) => (lines.length === 0 ? "" : `${lines.join("\n")}\n`));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(applyDiff(a, unifiedDiff(a, b))).toBe(b);
      }),
      { numRuns: 300 },
    );
  });
});
