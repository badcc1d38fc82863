// Shared helpers of the benchmarks: timing, medians, child processes, synthetic config dirs.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const root = new URL("..", import.meta.url).pathname;
export const dist = (pkg) => new URL(`../packages/${pkg}/dist/index.js`, import.meta.url).href;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall time of one run of a command, in ms. */
export function timeCommand(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: "ignore", ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !options.allowFailure)
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  return ms;
}

/** Run a worker script in a fresh Node process and parse the JSON it prints. */
export function runWorker(script, args = [], nodeArgs = []) {
  const out = execFileSync(
    process.execPath,
    [...nodeArgs, new URL(`./workers/${script}`, import.meta.url).pathname, ...args],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split("\n").pop());
}

/** A temp directory holding the given files; removed by the returned function. */
export function tempDir(files) {
  const dir = mkdtempSync(join(tmpdir(), "sy-bench-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function gitRevision() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

const rows = [];
/** Record one figure: a measured value against its goal. */
export function report(name, value, unit, goal, detail = "") {
  const pass = goal.test(value);
  rows.push({ name, value, unit, goal: goal.text, pass, detail });
  const shown = unit === "×" ? `${value.toFixed(2)}×` : `${Math.round(value)} ${unit}`;
  console.log(
    `${pass ? "PASS" : "FAIL"}  ${name.padEnd(58)} ${shown.padStart(10)}   goal ${goal.text}${detail ? `   (${detail})` : ""}`,
  );
}
export const below = (limit, unit = "") => ({ text: `< ${limit}${unit}`, test: (v) => v < limit });
export const atMost = (limit, unit = "") => ({ text: `≤ ${limit}${unit}`, test: (v) => v <= limit });
export function results() {
  return rows;
}
