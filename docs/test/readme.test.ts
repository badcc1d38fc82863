/**
 * The repository's README and the docs say the same: the README's GitHub Actions workflow and
 * pre-commit hook are docs/ci.md's (whose test runs them), and its table of config files says which
 * are required as the loader decides it (config-schema's `CONFIG_FILES`). Its console examples run
 * with the docs' (examples.test.ts).
 */
import { readFile } from "node:fs/promises";
import { CONFIG_FILE_KINDS, CONFIG_FILES } from "@switchyard/config-schema";
import { codeBlocks } from "@switchyard/test-utils";
import { expect, it } from "vitest";

const README = await readFile(new URL("../../README.md", import.meta.url), "utf8");
const CI = await readFile(new URL("../ci.md", import.meta.url), "utf8");

const workflow = (markdown: string) =>
  codeBlocks(markdown, "yaml").find((b) => b.code.startsWith("# .github/workflows/"))?.code;
const preCommit = (markdown: string) =>
  codeBlocks(markdown, "sh").find((b) => b.code.startsWith("switchyard validate config &&"))?.code;

it("has docs/ci.md's GitHub Actions workflow and pre-commit hook, character for character", () => {
  expect(workflow(CI)).toBeDefined();
  expect(workflow(README)).toBe(workflow(CI));
  expect(preCommit(CI)).toBeDefined();
  expect(preCommit(README)).toBe(preCommit(CI));
});

it("says which config files are required as the loader does", () => {
  const rows = new Map(
    README.split("\n").flatMap((line) => {
      const m = /^\| `([a-z-]+\.yaml)` +\| (yes|no|generated) +\|/.exec(line);
      return m ? [[m[1]!, m[2]!] as const] : [];
    }),
  );
  for (const kind of CONFIG_FILE_KINDS) {
    const spec = CONFIG_FILES[kind];
    const expected = kind === "litellm" ? "generated" : spec.required ? "yes" : "no";
    expect([spec.fileName, rows.get(spec.fileName)]).toEqual([spec.fileName, expected]);
  }
});

it("names the install paths, the troubleshooting guide and the getting-started time", () => {
  for (const text of [
    "npm install --global @switchyard/cli",
    "npx @switchyard/cli",
    "node apps/cli/bin/switchyard.cjs",
    "(docs/troubleshooting.md)",
    "about five minutes",
  ])
    expect(README).toContain(text);
});
