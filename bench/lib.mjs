// Shared helpers of the benchmarks: measuring child processes, statistics, goals, temp inputs.
//
// Every figure is measured in child processes started fresh for each run (see measure.py): the CLI
// as users run it, `node -e 0` as the floor, and the library calls the command makes, in a process of
// their own (workers/library.mjs). The runs of one figure are interleaved, so a busy machine slows
// every series alike, and each goal is checked beside the baselines measured in the same run.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const root = new URL("..", import.meta.url).pathname;
export const cliBin = `${root}apps/cli/bin/switchyard.cjs`;
/** The ESM build of a workspace package, for workers: `await import(dist("audit"))`. */
export const dist = (pkg) => new URL(`../packages/${pkg}/dist/index.js`, import.meta.url).href;
const measureScript = new URL("./measure.py", import.meta.url).pathname;
const libraryWorker = new URL("./workers/library.mjs", import.meta.url).pathname;

// ---------------------------------------------------------------------------------------------
// Statistics

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const maxOf = (values) => values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);

/** median, first (the cold run), min and max of a series. */
export function summary(values) {
  return {
    n: values.length,
    median: median(values),
    first: values[0],
    min: values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
    max: maxOf(values),
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * Run one command in a fresh child process and return `{ wallMs, cpuMs, maxRssMB, exit, stdout,
 * stderr }`: wall and CPU time and peak RSS of that child alone, from the kernel (wait4).
 */
export function measure(command, args, { cwd = root, env = process.env } = {}) {
  const out = mkdtempSync(join(tmpdir(), "sy-bench-out-"));
  try {
    const stdoutFile = join(out, "stdout");
    const stderrFile = join(out, "stderr");
    const result = spawnSync("python3", [measureScript, stdoutFile, stderrFile, "--", command, ...args], {
      cwd,
      env,
      encoding: "utf8",
    });
    if (result.status !== 0)
      throw new Error(`measure.py failed (${result.status}): ${result.stderr || result.error}`);
    const figures = JSON.parse(result.stdout.trim().split("\n").pop());
    return {
      ...figures,
      stdout: readFileSync(stdoutFile, "utf8"),
      stderr: readFileSync(stderrFile, "utf8"),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Wall time of one run of a command, in ms (no RSS: use {@link measure} for that). */
export function timeCommand(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: "ignore", ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !options.allowFailure)
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  return ms;
}

/** `node -e 0`: the floor every Node process pays. */
export const measureNode = () => measure(process.execPath, ["-e", "0"]);

/** The built CLI as users run it: `node apps/cli/bin/switchyard.cjs …args`. */
export const measureCli = (args, options) => measure(process.execPath, [cliBin, ...args], options);

/**
 * A figure's library call in a fresh process of its own (workers/library.mjs): returns the process
 * figures plus `libraryMs`, the time of the call alone (imports excluded).
 */
export function measureLibrary(figureFile, entry, context) {
  const run = measure(process.execPath, [libraryWorker, figureFile, entry, JSON.stringify(context)]);
  if (run.exit !== 0) throw new Error(`library worker ${entry} exited ${run.exit}: ${tail(run.stderr)}`);
  const reported = JSON.parse(run.stdout.trim().split("\n").pop());
  return { ...run, libraryMs: reported.ms };
}

/** Run a worker script in a fresh Node process and parse the JSON it prints last. */
export function runWorker(script, args = [], nodeArgs = []) {
  const out = execFileSync(
    process.execPath,
    [...nodeArgs, new URL(`./workers/${script}`, import.meta.url).pathname, ...args],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out.trim().split("\n").pop());
}

export function tail(text, lines = 8) {
  return text.trim().split("\n").slice(-lines).join("\n");
}

// ---------------------------------------------------------------------------------------------
// Temp directories

/** A temp directory holding the given files; removed by the returned function. */
export function tempDir(files = {}) {
  const dir = mkdtempSync(join(tmpdir(), "sy-bench-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh copy of a template directory (every measured run gets its own: cold inputs). */
export function freshCopy(template) {
  const { dir, remove } = tempDir();
  cpSync(template, dir, { recursive: true });
  return { dir, remove };
}

export function gitRevision() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

// ---------------------------------------------------------------------------------------------
// Goals and reporting

const rows = [];

/**
 * Record one goal: a measured value against its goal. Prints a PASS or FAIL line; any FAIL makes
 * `pnpm bench` exit non-zero.
 */
export function report(name, value, unit, goal, detail = "") {
  const pass = Number.isFinite(value) && goal.test(value);
  rows.push({ name, value, unit, goal: goal.text, pass, detail });
  console.log(
    `${pass ? "PASS" : "FAIL"}  ${name.padEnd(60)} ${format(value, unit).padStart(10)}   goal ${goal.text}${detail ? `   (${detail})` : ""}`,
  );
}

/** A figure that could not be measured: a FAIL line with the reason. */
export function reportError(name, error) {
  rows.push({ name, value: Number.NaN, unit: "", goal: "runs", pass: false, detail: String(error) });
  console.log(`FAIL  ${name}: could not run: ${error instanceof Error ? error.message : String(error)}`);
}

export function format(value, unit) {
  if (!Number.isFinite(value)) return String(value);
  if (unit === "×") return `${value.toFixed(2)}×`;
  return `${Math.round(value)} ${unit}`;
}

export const below = (limit, unit = "") => ({ text: `< ${limit}${unit}`, test: (v) => v < limit });
export const atMost = (limit, unit = "") => ({ text: `≤ ${limit}${unit}`, test: (v) => v <= limit });

export function results() {
  return rows;
}
