/**
 * The launcher's compiled-code caches, tested on real processes of the built CLI
 * (`bin/switchyard.cjs` → `dist/`). Whatever state the cache is in, the command's output and exit
 * code are those of a run without a cache. Every test points SWITCHYARD_CACHE_DIR at its own
 * temporary directory (and XDG_CACHE_HOME/HOME too), so no test writes into the real home.
 */
import { execFile } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir as registeredTempDir } from "@switchyard/test-utils";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { node22 } from "./test-support/node22.js";
import { BIN, REPO_ROOT } from "./test-support/paths.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const COMMAND = ["validate", "examples/config"];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await registeredTempDir("switchyard-cache-test-");
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of temps.splice(0)) {
    chmodTree(dir);
    await rm(dir, { recursive: true, force: true });
  }
});
function chmodTree(dir: string): void {
  try {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory()) chmodTree(join(dir, entry.name));
  } catch {}
}

/** The environment of a run: the cache in `cacheDir`, home and XDG in a temp dir, no colour. */
function envFor(cacheDir: string | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", SWITCHYARD_DEBUG_CACHE: "1" };
  delete env.FORCE_COLOR;
  delete env.SWITCHYARD_NO_COMPILE_CACHE;
  delete env.NODE_OPTIONS;
  // After the deletions: the run without a cache asks for one with SWITCHYARD_NO_COMPILE_CACHE (it
  // was deleted after being set, so that run wrote a cache into the real ~/.cache/switchyard).
  Object.assign(env, extra);
  if (cacheDir === undefined) delete env.SWITCHYARD_CACHE_DIR;
  else env.SWITCHYARD_CACHE_DIR = cacheDir;
  return env;
}

function runWith(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `switchyard <args>` on Node 20's path: the launcher's own V8 code cache. */
function runV8(
  cacheDir: string | undefined,
  args = COMMAND,
  extra: Record<string, string> = {},
): Promise<Run> {
  return runWith(
    process.execPath,
    [BIN, ...args],
    envFor(cacheDir, { SWITCHYARD_CACHE_LOADER: "v8", ...extra }),
  );
}

/** Each chunk's cache state from the launcher's SWITCHYARD_DEBUG_CACHE lines. */
function states(run: Run): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const match of run.stderr.matchAll(/^switchyard cache: (\S+\.cjs) (.+)$/gm)) {
    found.set(match[1]!, [...(found.get(match[1]!) ?? []), match[2]!]);
  }
  return found;
}
function chunksIn(run: Run, state: string): string[] {
  return [...states(run)].filter(([, s]) => s.includes(state)).map(([name]) => name);
}
/** The output without the cache's debug lines. */
function output(run: Run): Run {
  return { ...run, stderr: run.stderr.replace(/^switchyard cache: .*\n/gm, "") };
}

let plain: Run;
beforeAll(async () => {
  if (!existsSync(join(DIST, "cli.cjs")))
    throw new Error(`${DIST}cli.cjs is missing: run 'pnpm build' in apps/cli (turbo builds before test)`);
  plain = output(
    await runWith(
      process.execPath,
      [BIN, ...COMMAND],
      envFor(undefined, { SWITCHYARD_NO_COMPILE_CACHE: "1" }),
    ),
  );
  expect(plain.code).toBe(0);
  expect(plain.stdout).toContain("no problems found");
});

describe("the V8 code cache (Node < 22.1)", () => {
  it("is written on the first run, one file per chunk, and used on the next", async () => {
    const dir = await tempDir();
    const first = await runV8(dir);
    expect(output(first)).toEqual(plain);
    const written = chunksIn(first, "written");
    expect(written.length).toBeGreaterThan(3);
    expect(chunksIn(first, "miss")).toEqual(written);
    const files = readdirSync(dir);
    expect(files).toHaveLength(written.length);
    for (const file of files)
      expect(file).toMatch(new RegExp(`-${process.version}-${process.arch}\\.v8cache$`));

    const second = await runV8(dir);
    expect(output(second)).toEqual(plain);
    expect(chunksIn(second, "hit").sort()).toEqual(written.sort());
    expect(chunksIn(second, "written")).toEqual([]);
  });

  it.each([
    [
      "with bytes flipped in the middle",
      (b: Buffer) => {
        // Up to 64 bytes from the middle, every 7th, within the file (small chunks have small caches).
        for (let at = b.length >> 1, n = 0; at < b.length && n < 64; at += 7, n++) b[at]! ^= 0xa5;
        return b;
      },
    ],
    ["truncated", (b: Buffer) => b.subarray(0, b.length >> 1)],
    ["empty", () => Buffer.alloc(0)],
    ["of garbage", (b: Buffer) => Buffer.alloc(b.length, 0x5a)],
  ])("a damaged cache file (%s) falls back to a plain load and is rewritten", async (_, damage) => {
    const dir = await tempDir();
    await runV8(dir);
    for (const file of readdirSync(dir))
      writeFileSync(join(dir, file), damage(readFileSync(join(dir, file))));
    const damaged = await runV8(dir);
    expect(output(damaged)).toEqual(plain);
    expect(chunksIn(damaged, "hit")).toEqual([]);
    expect(chunksIn(damaged, "written").length).toBe(readdirSync(dir).length);
    const after = await runV8(dir);
    expect(output(after)).toEqual(plain);
    expect(chunksIn(after, "written")).toEqual([]);
    expect(chunksIn(after, "hit").length).toBe(readdirSync(dir).length);
  });

  it("a cache made by another Node version is rejected and replaced", async () => {
    const dir = await tempDir();
    await runV8(dir);
    // Node 22's V8 compiles each chunk and writes its code cache under this Node's file names.
    const script = [
      'const { readFileSync, readdirSync, writeFileSync } = require("node:fs");',
      'const { join } = require("node:path");',
      'const { Script } = require("node:vm");',
      "const [dist, dir] = process.argv.slice(1);",
      "for (const file of readdirSync(dir)) {",
      '  const chunk = join(dist, file.replace(/-v\\d.*$/, ".cjs"));',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the script's own template string
      '  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(chunk, "utf8")}\\n})`;',
      "  writeFileSync(join(dir, file), new Script(source, { filename: chunk }).createCachedData());",
      "}",
    ].join("\n");
    const made = await runWith(node22(), ["-e", script, DIST, dir], process.env);
    expect(made.stderr).toBe("");
    const foreign = await runV8(dir);
    expect(output(foreign)).toEqual(plain);
    expect(chunksIn(foreign, "hit")).toEqual([]);
    expect(chunksIn(foreign, "rejected").length).toBe(readdirSync(dir).length);
    const after = await runV8(dir);
    expect(chunksIn(after, "hit").length).toBe(readdirSync(dir).length);
  });

  it("a missing cache directory is created; one that cannot be created is a plain load", async () => {
    const base = await tempDir();
    const missing = join(base, "a", "b", "cache");
    const created = await runV8(missing);
    expect(output(created)).toEqual(plain);
    expect(readdirSync(missing).length).toBe(chunksIn(created, "written").length);

    writeFileSync(join(base, "file"), "not a directory");
    const impossible = await runV8(join(base, "file", "cache"));
    expect(output(impossible)).toEqual(plain);
    expect(impossible.stderr).toMatch(/^switchyard cache: not written: ENOTDIR$/m);
  });

  it("a read-only cache directory is read but never written", async () => {
    const dir = await tempDir();
    await runV8(dir);
    const warm = readdirSync(dir).sort();
    const empty = await tempDir();
    for (const [cacheDir, expected] of [
      [dir, "hit"],
      [empty, "miss"],
    ] as const) {
      const run = await readOnly(
        cacheDir,
        process.execPath,
        [BIN, ...COMMAND],
        envFor(cacheDir, { SWITCHYARD_CACHE_LOADER: "v8" }),
      );
      expect(output(run)).toEqual(plain);
      expect(chunksIn(run, expected).length).toBeGreaterThan(3);
      if (expected === "miss") expect(run.stderr).toMatch(/not written: (EROFS|EACCES)/);
    }
    expect(readdirSync(dir).sort()).toEqual(warm);
    expect(readdirSync(empty)).toEqual([]);
  });

  it("processes writing the cache at once all run normally and leave whole files", async () => {
    const dir = await tempDir();
    const runs = await Promise.all(Array.from({ length: 6 }, () => runV8(dir)));
    for (const run of runs) expect(output(run)).toEqual(plain);
    // They start together, so several find no cache and write it (which ones is up to the scheduler).
    expect(runs.filter((run) => chunksIn(run, "written").length > 0).length).toBeGreaterThan(1);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const after = await runV8(dir);
    expect(output(after)).toEqual(plain);
    expect(chunksIn(after, "written")).toEqual([]);
    expect(chunksIn(after, "hit").length).toBe(readdirSync(dir).length);
  });
});

describe("Node's compile cache (Node >= 22.1)", () => {
  let node: string;
  beforeAll(() => {
    node = node22();
  }, 600_000);
  const run22 = (cacheDir: string, extra: Record<string, string> = {}) =>
    runWith(node, [BIN, ...COMMAND], envFor(cacheDir, extra));

  it("is enabled in <cache>/node and used on the next run", async () => {
    const dir = await tempDir();
    const first = await run22(dir);
    expect(output(first)).toEqual(plain);
    expect(first.stderr).toContain("switchyard cache: node compile cache ENABLED");
    expect(existsSync(join(dir, "node"))).toBe(true);
    const second = await run22(dir, { NODE_DEBUG_NATIVE: "COMPILE_CACHE" });
    expect(output(second).stdout).toBe(plain.stdout);
    expect(second.stderr).toMatch(/dist\/cli-[A-Z0-9]{8}\.cjs.*(was accepted|accept)/i);
  });

  it("damaged cache files fall back to a plain load", async () => {
    const dir = await tempDir();
    await run22(dir);
    for (const file of walk(join(dir, "node"))) {
      const bytes = readFileSync(file);
      for (let i = 0; i < 64; i++)
        bytes.writeUInt8(bytes.readUInt8((bytes.length >> 1) + i) ^ 0xa5, (bytes.length >> 1) + i);
      writeFileSync(file, bytes);
    }
    expect(output(await run22(dir))).toEqual(plain);
  });

  it("a read-only or uncreatable cache directory is a plain load", async () => {
    const empty = await tempDir();
    const run = await readOnly(empty, node, [BIN, ...COMMAND], envFor(empty));
    expect(output(run)).toEqual(plain);
    expect(readdirSync(empty)).toEqual([]);
    const base = await tempDir();
    writeFileSync(join(base, "file"), "");
    expect(output(await run22(join(base, "file", "cache")))).toEqual(plain);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Run `command args` while `dir` is read-only: chmod for an ordinary user; for root (whom
 * permissions do not stop), a read-only bind mount of `dir` in a private mount namespace (unshare).
 */
async function readOnly(
  dir: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<Run> {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    try {
      return await runWith(command, args, env);
    } finally {
      chmodSync(dir, 0o755);
    }
  }
  const mountReadOnly = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"';
  const run = await runWith("unshare", ["-rm", "sh", "-c", mountReadOnly, "sh", dir, command, ...args], env);
  if (/mount:|unshare:/.test(run.stderr)) throw new Error(`could not make ${dir} read-only: ${run.stderr}`);
  return run;
}
