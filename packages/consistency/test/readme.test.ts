/**
 * The library snippets of this package's README and of the repository's README, run as written
 * (on fixtures instead of `config`): every line names a real location, never `undefined` — a
 * whole-file finding (a missing required file) prints the file alone.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { codeBlocks, runReadmeSnippet, runSnippet } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";

const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));
const MISSING_FILE = `${EXAMPLES}broken/missing-required-file`;
const TYPO = `${EXAMPLES}broken/provider-name-typo`;

function lines(logs: unknown[][]): string[] {
  return logs.map((args) => args.join(" "));
}

describe("the consistency README's snippet", () => {
  it("prints a missing required file without a line, and a located finding as file:line:col", async () => {
    const missing = await runReadmeSnippet(new URL("../README.md", import.meta.url), {
      '"config"': JSON.stringify(MISSING_FILE),
    });
    expect(missing.exitCode).toBe(1);
    const printed = lines(missing.logs);
    expect(printed.join("\n")).not.toContain("undefined");
    expect(printed).toContainEqual(expect.stringMatching(/model-mappings\.yaml error\[SY1011\] /));

    const typo = await runReadmeSnippet(new URL("../README.md", import.meta.url), {
      '"config"': JSON.stringify(TYPO),
    });
    expect(lines(typo.logs)).toContainEqual(
      expect.stringMatching(/model-mappings\.yaml:15:15 error\[SY2001\] /),
    );
  });
});

describe("the repository README's library snippet", () => {
  it("prints whole-file findings without `undefined:undefined`", async () => {
    const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
    const block = codeBlocks(readme, "ts").find((b) => b.code.includes("validateConfigSet"));
    expect(block, "README.md has the loadConfigSet/validateConfigSet snippet").toBeDefined();
    const run = await runSnippet(block!.code, {
      dir: new URL("./", import.meta.url),
      replace: { '"examples/config"': JSON.stringify(MISSING_FILE) },
    });
    const printed = lines(run.logs);
    expect(printed.join("\n")).not.toContain("undefined");
    expect(printed).toContainEqual(expect.stringMatching(/model-mappings\.yaml SY1011 /));
  });
});
