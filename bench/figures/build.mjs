// The build a newcomer waits for (issue #12): a clean `pnpm build --force` of every package, then a
// rebuild with nothing changed (turbo's cache). Goals: clean < 30 s, no change < 5 s on this
// 2-core machine. Runs `pnpm build` through the pnpm the repository pins, as a user does.
// Beside each time: the CPU seconds the whole process tree used (user + system, from the
// children's times in /proc/self/stat), which a busy machine changes far less than the wall time.
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { childrenCpuMs } from "../../packages/test-utils/src/cpu-time.mjs";
import { below, report, root } from "../lib.mjs";

/** CPU seconds used so far by this process's waited-for children (and theirs). */
function childrenCpu() {
  const ms = childrenCpuMs();
  if (ms === undefined) throw new Error("no /proc: the children's CPU time cannot be read");
  return ms / 1000;
}

function build(extra) {
  const load = loadavg()[0].toFixed(1);
  const cpuBefore = childrenCpu();
  const started = performance.now();
  const run = spawnSync("npx", ["-y", "pnpm@10.34.8", "build", "--output-logs=errors-only", ...extra], {
    cwd: root,
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`pnpm build ${extra.join(" ")} exited ${run.status}: ${run.stderr}`);
  return { seconds, detail: `${(childrenCpu() - cpuBefore).toFixed(1)} s CPU, load ${load} at start` };
}

/**
 * The directory of the pinned pnpm's binary (npx's cache). turbo runs each package's `build` script
 * through the package manager that package.json pins, and finds it on PATH: run bare, without
 * npx's pnpm there, it stops at once ("Unable to find package manager binary").
 */
function pnpmBinDir() {
  const found = spawnSync("npx", ["-y", "-p", "pnpm@10.34.8", "-c", "command -v pnpm"], {
    cwd: root,
    encoding: "utf8",
  });
  const path = found.stdout.trim();
  if (found.status !== 0 || path === "") throw new Error(`cannot find pnpm@10.34.8: ${found.stderr}`);
  return dirname(path);
}

export default {
  kind: "custom",
  name: "build",
  title: "Build (pnpm build)",
  run() {
    const clean = build(["--force"]);
    report("build: clean build of every package (--force)", clean.seconds, "s", below(30), clean.detail);
    const again = build([]);
    // Diagnosis, beside it: turbo alone (what is left once npx and pnpm have started), with the
    // pinned pnpm on its PATH as `pnpm build` gives it.
    const env = { ...process.env, PATH: `${pnpmBinDir()}:${process.env.PATH ?? ""}` };
    const started = performance.now();
    const turbo = spawnSync(
      join(root, "node_modules", ".bin", "turbo"),
      ["run", "build", "--output-logs=errors-only"],
      { cwd: root, encoding: "utf8", env },
    );
    const turboSeconds =
      turbo.status === 0
        ? `${((performance.now() - started) / 1000).toFixed(1)} s`
        : `failed (exit ${turbo.status}: ${(turbo.stderr || turbo.stdout).trim().split("\n").pop()})`;
    report(
      "build: rebuild with nothing changed (turbo cache)",
      again.seconds,
      "s",
      below(5),
      `${again.detail}; turbo alone ${turboSeconds}`,
    );
  },
};
