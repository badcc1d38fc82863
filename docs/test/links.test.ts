import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { anchorsOf, checkPage, checkRepository, linksOf, markdownFiles } from "../src/links.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the repository's Markdown", () => {
  it("has no broken relative link or anchor", () => {
    const files = markdownFiles(ROOT);
    expect(files).toContain("README.md");
    expect(files).toContain("docs/README.md");
    const broken = checkRepository(ROOT).map((b) => `${b.file}:${b.line}: ${b.target}: ${b.reason}`);
    expect(broken).toEqual([]);
  });
});

describe("the link checker", () => {
  it("reads GitHub's heading anchors, numbering repeats", () => {
    const anchors = anchorsOf(
      '# Switchyard `init`\n\n## Exit codes\n\n## Exit codes\n\nSetext\n======\n\n```md\n# not a heading\n```\n<a id="here"></a>\n## `switchyard validate [dir]`\n## What\'s new? (v2.0)\n',
    );
    expect([...anchors].sort()).toEqual(
      [
        "switchyard-init",
        "exit-codes",
        "exit-codes-1",
        "setext",
        "here",
        "switchyard-validate-dir",
        "whats-new-v20",
      ].sort(),
    );
  });

  it("finds inline links, images, reference definitions and hrefs, never those in code", () => {
    const links = linksOf(
      '[a](one.md) ![img](pic.png "t") `[b](code.md)`\n[ref]: ./two.md#x\n<a href="three.md">t</a>\n```\n[c](fenced.md)\n```\n',
    );
    expect(links.map((l) => l.target)).toEqual(["one.md", "pic.png", "./two.md#x", "three.md"]);
  });

  it("reports a missing file, a missing anchor and an anchor on a non-Markdown file; accepts the rest", async () => {
    const root = await tempDir("sy-links-");
    await mkdir(join(root, "docs"));
    await writeFile(join(root, "code.ts"), "export {};\n");
    await writeFile(join(root, "docs", "b.md"), "# Title\n\n## Exit codes\n");
    await writeFile(
      join(root, "docs", "a.md"),
      [
        "# Page",
        "[ok](b.md#exit-codes) [ok2](#page) [dir](../docs) [line](../code.ts#L1) [web](https://example.com/x#y)",
        "[gone](missing.md)",
        "[no anchor](b.md#exit-code)",
        "[bad](../code.ts#top)",
        "[self](#nowhere)",
      ].join("\n"),
    );
    const broken = checkPage(root, "docs/a.md");
    expect(broken.map((b) => [b.line, b.target])).toEqual([
      [3, "missing.md"],
      [4, "b.md#exit-code"],
      [5, "../code.ts#top"],
      [6, "#nowhere"],
    ]);
    expect(broken[1]!.reason).toBe("no heading or id gives #exit-code");
  });
});
