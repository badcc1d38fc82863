/**
 * Real-process tests of the built CLI (`bin/switchyard.cjs` → `dist/`), as `npm i -g` runs it. turbo builds before testing; by hand, run `npx tsup` in apps/cli first.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { tempDir } from "@switchyard/test-utils";
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

  it("an internal error exits 70 with a bug report: the error, no stack unless --debug", async () => {
    // A fault injected into the real process (preloaded with node's --require): writing the result
    // to stdout throws, as a broken stream would, after validate has run through its real chunks.
    const dir = await tempDir("sy-bin-fault-");
    const fault = join(dir, "stdout-fault.cjs");
    await writeFile(
      fault,
      'process.stdout.write = () => { throw new TypeError("injected stdout fault"); };\n',
    );
    const env = { NODE_OPTIONS: `--require ${fault}`, NO_COLOR: "1" };
    const plain = await runBin(["validate", "examples/config"], env);
    expect(plain.code).toBe(70);
    expect(plain.stdout).toBe("");
    const [first, second, , command, node, error, , advice, ...rest] = plain.stderr.split("\n");
    expect(first).toMatch(
      /^internal error: switchyard \d+\.\d+\.\d+\S* failed unexpectedly\. This is a bug\.$/,
    );
    expect(second).toMatch(/^Please report it at https:\/\/\S+ with the command you ran and this output:$/);
    expect(command).toBe("  switchyard validate examples/config");
    expect(node).toBe(`  node ${process.version} on ${process.platform}-${process.arch}`);
    expect(error).toBe("  TypeError: injected stdout fault");
    expect(advice).toBe("Run it again as 'switchyard --debug <command> …' to add the stack trace.");
    expect(rest).toEqual([""]);
    expect(plain.stderr).not.toContain("dist");

    const debug = await runBin(["--debug", "validate", "examples/config"], env);
    expect(debug.code).toBe(70);
    expect(debug.stderr).toContain("  switchyard validate examples/config\n  node ");
    expect(debug.stderr).toContain("  TypeError: injected stdout fault\n");
    // The stack names the built chunks the error passed through.
    expect(debug.stderr).toMatch(/^ {2}at .*dist[\\/][\w-]+\.cjs:\d+:\d+\)?$/m);
  });
});
