import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDirSync } from "@switchyard/test-utils";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { redactDiff, unifiedDiff } from "./unified-diff.js";

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
    expect(unifiedDiff("a\nb\n", "a\nb\n")).toEqual({ kind: "equal", text: "" });
  });

  test("matches the hunk layout of diff -u", () => {
    const oldText = `${Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n")}\n`;
    const newText = oldText.replace("line 5\n", "line five\n").replace("line 17\n", "");
    const dir = tempDirSync("sy-diff-");
    writeFileSync(join(dir, "old"), oldText);
    writeFileSync(join(dir, "new"), newText);
    let expected = "";
    try {
      execFileSync("diff", ["-u", "--label", "old", "--label", "new", join(dir, "old"), join(dir, "new")]);
    } catch (error) {
      expected = String((error as { stdout: Buffer }).stdout);
    }
    expect(unifiedDiff(oldText, newText, { oldLabel: "old", newLabel: "new" }).text).toBe(expected);
  });

  test("property: applying the diff to the old text gives the new text", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "d", "key: 1", ""), { maxLength: 30 })
      .map((lines) => (lines.length === 0 ? "" : `${lines.join("\n")}\n`));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(applyDiff(a, unifiedDiff(a, b).text)).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  test("a diff beyond the edit limit is refused, not computed", () => {
    const a = "1\n2\n3\n4\n";
    const b = "w\nx\ny\nz\n";
    expect(unifiedDiff(a, b, { maxEditLength: 7 })).toEqual({
      kind: "too-large",
      text: "files differ (4 lines vs 4), diff too large to show (more than 7 changed lines)\n",
      oldLines: 4,
      newLines: 4,
      maxEditLength: 7,
    });
    // Exactly at the limit (4 removed + 4 added) the patch is still computed.
    expect(unifiedDiff(a, b, { maxEditLength: 8 }).kind).toBe("patch");
    // A length gap beyond the limit needs no diff at all.
    expect(unifiedDiff("", "a\nb\nc\n", { maxEditLength: 2 })).toMatchObject({
      kind: "too-large",
      oldLines: 0,
      newLines: 3,
    });
  });

  test("a one-line edit in a 200,000-line file is still shown, as one hunk", () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `  - model_name: m${i}`);
    const a = `${lines.join("\n")}\n`;
    lines[123_456] = "  - model_name: edited";
    const diff = unifiedDiff(a, `${lines.join("\n")}\n`);
    expect(diff.kind).toBe("patch");
    expect(diff.text.split("\n").filter((l) => l.startsWith("@@"))).toEqual(["@@ -123454,7 +123454,7 @@"]);
  });

  // Regression (issue #9): the hand-written diff kept a frontier per edit step, so two large texts
  // with nothing in common took minutes and gigabytes. Not timed: memory is the bound that matters.
  test("two 200,000-line texts with no common line: too large, in bounded memory", () => {
    const a = `${Array.from({ length: 200_000 }, (_, i) => `old ${i}`).join("\n")}\n`;
    const b = `${Array.from({ length: 200_000 }, (_, i) => `new ${i}`).join("\n")}\n`;
    // Peak memory of a synchronous call: the process's peak RSS after it, less its RSS before it,
    // bounds what the call added at its peak (the old diff needed ~19 GB here).
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const diff = unifiedDiff(a, b);
    const peakGrowthMB = (process.resourceUsage().maxRSS * 1024 - rssBefore) / 2 ** 20;
    const heapGrowthMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    expect(diff).toMatchObject({ kind: "too-large", oldLines: 200_000, newLines: 200_000 });
    expect(diff.text).toBe(
      "files differ (200000 lines vs 200000), diff too large to show (more than 2000 changed lines)\n",
    );
    // Two texts of ~2.2 MB each, tokenised; the bounded diff keeps O(limit) paths, not O(lines × edits).
    expect(peakGrowthMB).toBeLessThan(200);
    expect(heapGrowthMB).toBeLessThan(100);
  });
});

describe("redactDiff", () => {
  test("redacts secrets in the lines of a patch and says so; a diff without one is returned as is", () => {
    const before = "general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n";
    const after = "general_settings:\n  master_key: sk-live-master-0123456789\n";
    const diff = redactDiff(unifiedDiff(before, after, { oldLabel: "a/x", newLabel: "b/x" }));
    expect(diff.kind).toBe("patch");
    if (diff.kind !== "patch") return;
    expect(diff.redacted).toBe(true);
    expect(diff.patch).not.toContain("sk-live-master-0123456789");
    expect(diff.text).not.toContain("sk-live-master-0123456789");
    expect(diff.patch).toContain("+  master_key: sk-l…**** (25 chars)");
    const plain = unifiedDiff("a: 1\n", "a: 2\n");
    expect(redactDiff(plain)).toBe(plain);
  });
});
