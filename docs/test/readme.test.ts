/**
 * The repository's README and the docs say the same: the README's GitHub Actions workflow and
 * pre-commit hook are docs/ci.md's (whose test runs them), and its table of config files says which
 * are required as the loader decides it (config-schema's `CONFIG_FILES`). Its console examples run
 * with the docs' (examples.test.ts).
 */
import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { CONFIG_FILE_KINDS, CONFIG_FILES } from "@switchyard/config-schema";
import { codeBlocks, tempDir } from "@switchyard/test-utils";
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

it("runs the demo of its quick start, and the demo leaves nothing in $TMPDIR", async () => {
  const manifest = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
    scripts: Record<string, string>;
  };
  expect(README).toContain("npx -y pnpm@10.34.8 demo");
  // The build is turbo's (the tests run after it); the rest is the demo proper.
  const build = "turbo run build --output-logs=errors-only && ";
  const demo = manifest.scripts.demo!;
  expect(demo.startsWith(build)).toBe(true);
  const tmp = await tempDir("sy-demo-tmpdir-");
  // The CLI's compile cache goes to a directory of the test's own, not the run's home (the run fails
  // when a test leaves anything there).
  const cache = await tempDir("sy-demo-cache-");
  // pnpm runs a script with sh -c.
  const run = spawnSync("sh", ["-c", demo.slice(build.length)], {
    cwd: fileURLToPath(new URL("../../", import.meta.url)),
    env: { ...process.env, TMPDIR: tmp, NO_COLOR: "1", SWITCHYARD_CACHE_DIR: cache },
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/Wrote .*litellm-unified\.yaml/);
  expect(run.stdout).toMatch(/score/i);
  expect(await readdir(tmp)).toEqual([]);
});
