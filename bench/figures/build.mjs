// The build a newcomer waits for (issue #12): a clean `pnpm build --force` of every package, then a
// rebuild with nothing changed (turbo's cache). Goals: clean < 30 s, no change < 5 s on this
// 2-core machine. Runs turbo through the pnpm the repository pins, as `pnpm build` does.
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { below, report, root } from "../lib.mjs";

function build(extra) {
  const started = performance.now();
  const run = spawnSync(
    "npx",
    ["-y", "pnpm@10.34.8", "exec", "turbo", "run", "build", "--output-logs=errors-only", ...extra],
    { cwd: root, encoding: "utf8" },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0)
    throw new Error(`turbo run build ${extra.join(" ")} exited ${run.status}: ${run.stderr}`);
  return seconds;
}

export default {
  kind: "custom",
  name: "build",
  title: "Build (turbo run build)",
  run() {
    const load = loadavg()[0].toFixed(1);
    const clean = build(["--force"]);
    report("build: clean build of every package (--force)", clean, "s", below(30), `load ${load} at start`);
    const again = build([]);
    report("build: rebuild with nothing changed (turbo cache)", again, "s", below(5));
  },
};
