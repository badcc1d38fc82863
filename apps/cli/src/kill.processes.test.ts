/**
 * Random SIGKILLs of the built CLI while it writes (issue #10, "keep it found"): during `generate`,
 * `migrate --auto` and `backup restore`. After every kill each file is whole (its old or its new
 * bytes), and the next run leaves the set consistent and says what it recovered.
 *
 * Kills wait for events, not for time: a watcher on the config directory counts the file-system
 * events of one undisturbed run, and each iteration kills the process at its k-th event (k random),
 * so the kill lands inside the write whatever the machine's load. Iterations are bounded by count:
 * SWITCHYARD_KILL_ITERATIONS (default 10 here; `pnpm test:kill` runs 200).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { type FSWatcher, watch } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HANG_GUARD_MS } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBuiltCli, runBuilt } from "./test-support/built.js";
import { testCacheDir } from "./test-support/cache-dir.js";
import { BIN } from "./test-support/paths.js";
import { example, tempDir } from "./test-support/run.js";

const ITERATIONS = Number(process.env.SWITCHYARD_KILL_ITERATIONS ?? 10);
/**
 * A hang guard, not a budget: the loop ends by count and every step waits for an event (a process
 * exit, the k-th file-system event). Generous per iteration so that it holds at load 85 (#19).
 */
const TIMEOUT = HANG_GUARD_MS + ITERATIONS * 3 * 60_000;

const sha = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex");

beforeAll(requireBuiltCli);

let work: string;
beforeAll(async () => {
  work = await tempDir("switchyard-kill-");
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Every regular file of `dir` and of `dir/.switchyard`, by relative name, with its bytes. */
async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const sub of ["", ".switchyard"]) {
    const names = await readdir(join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const entry of names) {
      if (!entry.isFile()) continue;
      const name = sub === "" ? entry.name : `${sub}/${entry.name}`;
      out.set(name, await readFile(join(dir, name)));
    }
  }
  return out;
}

interface KillRun {
  /** The run was killed (false: it finished before its k-th event). */
  readonly killed: boolean;
  readonly code: number | null;
}

function start(args: readonly string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", SWITCHYARD_CACHE_DIR: testCacheDir() },
    stdio: ["ignore", "ignore", "pipe"],
  });
}

function watchAll(dirs: readonly string[], onEvent: () => void): FSWatcher[] {
  return dirs.map((d) => watch(d, { persistent: false }, onEvent));
}

/** Run the CLI to its end, counting the file-system events it causes in `dirs`. */
async function countEvents(args: readonly string[], cwd: string, dirs: readonly string[]): Promise<number> {
  let events = 0;
  const watchers = watchAll(dirs, () => {
    events++;
  });
  const child = start(args, cwd);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  for (const w of watchers) w.close();
  expect(code, `calibration run of ${args.join(" ")} failed: ${stderr}`).toBe(0);
  return events;
}

/** Run the CLI and SIGKILL it at the k-th file-system event in `dirs`. */
async function killAtEvent(
  args: readonly string[],
  cwd: string,
  dirs: readonly string[],
  k: number,
): Promise<KillRun> {
  const child = start(args, cwd);
  let events = 0;
  let killed = false;
  const watchers = watchAll(dirs, () => {
    events++;
    if (events === k && child.exitCode === null) killed = child.kill("SIGKILL");
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("close", (c, s) => resolve([c, s])),
  );
  for (const w of watchers) w.close();
  return { killed: killed && signal === "SIGKILL", code };
}

function randomEvent(total: number): number {
  return 1 + Math.floor(Math.random() * Math.max(1, total));
}

/**
 * Names of the write layer's leftovers: temp files, staged files, journals. (A lock file of a killed
 * process may stay until the next writer, which takes it over: its pid is gone.)
 */
function leftovers(names: Iterable<string>): string[] {
  return [...names].filter((n) => /\.tmp-\d+-|\.staged-\d+-|journal-/.test(n));
}

describe("SIGKILL during migrate --auto", () => {
  it(
    `every file is whole; the next run leaves the set all old or all new, with a history to match (${ITERATIONS} kills)`,
    async () => {
      // References: the set before and after one undisturbed migration.
      const reference = join(work, "migrate-reference");
      await cp(example("legacy-v1"), join(reference, "config"), { recursive: true });
      const old = await files(join(reference, "config"));
      await mkdir(join(reference, "config", ".switchyard"));
      const events = await countEvents(["migrate", "--auto", "--config-dir", "config"], reference, [
        join(reference, "config"),
        join(reference, "config", ".switchyard"),
      ]);
      const migrated = await files(join(reference, "config"));
      const yamlNames = [...old.keys()].filter((n) => n.endsWith(".yaml"));
      const outcomes = { old: 0, new: 0, killed: 0, recovered: 0 };

      for (let i = 0; i < ITERATIONS; i++) {
        const cwd = join(work, `migrate-${i}`);
        const dir = join(cwd, "config");
        await cp(example("legacy-v1"), dir, { recursive: true });
        await mkdir(join(dir, ".switchyard"));
        const run = await killAtEvent(
          ["migrate", "--auto", "--config-dir", "config"],
          cwd,
          [dir, join(dir, ".switchyard")],
          randomEvent(events),
        );
        if (run.killed) outcomes.killed++;
        else expect(run.code, `iteration ${i}: migrate failed without a kill`).toBe(0);

        // 1. Right after the kill, every config file is whole: its old or its new bytes.
        for (const name of yamlNames) {
          const bytes = await readFile(join(dir, name));
          expect(
            bytes.equals(old.get(name)!) || bytes.equals(migrated.get(name)!),
            `iteration ${i}: ${name} is neither old nor new`,
          ).toBe(true);
        }

        // 2. The next run (any command; here the check) recovers, and says so when there was work.
        const check = await runBuilt(["migrate", "--check", "--config-dir", "config", "--json"], { cwd });
        expect([0, 1], `iteration ${i}: ${check.stderr}`).toContain(check.code);
        if (/SY1051|SY1052/.test(check.stdout + check.stderr)) outcomes.recovered++;
        const after = await files(dir);
        expect(leftovers(after.keys()), `iteration ${i}`).toEqual([]);
        const allOld = yamlNames.every((n) => after.get(n)!.equals(old.get(n)!));
        const allNew = yamlNames.every((n) => after.get(n)!.equals(migrated.get(n)!));
        expect(allOld || allNew, `iteration ${i}: a mixed set after the next run`).toBe(true);
        const history = (after.get(".switchyard/migrations.jsonl")?.toString() ?? "")
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => JSON.parse(l) as { action: string; files: { file: string; after: string }[] });
        if (allOld) {
          outcomes.old++;
          expect(history, `iteration ${i}: a history record without the migration`).toEqual([]);
          expect(check.code).toBe(1);
        } else {
          outcomes.new++;
          expect(history, `iteration ${i}: the migration has no history record`).toHaveLength(1);
          for (const f of history[0]!.files) expect(f.after).toBe(sha(after.get(f.file)!));
          expect(check.code).toBe(0);
        }

        // 3. Every few iterations, the set is also usable: a migrated one rolls back, an old one migrates.
        if (i % 5 === 0) {
          const next = allNew
            ? await runBuilt(["migrate", "rollback", "--config-dir", "config"], { cwd })
            : await runBuilt(["migrate", "--auto", "--config-dir", "config"], { cwd });
          expect(next.code, `iteration ${i}: ${next.stderr}`).toBe(0);
          const final = await files(dir);
          const want = allNew ? old : migrated;
          for (const name of yamlNames) expect(final.get(name)!.equals(want.get(name)!)).toBe(true);
        }
        await rm(cwd, { recursive: true, force: true });
      }
      console.log(`migrate kill test: ${JSON.stringify({ iterations: ITERATIONS, events, ...outcomes })}`);
      expect(outcomes.killed).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});

/** A config set with a generated file, and a second variant of its sources that generates another. */
async function generatedSet(cwd: string): Promise<{ variants: [string, string]; outputs: [Buffer, Buffer] }> {
  const dir = join(cwd, "config");
  await cp(example("config"), dir, { recursive: true });
  const mappings = await readFile(join(dir, "model-mappings.yaml"), "utf8");
  const variants: [string, string] = [mappings, `${mappings}\n# a comment that changes the sources' hash\n`];
  const outputs: Buffer[] = [];
  for (const variant of variants) {
    await writeFile(join(dir, "model-mappings.yaml"), variant);
    const run = await runBuilt(["generate", "--config-dir", "config", "--force"], { cwd });
    expect(run.code, run.stderr).toBe(0);
    outputs.push(await readFile(join(dir, "litellm-unified.yaml")));
  }
  expect(outputs[0]!.equals(outputs[1]!)).toBe(false);
  return { variants, outputs: outputs as [Buffer, Buffer] };
}

describe("SIGKILL during generate", () => {
  it(
    `the generated file and every backup are whole; the next run cleans up and writes (${ITERATIONS} kills)`,
    async () => {
      const cwd = join(work, "generate");
      const dir = join(cwd, "config");
      const { variants, outputs } = await generatedSet(cwd);
      const whole = (bytes: Buffer) => bytes.equals(outputs[0]) || bytes.equals(outputs[1]);
      await writeFile(join(dir, "model-mappings.yaml"), variants[0]);
      const events = await countEvents(["generate", "--config-dir", "config"], cwd, [dir]);
      let killed = 0;
      let cleaned = 0;
      for (let i = 0; i < ITERATIONS; i++) {
        const variant = (i + 1) % 2;
        await writeFile(join(dir, "model-mappings.yaml"), variants[variant]!);
        const run = await killAtEvent(
          ["generate", "--config-dir", "config"],
          cwd,
          [dir],
          randomEvent(events),
        );
        if (run.killed) killed++;
        else expect(run.code, `iteration ${i}: generate failed without a kill`).toBe(0);
        const now = await files(dir);
        expect(whole(now.get("litellm-unified.yaml")!), `iteration ${i}: torn generated file`).toBe(true);
        for (const [name, bytes] of now)
          if (name.startsWith("litellm-unified.yaml.backup-"))
            expect(whole(bytes), `iteration ${i}: torn backup ${name}`).toBe(true);

        // The next run takes over the lock, removes the leftovers (and says so) and writes.
        const next = await runBuilt(["generate", "--config-dir", "config"], { cwd });
        expect(next.code, `iteration ${i}: ${next.stderr}`).toBe(0);
        if (next.stdout.includes("temp file")) cleaned++;
        const after = await files(dir);
        expect(after.get("litellm-unified.yaml")!.equals(outputs[variant]!)).toBe(true);
        expect(leftovers([...after.keys(), ...(await readdir(dir))]), `iteration ${i}`).toEqual([]);
      }
      console.log(
        `generate kill test: ${JSON.stringify({ iterations: ITERATIONS, events, killed, cleaned })}`,
      );
      expect(killed).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});

/** The preload that stalls a rename or link onto a matching name (test-support/stall-write.cjs). */
const STALL = fileURLToPath(new URL("./test-support/stall-write.cjs", import.meta.url));

/**
 * Run the CLI with the write layer stalled before it moves a temp file onto a name matching
 * `stall`, and SIGKILL it there: when it says so on stderr (an event, whatever the load).
 */
async function killWhenStalled(args: readonly string[], cwd: string, stall: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: {
      ...process.env,
      NO_COLOR: "1",
      SWITCHYARD_CACHE_DIR: testCacheDir(),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${STALL}`.trim(),
      SWITCHYARD_TEST_STALL: stall,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const stalled = await new Promise<boolean>((resolve) => {
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.includes("stalled ")) resolve(true);
    });
    child.on("exit", () => resolve(false));
  });
  const exited = new Promise((resolve) => child.on("close", resolve));
  child.kill("SIGKILL");
  await exited;
  expect(stalled, `${args.join(" ")} never reached the stalled step: ${stderr}`).toBe(true);
  return stderr;
}

describe("SIGKILL between a temp file's fsync and its rename (#10 item 5)", () => {
  it("the next generate removes the leftover temp file and says so, in its report and in --json", async () => {
    const cwd = join(work, "generate-stalled");
    const dir = join(cwd, "config");
    const { variants, outputs } = await generatedSet(cwd);
    // The generated file's own temp (renamed onto it), then a backup's (linked to its name).
    const cases = [
      {
        stall: "^litellm-unified\\.yaml$",
        temp: /^\.litellm-unified\.yaml\.tmp-\d+-[0-9a-f]+$/,
        json: false,
      },
      {
        stall: "^litellm-unified\\.yaml\\.backup-",
        temp: /^\.litellm-unified\.yaml\.backup-\d{8}_\d{6}(-\d+)?\.tmp-\d+-[0-9a-f]+$/,
        json: true,
      },
    ];
    let current = 1; // generatedSet wrote the second variant last.
    for (const { stall, temp, json } of cases) {
      const next = 1 - current;
      await writeFile(join(dir, "model-mappings.yaml"), variants[next]!);
      await killWhenStalled(["generate", "--config-dir", "config"], cwd, stall);
      const left = (await readdir(dir)).filter((n) => temp.test(n));
      expect(left, `${stall}: ${(await readdir(dir)).join(", ")}`).toHaveLength(1);
      // Killed before the move: the file is still the previous version, whole.
      expect((await readFile(join(dir, "litellm-unified.yaml"))).equals(outputs[current]!)).toBe(true);

      const run = await runBuilt(["generate", "--config-dir", "config", ...(json ? ["--json"] : [])], {
        cwd,
      });
      expect(run.code, run.stderr).toBe(0);
      // Loading the set removed it (as any command does), and generate says so.
      const said = `Removed 1 temp file left by an interrupted write in config: ${left[0]}`;
      expect(run.stderr).toContain(`info[SY1051]: ${said}`);
      if (json) {
        const data = JSON.parse(run.stdout) as { recovered?: { code: string; message: string }[] };
        expect(data.recovered).toMatchObject([{ code: "SY1051", message: said }]);
      } else expect(run.stdout).toContain("Wrote config/litellm-unified.yaml");
      expect(leftovers(await readdir(dir))).toEqual([]);
      expect((await readFile(join(dir, "litellm-unified.yaml"))).equals(outputs[next]!)).toBe(true);
      current = next;
    }
  });
});

describe("SIGKILL during backup restore", () => {
  it(
    `the restored file is whole; the next restore finishes the job (${ITERATIONS} kills)`,
    async () => {
      const cwd = join(work, "restore");
      const dir = join(cwd, "config");
      const { outputs } = await generatedSet(cwd);
      const whole = (bytes: Buffer) => bytes.equals(outputs[0]) || bytes.equals(outputs[1]);
      // Two backups to restore in turn, one of each generation.
      await writeFile(join(dir, "litellm-unified.yaml.backup-20260101_000000"), outputs[0]);
      await writeFile(join(dir, "litellm-unified.yaml.backup-20260102_000000"), outputs[1]);
      const names = [
        "litellm-unified.yaml.backup-20260101_000000",
        "litellm-unified.yaml.backup-20260102_000000",
      ];
      const restore = (i: number) => ["backup", "restore", names[i % 2]!, "--config-dir", "config"];
      const events = await countEvents(restore(0), cwd, [dir]);
      let killed = 0;
      for (let i = 0; i < ITERATIONS; i++) {
        const run = await killAtEvent(restore(i), cwd, [dir], randomEvent(events));
        if (run.killed) killed++;
        else expect(run.code, `iteration ${i}: restore failed without a kill`).toBe(0);
        const now = await files(dir);
        expect(whole(now.get("litellm-unified.yaml")!), `iteration ${i}: torn file`).toBe(true);
        for (const [name, bytes] of now)
          if (name.startsWith("litellm-unified.yaml.backup-"))
            expect(whole(bytes), `iteration ${i}: torn backup ${name}`).toBe(true);
        const next = await runBuilt(restore(i), { cwd });
        expect(next.code, `iteration ${i}: ${next.stderr}`).toBe(0);
        const after = await files(dir);
        expect(after.get("litellm-unified.yaml")!.equals(outputs[i % 2]!)).toBe(true);
        expect(leftovers(await readdir(dir)), `iteration ${i}`).toEqual([]);
        // Keep the directory small: the backups each restore makes of the replaced file go.
        for (const name of after.keys())
          if (name.startsWith("litellm-unified.yaml.backup-") && !names.includes(name))
            await rm(join(dir, name));
      }
      console.log(`restore kill test: ${JSON.stringify({ iterations: ITERATIONS, events, killed })}`);
      expect(killed).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});

describe("SIGKILL during backup prune", () => {
  it(
    `no kept backup is lost or changed; the next prune finishes the job (${ITERATIONS} kills)`,
    async () => {
      const cwd = join(work, "prune");
      const dir = join(cwd, "config");
      await generatedSet(cwd);
      const generated = await readFile(join(dir, "litellm-unified.yaml"));
      // 20 hourly backups of one day, each with its own bytes: the default policy (last 10, one a
      // day, one a week) removes about half of them.
      const backups = new Map<string, Buffer>();
      for (let h = 0; h < 20; h++) {
        const name = `litellm-unified.yaml.backup-20260101_${String(h).padStart(2, "0")}0000`;
        backups.set(name, Buffer.concat([generated, Buffer.from(`# backup ${h}\n`)]));
      }
      const reset = async () => {
        for (const name of (await readdir(dir)).filter((n) => n.includes(".backup-")))
          await rm(join(dir, name));
        for (const [name, bytes] of backups) await writeFile(join(dir, name), bytes);
      };
      const prune = ["backup", "prune", "--config-dir", "config"];
      await reset();
      const events = await countEvents(prune, cwd, [dir]);
      // What an undisturbed prune keeps (the 10 newest, and the oldest as the week's).
      const kept = [...(await files(dir)).keys()].filter((n) => n.includes(".backup-")).sort();
      expect(kept.length).toBeGreaterThanOrEqual(10);
      expect(kept.length).toBeLessThan(20);
      let killed = 0;
      for (let i = 0; i < ITERATIONS; i++) {
        await reset();
        const run = await killAtEvent(prune, cwd, [dir], randomEvent(events));
        if (run.killed) killed++;
        else expect(run.code, `iteration ${i}: prune failed without a kill`).toBe(0);
        const now = await files(dir);
        expect(
          now.get("litellm-unified.yaml")!.equals(generated),
          `iteration ${i}: generated file changed`,
        ).toBe(true);
        for (const name of kept)
          expect(now.get(name)?.equals(backups.get(name)!), `iteration ${i}: ${name}`).toBe(true);
        for (const [name, bytes] of now)
          if (backups.has(name))
            expect(bytes.equals(backups.get(name)!), `iteration ${i}: ${name} changed`).toBe(true);

        const next = await runBuilt(prune, { cwd });
        expect(next.code, `iteration ${i}: ${next.stderr}`).toBe(0);
        const after = [...(await files(dir)).keys()].filter((n) => n.includes(".backup-")).sort();
        expect(after, `iteration ${i}`).toEqual(kept);
        expect(leftovers(await readdir(dir)), `iteration ${i}`).toEqual([]);
      }
      console.log(`prune kill test: ${JSON.stringify({ iterations: ITERATIONS, events, killed })}`);
      expect(killed).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});
