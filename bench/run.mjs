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
const help = (
  names,
) => `Usage: node bench/run.mjs [--quick] [figure ...]   (pnpm bench [--quick] [figure ...])

Every speed and memory goal of the issues, measured as whole processes beside \`node -e 0\` and
beside the library calls, in one run (see bench/README.md). Needs a build first (pnpm build).

  (no figure)       every figure (a full run takes long: for the lead, on a quiet machine)
  figure ...        only these figures: ${names}
  --quick           3 runs per series instead of 7, and no 10x scaling runs
  -h, --help        this text

The 10x scaling runs (goal: 10x the input within 12x the time above node -e 0) run only without
--quick, after each CLI figure's 20k-set runs, on 10x the input (20,000 providers / 200,000 models;
preparing it takes minutes). One figure with its scaling run:   node bench/run.mjs audit
All of them:                                                      node bench/run.mjs

Exit status: 0 every goal met; 1 a goal missed or a figure could not run (each printed as FAIL);
2 a usage error (an unknown option or figure).`;
const OPTIONS = new Set(["--quick", "--help", "-h"]);
const badOption = argv.find((a) => a.startsWith("-") && !OPTIONS.has(a));
const quick = argv.includes("--quick");
const only = argv.filter((a) => !a.startsWith("-"));
const figures = [];
for (const name of figureFiles) {
  const file = new URL(`./figures/${name}`, import.meta.url).href;
  figures.push({ file, figure: (await import(file)).default });
}
const figureNames = figures.map((f) => f.figure.name).join(", ");
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(help(figureNames));
  process.exit(0);
}
if (badOption !== undefined) {
  console.error(`unknown option ${badOption}\n\n${help(figureNames)}`);
  process.exit(2);
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
