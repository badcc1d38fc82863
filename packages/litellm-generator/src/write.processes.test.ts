/**
 * writeLiteLLMConfig across real processes: two writers contending for one file, a writer waiting
 * for (or naming) another process's lock, and a writer killed with SIGKILL at random points during
 * 200 writes. The child is this package's TypeScript bundled into a temp `.mjs` (test-utils'
 * `bundleWorker`), since the packages are not built during tests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { bundleWorker, tempDir } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { configDir, yaml } from "../test/helpers.js";
import { generateLiteLLMConfig } from "./generate.js";
import { writeLiteLLMConfig } from "./write.js";

const WORKER_SOURCE = `
import { loadConfigSet } from "@switchyard/config-schema/load";
import { withFileLock } from "@switchyard/config-schema/write";
import { generateLiteLLMConfig } from "./generate.ts";
import { writeLiteLLMConfig } from "./write.ts";

const [mode, ...args] = process.argv.slice(2);
const say = (line) => process.stdout.write(line + "\\n");
if (mode === "loop") {
  // Writes number start..total-1, alternating the generations of two config dirs.
  const [dirA, dirB, out, start, total] = args;
  const sets = [await loadConfigSet(dirA, { cwd: dirA }), await loadConfigSet(dirB, { cwd: dirB })];
  // Warm up (the first generation compiles the schemas), so kills land among writes, not startup.
  for (const set of sets) generateLiteLLMConfig(set);
  say("ready " + Math.round(performance.now()));
  for (let i = Number(start); i < Number(total); i++) {
    const result = await writeLiteLLMConfig(sets[i % 2], { outputPath: out, backup: false, lockTimeoutMs: 20000 });
    if (!result.ok) {
      process.stderr.write(JSON.stringify(result.diagnostics));
      process.exit(1);
    }
    if (result.removedTempFiles) say("cleaned " + result.removedTempFiles.length);
    say("done " + (i + 1) + " " + Math.round(performance.now()));
  }
} else if (mode === "writes") {
  const [dir, out, count] = args;
  const set = await loadConfigSet(dir, { cwd: dir });
  let written = 0;
  for (let j = 0; j < Number(count); j++) {
    const result = await writeLiteLLMConfig(set, { outputPath: out, backup: false, lockTimeoutMs: 20000 });
    if (!result.ok) {
      process.stderr.write(JSON.stringify(result.diagnostics));
      process.exit(1);
    }
    if (result.changed) written++;
  }
  say("written " + written);
} else if (mode === "hold") {
  // Hold the lock until a line arrives on stdin.
  const [out] = args;
  await withFileLock(out, async () => {
    say("locked");
    const keepAlive = setInterval(() => {}, 1 << 30);
    await new Promise((resolve) => process.stdin.once("data", resolve));
    clearInterval(keepAlive);
    say("releasing");
  });
  process.exit(0);
}
`;

const PROVIDERS = yaml`
  schema_version: "2.0.0"
  providers:
    vllm:
      type: vllm
      base_url: http://127.0.0.1:8001/v1
      models: [{ name: qwen2.5-7b }, { name: qwen2.5-14b }]
`;
/** Two config sets whose generations differ (and are large enough for a torn write to show). */
function mappings(variant: "a" | "b"): string {
  const names = Array.from(
    { length: 24 },
    (_, i) => `    ${variant}-model-${i}: { provider: vllm, model: qwen2.5-7b }`,
  );
  return `schema_version: "2.0.0"\nexact_matches:\n${names.join("\n")}\n`;
}

let work: string;
let worker: string;
let dirA: string;
let dirB: string;
let textA: string;
let textB: string;

beforeAll(async () => {
  work = await tempDir("sy-gen-proc-");
  worker = await bundleWorker(WORKER_SOURCE, {
    resolveDir: dirname(fileURLToPath(import.meta.url)),
    outfile: join(work, "worker.mjs"),
    minify: true,
  });
  dirA = await configDir({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings("a") });
  dirB = await configDir({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings("b") });
  const [a, b] = [
    generateLiteLLMConfig(await loadConfigSet(dirA, { cwd: dirA })),
    generateLiteLLMConfig(await loadConfigSet(dirB, { cwd: dirB })),
  ];
  if (!a.ok || !b.ok) throw new Error("fixture generation failed");
  [textA, textB] = [a.text, b.text];
}, 30_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function run(...args: string[]): ChildProcess {
  return spawn(process.execPath, [worker, ...args], { stdio: ["pipe", "pipe", "pipe"] });
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function exited(child: ChildProcess): Promise<Exit> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

function printed(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split("\n").some((l) => l === line || l.startsWith(`${line} `))) resolve();
    });
    child.on("exit", () => reject(new Error(`child exited before printing ${line}`)));
  });
}

const TEMP = /^\.litellm-unified\.yaml\.tmp-(\d+)-/;

describe("writeLiteLLMConfig between processes", () => {
  test("two concurrent writers never interleave: the file is always one complete generation", async () => {
    const dir = await mkdtemp(join(work, "two-"));
    const out = join(dir, "litellm-unified.yaml");
    await writeFile(out, textA);
    const children = [run("writes", dirA, out, "25"), run("writes", dirB, out, "25")];
    const done = Promise.all(children.map(exited));
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    const seen = new Set<string>();
    let reads = 0;
    while (!finished) {
      const content = await readFile(out, "utf8");
      reads++;
      expect(
        content === textA || content === textB,
        `read ${reads}: not a whole generation (${content.length} bytes)`,
      ).toBe(true);
      seen.add(content === textA ? "a" : "b");
      await sleep(1);
    }
    const results = await done;
    expect(results.map((r) => [r.code, r.stderr])).toEqual([
      [0, ""],
      [0, ""],
    ]);
    // Each writer rewrote the file at least whenever the other had replaced it in between.
    const written = results.map((r) => Number(/written (\d+)/.exec(r.stdout)![1]));
    // The file started as a's generation, so b's first write changed it.
    expect(written[1]).toBeGreaterThan(0);
    // How many reads fell among the writes is the machine's business; each one was whole.
    expect(reads).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(0);
    expect((await readdir(dir)).sort()).toEqual(["litellm-unified.yaml"]);
  });

  test("a writer fails at once naming the lock holder, or waits until it releases", async () => {
    const dir = await mkdtemp(join(work, "hold-"));
    const out = join(dir, "litellm-unified.yaml");
    const holder = run("hold", out);
    const holderExit = exited(holder);
    await printed(holder, "locked");

    const set = await loadConfigSet(dirA, { cwd: dirA });
    const refused = await writeLiteLLMConfig(set, { outputPath: out, lockTimeoutMs: 0 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.diagnostics[0]!.code).toBe("SY4111");
    expect(refused.diagnostics[0]!.message).toMatch(
      new RegExp(`is locked by pid ${holder.pid} on host .+ since \\d{4}-`),
    );

    // A waiting writer writes only once the holder has let go: the file is still absent while the
    // lock is held, and the holder says "releasing" before it lets go.
    let waitedDone = false;
    const waiting = writeLiteLLMConfig(set, { outputPath: out, lockTimeoutMs: 120_000 }).finally(() => {
      waitedDone = true;
    });
    const again = await writeLiteLLMConfig(set, { outputPath: out, lockTimeoutMs: 0 });
    expect(again.ok).toBe(false);
    expect(waitedDone).toBe(false);
    await expect(readFile(out, "utf8")).rejects.toMatchObject({ code: "ENOENT" });
    holder.stdin?.write("release\n");
    const waited = await waiting;
    expect(waited.ok).toBe(true);
    expect(await readFile(out, "utf8")).toBe(textA);
    const exit = await holderExit;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain("releasing\n");
  });

  test("SIGKILL at random points during 200 writes: always the old or the new file; leftovers are cleaned", async () => {
    const dir = await mkdtemp(join(work, "kill-"));
    const out = join(dir, "litellm-unified.yaml");
    const configs = [parse(textA, { version: "1.1" }), parse(textB, { version: "1.1" })];
    let completed = 0;
    let rounds = 0;
    let leftovers = 0;
    let cleaned = 0;
    while (completed < 200 && rounds < 200) {
      rounds++;
      const child = run("loop", dirA, dirB, out, String(completed), "200");
      const exit = exited(child);
      // Kill right after a random number (1-10) of whole writes of this round: at a random point of
      // the next one, whatever the machine's load (each round writes at least once).
      const target = Math.min(200, completed + 1 + Math.floor(Math.random() * 10));
      await printed(child, `done ${target}`).catch(() => undefined);
      child.kill("SIGKILL");
      const { stdout, signal, code } = await exit;
      expect(signal === "SIGKILL" || code === 0, `round ${rounds}: the writer failed`).toBe(true);
      for (const match of stdout.matchAll(/^done (\d+)/gm)) completed = Math.max(completed, Number(match[1]));
      for (const match of stdout.matchAll(/^cleaned (\d+)$/gm)) cleaned += Number(match[1]);

      if (completed === 0) continue;
      const content = await readFile(out, "utf8");
      expect(
        content === textA || content === textB,
        `round ${rounds}: torn file of ${content.length} bytes`,
      ).toBe(true);
      expect(configs).toContainEqual(parse(content, { version: "1.1" }));
      const temps = (await readdir(dir)).filter((name) => Number(TEMP.exec(name)?.[1]) === child.pid);
      leftovers += temps.length;
    }
    expect(completed).toBe(200);
    expect(rounds).toBeGreaterThan(1);
    // Write number 200 (index 199) was of the second set.
    expect(await readFile(out, "utf8")).toBe(textB);
    // The next write removes what the killed writers left behind, and says so.
    const last = await writeLiteLLMConfig(await loadConfigSet(dirA, { cwd: dirA }), {
      outputPath: out,
      backup: false,
    });
    expect(last.ok).toBe(true);
    if (!last.ok) return;
    cleaned += last.removedTempFiles?.length ?? 0;
    expect(cleaned).toBe(leftovers);
    expect((await readdir(dir)).sort()).toEqual(["litellm-unified.yaml"]);
  }, 180_000);
});
