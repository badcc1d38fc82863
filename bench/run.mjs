// `pnpm bench`: every speed and memory goal of the issues, measured on this machine: whole CLI
// processes on the 20k set beside `node -e 0` and beside the library calls, interleaved, each run a
// fresh process on a fresh copy of its input. Prints each figure and a PASS/FAIL line per goal, and
// exits 1 when a goal is missed or a figure could not run. Needs `pnpm build` first (the script does it).
//
//   pnpm bench                      every figure, 7 runs each, plus the 10× scaling runs
//   pnpm bench --quick              3 runs each, no 10× runs
//   pnpm bench validate audit       only the named figures (see figures/index.mjs)
import { cpus, loadavg } from "node:os";
import { removeTemplates, runCliFigure } from "./cli-figure.mjs";
import figureFiles from "./figures/index.mjs";
import { gitRevision, reportError, results } from "./lib.mjs";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const only = argv.filter((a) => !a.startsWith("--"));
const figures = [];
for (const name of figureFiles) {
  const file = new URL(`./figures/${name}`, import.meta.url).href;
  figures.push({ file, figure: (await import(file)).default });
}
const unknown = only.filter((n) => !figures.some((f) => f.figure.name === n));
if (unknown.length > 0) {
  console.error(
    `unknown figure ${unknown.join(", ")}; figures: ${figures.map((f) => f.figure.name).join(", ")}`,
  );
  process.exit(2);
}

console.log(
  `switchyard benchmarks · ${gitRevision()} · Node ${process.version} · ${cpus().length} cores · load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}${quick ? " · quick" : ""}`,
);
const started = performance.now();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    removeTemplates();
    process.exit(130);
  });
}
try {
  for (const { file, figure } of figures) {
    if (only.length > 0 && !only.includes(figure.name)) continue;
    try {
      if (figure.kind === "cli") await runCliFigure(figure, file, { quick });
      else {
        console.log(`\n${figure.title}`);
        await figure.run({ quick });
      }
    } catch (error) {
      reportError(figure.name, error);
    }
  }
} finally {
  removeTemplates();
}

const all = results();
const failed = all.filter((r) => !r.pass);
console.log(
  `\n${all.length - failed.length} of ${all.length} goals met in ${((performance.now() - started) / 1000).toFixed(0)} s (load now ${loadavg()[0].toFixed(1)})${failed.length ? `\nFAILED: ${failed.map((r) => r.name).join("; ")}` : ""}`,
);
process.exitCode = failed.length > 0 ? 1 : 0;
