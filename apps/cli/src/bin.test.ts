/**
 * Real-process tests of the built CLI (`bin/switchyard.cjs` → `dist/`), as `npm i -g` runs it. turbo builds before testing; by hand, run `npx tsup` in apps/cli first.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { testCacheDir } from "./test-support/cache-dir.js";
import { BIN, REPO_ROOT } from "./test-support/paths.js";

const exec = promisify(execFile);
const DIST = fileURLToPath(new URL("../dist/cli.cjs", import.meta.url));

async function runBin(args: string[], env: Record<string, string> = {}) {
  const base: Record<string, string | undefined> = {
    ...process.env,
    FORCE_COLOR: undefined,
    NO_COLOR: undefined,
    SWITCHYARD_CACHE_DIR: testCacheDir(),
  };
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...base, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    return { code: failed.code ?? -1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the built switchyard binary", () => {
  beforeAll(() => {
    if (!existsSync(DIST))
      throw new Error(`${DIST} is missing: run 'npx tsup' in apps/cli (turbo builds before test)`);
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(await runBin(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("validate examples/config exits 0", async () => {
    const { code, stdout } = await runBin(["validate", "examples/config"]);
    expect(code).toBe(0);
    expect(stdout).toContain("no problems found");
  });

  it("a broken case exits 1", async () => {
    const { code, stdout } = await runBin(["validate", "examples/broken/unknown-key-typo"]);
    expect(code).toBe(1);
    expect(stdout).toContain("error[SY1030]");
  });

  it("NO_COLOR=1 gives no ANSI escapes even when FORCE_COLOR asks for them", async () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
    const ansi = /\u001b\[/;
    const forced = await runBin(["validate", "examples/broken/unknown-key-typo"], { FORCE_COLOR: "1" });
    expect(forced.stdout).toMatch(ansi);
    const plain = await runBin(["validate", "examples/broken/unknown-key-typo"], {
      FORCE_COLOR: "1",
      NO_COLOR: "1",
    });
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toMatch(ansi);
  });

  it("an unknown command exits 2", async () => {
    const { code, stderr } = await runBin(["valdate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("did you mean 'validate'?");
  });
});
