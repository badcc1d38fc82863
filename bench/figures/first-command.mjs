// The README's first command on a fresh clone (issue #12): `npx -y pnpm@10.34.8 install
// --frozen-lockfile && npx -y pnpm@10.34.8 demo` (install, build every package, then validate,
// generate and audit the example set), timed as a newcomer runs it: in a `git clone` of this
// repository's HEAD, with the package store as it is on this machine (warm after any install here).
// Goal: under 2 minutes. Beside it: the CPU seconds of the whole process tree and the load at start.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { childrenCpuMs } from "../../packages/test-utils/src/cpu-time.mjs";
import { below, report, root } from "../lib.mjs";

/** The first command of the README's quick start, read from it (so the figure follows the README). */
function firstCommand() {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const quickStart = readme.slice(readme.indexOf("## Quick start"));
  const command = /^```sh\n(?:#.*\n)*(.+)$/m.exec(quickStart)?.[1];
  if (command === undefined) throw new Error("README.md: no command in its Quick start");
  return command;
}

/** CPU seconds used so far by this process's waited-for children (and theirs). */
function childrenCpu() {
  const ms = childrenCpuMs();
  if (ms === undefined) throw new Error("no /proc: the children's CPU time cannot be read");
  return ms / 1000;
}

export default {
  kind: "custom",
  name: "first-command",
  title: "The README's first command on a fresh clone (install + demo)",
  run() {
    const command = firstCommand();
    const parent = mkdtempSync(join(tmpdir(), "sy-bench-clone-"));
    try {
      const clone = join(parent, "switchyard");
      const cloned = spawnSync("git", ["clone", "--quiet", root, clone], { encoding: "utf8" });
      if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
      const load = loadavg()[0].toFixed(1);
      const cpuBefore = childrenCpu();
      const started = performance.now();
      const run = spawnSync("sh", ["-c", command], { cwd: clone, encoding: "utf8", maxBuffer: 64 << 20 });
      const seconds = (performance.now() - started) / 1000;
      if (run.status !== 0)
        throw new Error(`\`${command}\` exited ${run.status}: ${(run.stderr || run.stdout).slice(-2000)}`);
      // The demo ends with the audit of the example set: its score line shows it ran to the end.
      if (!/score/i.test(run.stdout))
        throw new Error(`the demo printed no audit score:\n${run.stdout.slice(-2000)}`);
      report(
        "first command: README quick start on a fresh clone",
        seconds,
        "s",
        below(120),
        `${(childrenCpu() - cpuBefore).toFixed(1)} s CPU, load ${load} at start`,
      );
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  },
};
