// `pnpm fuzz`: a mutation fuzzer through the built CLI (issue #10, "keep it found").
//
// Each input is the example config set (with a generated litellm-unified.yaml, and half the time a
// literal API key planted in providers.yaml), mutated by fast-check-generated descriptors
// (fuzz/mutations.mjs: tabs, BOMs, NUL, invalid UTF-8, 100k-character lines, 150,000 lines, deep
// nesting, anchors and aliases, forbidden keys, swapped types, deleted, duplicated or truncated
// lines, removed files, terminal escapes, workflow-command injection). Every input runs
//   validate --format json · audit --format json · generate --check · migrate --check --json
// in worker processes that load the built CLI (apps/cli/dist/cli.cjs) and call its `main`; every
// 25th input also runs each command as a real `switchyard` process. Each run must:
//   - exit with a documented code (validate/generate/migrate 0-2, audit 0-3), never 70;
//   - finish: a run that uses --hang-ms of CPU time without answering (busy), or no CPU at all
//     for --hang-ms (blocked, e.g. on a FIFO), is killed: a hang. CPU time, read from /proc, so a
//     busy machine (load 30 on 2 cores stretched runs to 60 s of wall time) is not a hang;
//   - stay within --budget-ms of CPU time (a slow run is re-run once alone; slow twice is a finding);
//   - locate what it reports: validate's JSON names a file and a position for some diagnostic;
//   - print valid JSON for a JSON format, one document;
//   - never print the planted secret;
//   - never change the config directory (all four commands are read-only; the set is written once
//     per input and checked after each run);
//   - not crash its process (an uncaught exception or running out of memory kills the worker).
// Every input of fuzz/regressions/ (each a config set a past run found) is replayed first.
// A failing input is saved under fuzz/failures/<seed>-<index>/ with what failed; copy it into
// fuzz/regressions/ once fixed. Exit 0 when nothing was found, 1 otherwise, 2 for a bad option.
//
//   pnpm fuzz                          1,000 inputs, a random seed (printed)
//   pnpm fuzz --count 100000           the on-demand run
//   pnpm fuzz --seed 42 --only 1234    replay input 1234 of seed 42
//   node fuzz/run.mjs --count 100      without building first (CI builds before)
import { execFileSync, fork, spawn } from "node:child_process";
import {
  accessSync,
  constants,
  lstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { childrenCpuMs, processCpuMs } from "../packages/test-utils/src/cpu-time.mjs";
import { applyMutations, inputAt } from "./mutations.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "apps", "cli", "bin", "switchyard.cjs");
const WORKER = join(ROOT, "fuzz", "worker.cjs");
const REGRESSIONS = join(ROOT, "fuzz", "regressions");
const FAILURES = join(ROOT, "fuzz", "failures");

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        count: { type: "string", default: "1000" },
        seed: { type: "string" },
        only: { type: "string" },
        workers: { type: "string" },
        "budget-ms": { type: "string", default: "2000" },
        "hang-ms": { type: "string", default: "60000" },
        "process-every": { type: "string", default: "25" },
        "max-seconds": { type: "string", default: "0" },
        json: { type: "boolean", default: false },
        profile: { type: "boolean", default: false },
        "work-dir": { type: "string" },
      },
    });
  } catch (error) {
    console.error(`fuzz: ${error.message}`);
    process.exit(2);
  }
})();
const count = Number(values.count);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const only = values.only === undefined ? undefined : Number(values.only);
const workers = Number(values.workers ?? Math.max(1, Math.min(4, availableParallelism())));
const budgetMs = Number(values["budget-ms"]);
const hangMs = Number(values["hang-ms"]);
const processEvery = Number(values["process-every"]);
/** Start no new fuzz input after this many seconds (0: no limit); regressions always all run. */
const maxSeconds = Number(values["max-seconds"]);
for (const [name, n] of Object.entries({ count, seed, workers, budgetMs, hangMs, processEvery, maxSeconds }))
  if (!Number.isInteger(n) || n < 0) {
    console.error(`fuzz: --${name} must be a whole number`);
    process.exit(2);
  }

/** The commands, each with the exit codes its help documents and whether it prints JSON. */
const COMMANDS = [
  { args: ["validate", "config", "--format", "json"], codes: [0, 1, 2], json: true, located: true },
  { args: ["audit", "config", "--format", "json"], codes: [0, 1, 2, 3], json: true },
  { args: ["generate", "--check", "--config-dir", "config"], codes: [0, 1, 2], json: false },
  { args: ["migrate", "--check", "--config-dir", "config", "--json"], codes: [0, 1, 2], json: true },
];
/** The files mutations touch (litellm-unified.yaml too: generate --check reads its header). */
const MUTABLE = [
  "providers.yaml",
  "model-mappings.yaml",
  "ports.yaml",
  "feature-flags.yaml",
  "litellm-unified.yaml",
  ".switchyard.yaml",
];
/** A literal key the secret detector knows (an OpenAI project key); never to be printed. */
const SECRET = "sk-proj-Fz7qWm2LxPv9KtR4NcY8HbJ3DsG6ZaE1uQoX5";

/**
 * Where the inputs are written: a tmpfs (/dev/shm) when there is one, since every input is a fresh
 * directory (on this machine's ext4 /tmp, writing a set took 136 ms of wall time under load).
 */
function workParent() {
  if (values["work-dir"] !== undefined) return values["work-dir"];
  try {
    if (statSync("/dev/shm").isDirectory()) {
      accessSync("/dev/shm", constants.W_OK);
      return "/dev/shm";
    }
  } catch {
    // No tmpfs: the system temp directory.
  }
  return tmpdir();
}
const work = await mkdtemp(join(workParent(), "switchyard-fuzz-"));
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, async () => {
    stopping = true;
    await rm(work, { recursive: true, force: true });
    process.exit(130);
  });

/** The template: the example set plus its generated file and a `.switchyard.yaml`. */
async function template() {
  const dir = join(work, "template");
  await cp(join(ROOT, "examples", "config"), join(dir, "config"), { recursive: true });
  await writeFile(
    join(dir, "config", ".switchyard.yaml"),
    `schema_version: "2.0.0"\nrules:\n  SY2022: warning\n`,
  );
  const generated = await runProcess(["generate", "--config-dir", "config"], dir);
  if (generated.code !== 0) throw new Error(`cannot generate the template: ${generated.stderr}`);
  const files = new Map();
  for (const name of await readdir(join(dir, "config")))
    if (!name.includes(".backup-")) files.set(name, await readFile(join(dir, "config", name)));
  return files;
}

/**
 * Call `onHang(reason)` when process `pid` hangs: it used --hang-ms of CPU time since now (busy),
 * or none at all for --hang-ms of wall time (blocked: a starved process on a loaded machine still
 * gets some). Without /proc, --hang-ms of wall time. Returns a function that stops watching.
 */
function watchHang(pid, onHang) {
  const start = pid === undefined ? undefined : processCpuMs(pid);
  if (start === undefined) {
    const timer = setTimeout(() => onHang(`no answer in ${hangMs} ms`), hangMs);
    return () => clearTimeout(timer);
  }
  let last = start;
  let progressed = performance.now();
  const timer = setInterval(
    () => {
      const cpu = processCpuMs(pid);
      if (cpu === undefined) return; // It exited: its exit is reported on its own.
      if (cpu - start > hangMs) onHang(`busy: ${Math.round(cpu - start)} ms of CPU without an answer`);
      else if (cpu > last) {
        last = cpu;
        progressed = performance.now();
      } else if (performance.now() - progressed > hangMs) onHang(`blocked: no CPU used for ${hangMs} ms`);
    },
    Math.min(1000, Math.max(10, hangMs / 4)),
  );
  return () => clearInterval(timer);
}

/** A real `switchyard` process (the launcher, the compile cache, process exit). */
function runProcess(args, cwd) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: {
        ...process.env,
        NO_COLOR: "1",
        FORCE_COLOR: undefined,
        SWITCHYARD_CACHE_DIR: join(work, ".cache"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c) => (stderr += c));
    let hung;
    const stop = watchHang(child.pid, (reason) => {
      stop();
      hung = reason;
      child.kill("SIGKILL");
    });
    child.on("close", (code, signal) => {
      stop();
      const cpuMs = 0; // Process start-up is the bench's business; hangs are caught by the watch.
      resolve({ code, signal, hung, stdout, stderr, ms: performance.now() - started, cpuMs });
    });
  });
}

/** A worker process holding the built CLI, with one job at a time. */
class Worker {
  constructor() {
    this.start();
  }
  start() {
    this.child = fork(WORKER, [], { stdio: ["ignore", "ignore", "pipe", "ipc"], execArgv: [] });
    this.stderr = "";
    this.child.stderr.setEncoding("utf8").on("data", (c) => {
      this.stderr = (this.stderr + c).slice(-4000);
    });
    this.ready = new Promise((resolve) => {
      const onMessage = (m) => {
        if (m.kind === "ready") {
          this.child.off("message", onMessage);
          resolve();
        }
      };
      this.child.on("message", onMessage);
    });
  }
  /** Run one command; a hang or a crash restarts the worker. */
  async run(args, cwd) {
    await this.ready;
    const id = Math.random();
    return new Promise((resolve) => {
      const child = this.child;
      const done = (result) => {
        stop();
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(result);
      };
      const onMessage = (m) => {
        if (m.kind === "result" && m.id === id) done(m);
        else if (m.kind === "crash") done({ crash: `${m.event}: ${m.error}` });
      };
      const onExit = (code, signal) => {
        done({ crash: `worker died (${signal ?? `exit ${code}`}): ${this.stderr.trim()}` });
        this.start();
      };
      const stop = watchHang(child.pid, (reason) => {
        child.off("exit", onExit);
        child.kill("SIGKILL");
        this.start();
        done({ hung: reason });
      });
      child.on("message", onMessage);
      child.on("exit", onExit);
      child.send({ id, cwd, args });
    });
  }
  stop() {
    this.child.kill("SIGKILL");
  }
}

/** What is wrong with one run of `command` (empty when nothing). */
function problems(command, run, planted) {
  const found = [];
  if (run.hung) return [`hung (${run.hung})`];
  if (run.crash !== undefined) return [`crashed: ${run.crash.slice(0, 2000)}`];
  if (run.signal) found.push(`killed by ${run.signal}`);
  if (run.code === 70) found.push(`internal error (exit 70): ${run.stderr.slice(0, 2000)}`);
  else if (!command.codes.includes(run.code)) found.push(`undocumented exit code ${run.code}`);
  if (command.json && run.code !== 70) {
    let report;
    try {
      report = JSON.parse(run.stdout);
    } catch (error) {
      found.push(
        `stdout is not one JSON document (${error.message}): ${JSON.stringify(run.stdout.slice(0, 300))}`,
      );
    }
    // Bad input gets a located diagnostic: a file and a line, not only a message. A required file
    // that is missing has nothing to point into: naming the file is its location.
    if (command.located && report !== undefined && run.code === 1) {
      const located = (report.diagnostics ?? []).some(
        (d) => d.file && (d.range?.start?.line >= 1 || d.name === "missing-file"),
      );
      if (!located) found.push("exit 1 without a located diagnostic (no file and line)");
    }
  }
  if (planted && `${run.stdout}${run.stderr}`.includes(SECRET.slice(8)))
    found.push("printed the planted secret");
  if (run.cpuMs > budgetMs)
    found.push(
      `slow: ${Math.round(run.cpuMs)} ms of CPU (budget ${budgetMs} ms; ${Math.round(run.ms)} ms wall)`,
    );
  return found;
}

/**
 * A file of an input that is a FIFO, not bytes: git cannot store one, so a regression lists its
 * FIFOs in `fifo.txt` (one file name a line, beside `config/`) and they are made at run time.
 */
const FIFO = Symbol("fifo");

/**
 * `files` written into `dir/config/`; a FIFO is made with mkfifo(1) (`fifos: false` lists them
 * instead). Synchronous, as {@link fingerprint}: small files on a tmpfs.
 */
function materialize(dir, files, { fifos = true } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "config"), { recursive: true });
  const listed = [];
  for (const [name, bytes] of files) {
    if (bytes !== FIFO) writeFileSync(join(dir, "config", name), bytes);
    else if (fifos) execFileSync("mkfifo", [join(dir, "config", name)]);
    else listed.push(name);
  }
  if (listed.length > 0) writeFileSync(join(dir, "fifo.txt"), `${listed.join("\n")}\n`);
}

/**
 * Where the time goes, per phase: wall ms as the driver sees it, and for worker runs the CPU ms
 * the worker measured for the command itself (`--profile` prints it; the JSON summary has it).
 */
const timing = {};
function spent(phase, ms, cpuMs) {
  timing[phase] ??= { n: 0, ms: 0, cpuMs: 0 };
  const t = timing[phase];
  t.n++;
  t.ms += ms;
  if (cpuMs !== undefined) t.cpuMs += cpuMs;
}
async function timed(phase, work) {
  const started = performance.now();
  const value = await work();
  spent(phase, performance.now() - started);
  return value;
}

const base = await template();
const pool = Array.from({ length: workers }, () => new Worker());
const findings = [];
const stats = { inputs: 0, runs: 0, processRuns: 0, codes: {}, slowest: { ms: 0, label: "" } };

/** What `dir/config` holds, to the inode, size and nanosecond: a change shows, a read does not. */
function fingerprint(dir) {
  // Synchronous: a few lstat calls on a tmpfs take microseconds, a thread-pool round trip each
  // took milliseconds on a loaded machine.
  const entries = [];
  for (const name of readdirSync(join(dir, "config")).sort()) {
    const s = lstatSync(join(dir, "config", name), { bigint: true });
    entries.push(`${name} ${s.ino} ${s.size} ${s.mtimeNs} ${s.mode}`);
  }
  return entries.join("\n");
}

// CPU time of the children that have ended: the `switchyard` process runs (and workers replaced
// after a crash, a hang or a slow run), which the workers' own measure does not see.
const childrenCpuAtStart = childrenCpuMs();

/** The worker CPU time each input used (its four commands), to tell the costly inputs apart. */
const inputCpu = [];

/** What an input is, in a few words: its mutations (and the file each touches). */
function describeInput(descriptor) {
  if (descriptor === undefined) return "";
  return descriptor.mutations
    .map((m) => {
      const file = MUTABLE[m.file % MUTABLE.length];
      const extra = Object.entries(m)
        .filter(([k]) => !["op", "file", "at"].includes(k))
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(" ");
      return `${m.op}${m.file === undefined ? "" : ` ${file}`}${extra ? ` ${extra}` : ""}`;
    })
    .join(" · ");
}

/** Check one input (`label` names it in reports) on worker `w`; save it when something fails. */
async function check(w, label, files, planted, asProcess, descriptor) {
  const dir = join(work, `input-${w}`);
  const found = [];
  let cpuMs = 0;
  // The set is written once: every command is read-only (validate, audit, generate --check,
  // migrate --check), so each one after the first sees it as it was, which is checked after each
  // run (a command that changes the directory is a finding, and the set is written again).
  await timed("write the set", () => materialize(dir, files));
  let written = fingerprint(dir);
  const unchanged = async (command) => {
    const checking = performance.now();
    const now = fingerprint(dir);
    spent("check the set is unchanged", performance.now() - checking);
    if (now === written) return;
    found.push({ command, problem: "changed the config directory (a read-only command must not write)" });
    await timed("write the set", () => materialize(dir, files));
    written = fingerprint(dir);
  };
  for (const command of COMMANDS) {
    const sent = performance.now();
    let run = await pool[w].run(command.args, dir);
    spent(`${command.args[0]} (worker round trip)`, performance.now() - sent);
    if (run.ms !== undefined) spent(`${command.args[0]} (in the worker)`, run.ms, run.cpuMs);
    if (run.cpuMs !== undefined) cpuMs += run.cpuMs;
    stats.runs++;
    if (run.cpuMs > budgetMs && !run.hung && run.crash === undefined) {
      // Slow under load? Once more, alone in a fresh worker.
      const again = performance.now();
      await unchanged(command.args.join(" "));
      pool[w].stop();
      pool[w] = new Worker();
      run = await pool[w].run(command.args, dir);
      spent("slow re-run in a fresh worker", performance.now() - again);
    }
    await unchanged(command.args.join(" "));
    if (run.cpuMs > stats.slowest.ms)
      stats.slowest = { ms: Math.round(run.cpuMs), label: `${label} ${command.args[0]}` };
    const key = `${command.args[0]} ${run.code ?? (run.hung ? "hung" : "crash")}`;
    stats.codes[key] = (stats.codes[key] ?? 0) + 1;
    for (const p of problems(command, run, planted))
      found.push({ command: command.args.join(" "), problem: p });
    if (asProcess) {
      const proc = await timed(`${command.args[0]} (process)`, () => runProcess(command.args, dir));
      await unchanged(`${command.args.join(" ")} (process)`);
      stats.processRuns++;
      for (const p of problems(command, proc, planted))
        found.push({ command: `${command.args.join(" ")} (process)`, problem: p });
      if (!proc.hung && proc.code !== run.code && run.code !== undefined)
        found.push({
          command: `${command.args.join(" ")} (process)`,
          problem: `exit ${proc.code} as a process but ${run.code} in-process`,
        });
    }
  }
  inputCpu.push({ label, cpuMs, what: describeInput(descriptor) });
  if (found.length > 0) {
    const saved = join(FAILURES, label.replace(/[^\w.-]+/g, "-"));
    await rm(saved, { recursive: true, force: true });
    // Saved as a regression is stored: FIFOs listed in fifo.txt, not made (cp and git would hang or skip them).
    materialize(saved, files, { fifos: false });
    await writeFile(join(saved, "findings.json"), `${JSON.stringify({ label, planted, found }, null, 2)}\n`);
    findings.push({ label, saved, found });
    console.log(`✗ ${label}: ${found.map((f) => `${f.command}: ${f.problem.split("\n")[0]}`).join("; ")}`);
  }
}

async function regressions() {
  const names = await readdir(REGRESSIONS).catch(() => []);
  const inputs = [];
  for (const name of names.sort()) {
    const dir = join(REGRESSIONS, name, "config");
    const files = new Map();
    for (const file of await readdir(dir).catch(() => [])) files.set(file, await readFile(join(dir, file)));
    const fifos = await readFile(join(REGRESSIONS, name, "fifo.txt"), "utf8").catch(() => "");
    for (const file of fifos.split("\n").map((line) => line.trim())) {
      if (file === "") continue;
      if (file.includes("/") || file === "." || file === "..")
        throw new Error(`${name}/fifo.txt: '${file}' is not a file name`);
      files.set(file, FIFO);
    }
    const planted = [...files.values()].some((b) => b !== FIFO && b.includes(SECRET));
    inputs.push({ label: `regression ${name}`, files, planted });
  }
  return inputs;
}

function fuzzInput(index) {
  const descriptor = inputAt(seed, index);
  const files = new Map([...base].map(([name, bytes]) => [name, Buffer.from(bytes)]));
  if (descriptor.secret) {
    const providers = files.get("providers.yaml").toString("utf8");
    files.set(
      "providers.yaml",
      Buffer.from(providers.replace(/api_key: os\.environ\/\w+/, `api_key: ${SECRET}`)),
    );
  }
  applyMutations(files, MUTABLE, descriptor.mutations);
  return { label: `${seed}-${index}`, files, planted: descriptor.secret, descriptor };
}

const started = performance.now();
console.log(
  `switchyard fuzz · seed ${seed} · ${only === undefined ? `${count} inputs` : `input ${only}`} · ${workers} workers · budget ${budgetMs} ms of CPU`,
);
const fixed = only === undefined ? await regressions() : [];
const indexes = only === undefined ? Array.from({ length: count }, (_, i) => i) : [only];
let next = 0;
let lastReport = performance.now();
await Promise.all(
  pool.map(async (_, w) => {
    while (!stopping) {
      if (next >= fixed.length && maxSeconds > 0 && performance.now() - started > maxSeconds * 1000) {
        stats.timeLimited = true;
        return;
      }
      const item = next < fixed.length ? fixed[next] : indexes[next - fixed.length];
      const position = next++;
      if (item === undefined) return;
      const generating = performance.now();
      const entry = typeof item === "number" ? fuzzInput(item) : item;
      if (typeof item === "number") spent("generate the input", performance.now() - generating);
      if (only !== undefined) console.log(JSON.stringify(entry.descriptor));
      await check(
        w,
        entry.label,
        entry.files,
        entry.planted,
        processEvery > 0 && position % processEvery === 0,
        entry.descriptor,
      );
      stats.inputs++;
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        const total = fixed.length + indexes.length;
        console.log(
          `  ${stats.inputs}/${total} inputs, ${findings.length} failing, ${Math.round((performance.now() - started) / 1000)} s`,
        );
      }
    }
  }),
);
// Read before the workers are stopped: their CPU is measured per command already.
const childrenCpuAtEnd = childrenCpuMs();
for (const w of pool) w.stop();
await rm(work, { recursive: true, force: true });

const seconds = Math.round((performance.now() - started) / 1000);
const driverCpuMs = Math.round(((u) => (u.user + u.system) / 1000)(process.cpuUsage()));
/**
 * CPU per input: the workers' (the four commands, as each measured itself), the process runs'
 * (every --process-every'th input; /proc), the driver's; and what a run of 100,000 inputs would
 * take on `workers` idle cores at that rate (the CPU is the work; a busy machine only stretches it).
 */
const n = Math.max(1, inputCpu.length);
const sorted = inputCpu.map((i) => i.cpuMs).sort((a, b) => a - b);
const quantile = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
const workerCpuMs = sorted.reduce((a, b) => a + b, 0);
const processRunsCpuMs =
  childrenCpuAtStart === undefined || childrenCpuAtEnd === undefined
    ? undefined
    : Math.round(childrenCpuAtEnd - childrenCpuAtStart);
const perInputMs = (workerCpuMs + (processRunsCpuMs ?? 0) + driverCpuMs) / n;
const cpu = {
  perInput: {
    mean: Math.round((workerCpuMs / n) * 10) / 10,
    p50: quantile(0.5),
    p90: quantile(0.9),
    p99: quantile(0.99),
    max: Math.round(sorted.at(-1) ?? 0),
  },
  processRunsPerInputMs:
    processRunsCpuMs === undefined ? undefined : Math.round((processRunsCpuMs / n) * 10) / 10,
  driverPerInputMs: Math.round((driverCpuMs / n) * 10) / 10,
  allPerInputMs: Math.round(perInputMs * 10) / 10,
  projected100kMinutes: Math.round((perInputMs * 100_000) / Math.max(1, workers) / 60_000),
  slowest: [...inputCpu]
    .sort((a, b) => b.cpuMs - a.cpuMs)
    .slice(0, 10)
    .map((i) => ({ ...i, cpuMs: Math.round(i.cpuMs) })),
};
const summary = {
  seed,
  ...stats,
  regressions: fixed.length,
  failing: findings.length,
  seconds,
  driverCpuMs,
  cpu,
  timing,
};
if (values.json) console.log(JSON.stringify({ ...summary, findings }, null, 2));
else {
  console.log(`exit codes: ${JSON.stringify(stats.codes)}`);
  console.log(`slowest run: ${stats.slowest.ms} ms of CPU (${stats.slowest.label})`);
  if (values.profile) {
    const p = cpu.perInput;
    console.log(
      `CPU per input: workers mean ${p.mean} ms (p50 ${p.p50}, p90 ${p.p90}, p99 ${p.p99}, max ${p.max}), process runs ${cpu.processRunsPerInputMs ?? "?"} ms, driver ${cpu.driverPerInputMs} ms; all ${cpu.allPerInputMs} ms → 100,000 inputs ≈ ${cpu.projected100kMinutes} min on ${workers} idle cores`,
    );
    console.log("slowest inputs (worker CPU, all four commands):");
    for (const i of cpu.slowest) console.log(`  ${String(i.cpuMs).padStart(6)} ms  ${i.label}  ${i.what}`);
    console.log(
      `time per input (${n} inputs, ${workers} workers; the driver used ${driverCpuMs} ms of CPU in all):`,
    );
    for (const [phase, t] of Object.entries(timing).sort((a, b) => b[1].ms - a[1].ms))
      console.log(
        `  ${phase.padEnd(40)} ${(t.ms / n).toFixed(1).padStart(8)} ms wall${t.cpuMs > 0 ? `, ${(t.cpuMs / n).toFixed(1).padStart(7)} ms CPU` : ""}  (${t.n}×, ${(t.ms / t.n).toFixed(1)} ms each)`,
      );
  }
  console.log(
    findings.length === 0
      ? `PASS ${stats.inputs} inputs (${fixed.length} regressions), ${stats.runs} in-process runs, ${stats.processRuns} process runs, ${seconds} s${stats.timeLimited ? ` (stopped at --max-seconds ${maxSeconds})` : ""}`
      : `FAIL ${findings.length} of ${stats.inputs} inputs failed (saved under fuzz/failures/); replay one with: node fuzz/run.mjs --seed ${seed} --only <index>`,
  );
}
process.exit(findings.length === 0 ? 0 : 1);
