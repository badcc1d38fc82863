/**
 * Real processes: writers killed with SIGKILL mid-write, and two processes contending
 * for one file. The child is this folder's TypeScript bundled by esbuild (a dev dependency) into a temp `.mjs`, since the package is not built during tests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeFileAtomic } from "./atomic-write.js";
import { cleanStaleTempFiles } from "./clean-temp.js";
import { FileLockedError, type LockOwner, withFileLock } from "./file-lock.js";
import { parseTempFileName } from "./temp-name.js";

const WORKER_SOURCE = `
import { appendFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { writeFileAtomic } from "./atomic-write.ts";
import { withFileLock } from "./file-lock.ts";
import { writeFileSafely } from "./write-file-safely.ts";

const [mode, target, ...args] = process.argv.slice(2);
if (mode === "atomic") {
  // Rewrite the target forever with one of the contents content(0..count-1).
  const count = Number(args[0]);
  const size = Number(args[1]);
  let i = Number(args[2]);
  process.stdout.write("ready\\n");
  for (;;) {
    i = (i + 1) % count;
    await writeFileAtomic(target, String(i).repeat(size));
  }
} else if (mode === "safe") {
  const [id, count] = args;
  for (let j = 0; j < Number(count); j++) {
    await writeFileSafely(target, id + ":" + j + "\\n", { lockTimeoutMs: 20000 });
  }
} else if (mode === "lock") {
  const [log, id, count] = args;
  for (let j = 0; j < Number(count); j++) {
    await withFileLock(target, async () => {
      await appendFile(log, "enter " + id + "\\n");
      await sleep(Math.random() * 3);
      await appendFile(log, "exit " + id + "\\n");
    }, { pollMs: 2 });
  }
} else if (mode === "hold") {
  const holdMs = Number(args[0]);
  await withFileLock(target, async () => {
    process.stdout.write("locked\\n");
    await sleep(holdMs);
  });
}
`;

let work: string;
let worker: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sy-proc-"));
  worker = join(work, "worker.mjs");
  await build({
    stdin: {
      contents: WORKER_SOURCE,
      resolveDir: dirname(fileURLToPath(import.meta.url)),
      loader: "ts",
      sourcefile: "worker.ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: worker,
    logLevel: "silent",
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function run(...args: string[]): ChildProcess {
  return spawn(process.execPath, [worker, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stderr })));
}

function printed(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`${line}\n`)) resolve();
    });
    child.on("exit", () => reject(new Error(`child exited before printing ${line}`)));
  });
}

async function freshDir(name: string): Promise<string> {
  return mkdtemp(join(work, `${name}-`));
}

describe("writeFileAtomic under SIGKILL", () => {
  test("the target is always exactly one whole version; leftovers are cleaned", async () => {
    const dir = await freshDir("kill");
    const target = join(dir, "providers.yaml");
    const count = 4;
    const size = 256 * 1024;
    const versions = new Set(Array.from({ length: count }, (_, i) => String(i).repeat(size)));
    await writeFileAtomic(target, String(0).repeat(size));
    let leftovers = 0;
    for (let round = 0; round < 12; round++) {
      const child = run("atomic", target, String(count), String(size), String(round % count));
      const done = exited(child);
      await printed(child, "ready");
      await sleep(Math.random() * 40);
      child.kill("SIGKILL");
      expect((await done).signal).toBe("SIGKILL");

      const content = await readFile(target, "utf8");
      expect(versions.has(content), `round ${round}: torn file of ${content.length} bytes`).toBe(true);

      const temps = (await readdir(dir)).filter((n) => parseTempFileName(n)?.pid === child.pid);
      leftovers += temps.length;
      const removed = await cleanStaleTempFiles(dir, "providers.yaml");
      expect(removed.sort()).toEqual(temps.map((n) => join(dir, n)).sort());
      expect(await readdir(dir)).toEqual(["providers.yaml"]);
    }
    // Most kills land between the temp file's creation and the rename (about 4 in 5 here),
    // so the old-or-new check above did face half-written temp files.
    expect(leftovers).toBeGreaterThan(0);
  });
});

describe("locks between processes", () => {
  test("a live holder in another process: fail at once with timeout 0, or wait until it releases", async () => {
    const dir = await freshDir("hold");
    const target = join(dir, "providers.yaml");
    const child = run("hold", target, "400");
    const done = exited(child);
    await printed(child, "locked");

    const error = await withFileLock(target, async () => "never", { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileLockedError);
    expect((error as FileLockedError).pid).toBe(child.pid);
    expect((error as FileLockedError).message).toMatch(
      new RegExp(`is locked by pid ${child.pid} on host ${hostname()} since \\d{4}-\\d{2}-\\d{2}T`),
    );

    const started = Date.now();
    expect(await withFileLock(target, async () => "got it", { timeoutMs: 5000, pollMs: 10 })).toBe("got it");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect((await done).code).toBe(0);
  });

  test("a lock left by a holder killed with SIGKILL is taken over", async () => {
    const dir = await freshDir("stale");
    const target = join(dir, "providers.yaml");
    const child = run("hold", target, "60000");
    const done = exited(child);
    await printed(child, "locked");
    child.kill("SIGKILL");
    await done;
    expect(await readdir(dir)).toEqual(["providers.yaml.lock"]);

    const stale: LockOwner[] = [];
    const result = await withFileLock(target, async () => "taken over", {
      timeoutMs: 0,
      onStaleLock: (owner) => stale.push(owner),
    });
    expect(result).toBe("taken over");
    expect(stale.map((o) => o.pid)).toEqual([child.pid]);
    expect(await readdir(dir)).toEqual([]);
  });

  test("critical sections of two processes never overlap", async () => {
    const dir = await freshDir("mutex");
    const target = join(dir, "providers.yaml");
    const log = join(dir, "log");
    await writeFile(log, "");
    const children = ["a", "b"].map((id) => run("lock", target, log, id, "30"));
    const results = await Promise.all(children.map(exited));
    expect(results.map((r) => [r.code, r.stderr])).toEqual([
      [0, ""],
      [0, ""],
    ]);
    const lines = (await readFile(log, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(120);
    for (let i = 0; i < lines.length; i += 2) {
      const id = lines[i]!.slice("enter ".length);
      expect([lines[i], lines[i + 1]]).toEqual([`enter ${id}`, `exit ${id}`]);
    }
  });

  test("two processes' writeFileSafely calls never interleave: every version is backed up exactly once", async () => {
    const dir = await freshDir("safe");
    const target = join(dir, "providers.yaml");
    await writeFile(target, "initial\n");
    const perChild = 12;
    const children = ["a", "b"].map((id) => run("safe", target, id, String(perChild)));
    const results = await Promise.all(children.map(exited));
    expect(results.map((r) => [r.code, r.stderr])).toEqual([
      [0, ""],
      [0, ""],
    ]);
    const names = await readdir(dir);
    expect(names.filter((n) => !n.startsWith("providers.yaml.backup-") && n !== "providers.yaml")).toEqual(
      [],
    );
    const contents = await Promise.all(names.map((n) => readFile(join(dir, n), "utf8")));
    const written = ["a", "b"].flatMap((id) => Array.from({ length: perChild }, (_, j) => `${id}:${j}\n`));
    // Interleaved writers would both back up the same version and lose another one.
    expect(contents.sort()).toEqual(["initial\n", ...written].sort());
  });
});
