// How a CLI figure is measured: the command as a whole process on the 20k set, interleaved with
// `node -e 0` and with the library calls it makes (each in a fresh process, on a fresh copy of the
// input), then once more on 10× the input.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  atMost,
  below,
  freshCopy,
  maxOf,
  measureCli,
  measureLibrary,
  measureNode,
  report,
  summary,
  tail,
} from "./lib.mjs";

/** The input sizes: the 20k set of the goals, and 10× it for the scaling goal. */
export const SCALES = {
  "1x": { providers: 2000, modelsPerProvider: 10, mappings: 20000, label: "2,000 providers / 20,000 models" },
  "10x": {
    providers: 20000,
    modelsPerProvider: 10,
    mappings: 200000,
    label: "20,000 providers / 200,000 models",
  },
};

/** The goals of issue #9 for every command on the 20k set. */
export const GOALS = {
  wallMs: 2000,
  rssMB: 500,
  /** The CLI adds little to the library calls it makes: CLI process ≤ this × the library's process. */
  overCliLibrary: 1.3,
  /** 10× the input ≤ 12× the time (time above `node -e 0`). */
  scaling: 12,
};

const templates = new Map();
const templateRoots = [];

/** The template directory of an input (see workers/prepare-inputs.mjs), built once per scale. */
export function inputTemplate(scaleName, input) {
  if (!templates.has(scaleName)) {
    const dir = mkdtempSync(join(tmpdir(), `sy-bench-inputs-${scaleName}-`));
    templateRoots.push(dir);
    const scale = SCALES[scaleName];
    const started = performance.now();
    process.stdout.write(`  (preparing the ${scale.label} inputs…`);
    execFileSync(
      process.execPath,
      [
        "--max-old-space-size=16384",
        new URL("./workers/prepare-inputs.mjs", import.meta.url).pathname,
        dir,
        JSON.stringify(scale),
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    console.log(` ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    templates.set(scaleName, dir);
  }
  return join(templates.get(scaleName), input);
}

export function removeTemplates() {
  for (const dir of templateRoots) rmSync(dir, { recursive: true, force: true });
}

/** Let a Ctrl-C (SIGINT/SIGTERM handler in run.mjs) in between two measured runs. */
const yieldToSignals = () => new Promise((resolve) => setImmediate(resolve));

function row(label, values, extra = "") {
  const s = summary(values);
  const ms = (v) => `${Math.round(v)}`.padStart(6);
  console.log(
    `    ${label.padEnd(30)} ${ms(s.median)} ms   cold ${ms(s.first)}   min–max ${ms(s.min)}–${Math.round(s.max)}${extra}`,
  );
}

function checkExit(figure, run) {
  const expected = figure.exit ?? [0];
  if (!expected.includes(run.exit))
    throw new Error(
      `'switchyard ${figure.args({ dir: "<dir>" }).join(" ")}' exited ${run.exit} (expected ${expected.join(" or ")}):\n${tail(run.stderr || run.stdout)}`,
    );
  figure.verify?.(run);
}

/**
 * Measure one CLI figure and report its goals. `figure`:
 * - `name`, `title`: the figure's id (for `pnpm bench <name>`) and its heading;
 * - `input`: the template it runs on (sources, generated, edited, legacy-v1, backups);
 * - `args({ dir })`: the CLI arguments; `exit`: the accepted exit codes (default [0]);
 * - `verify(run)`: optional, throws when the output is not what the command should print;
 * - `library`: `{ imports, run(libs, { dir }) }`, the library calls the command makes;
 * - `baselines`: optional, more named `{ imports, run }` measured the same way (e.g. a parse floor).
 */
export async function runCliFigure(figure, file, { quick }) {
  const iterations = quick ? 3 : 7;
  const scale = SCALES["1x"];
  console.log(
    `\n${figure.title} — ${scale.label}, ${iterations} runs interleaved, each on a fresh copy (load ${loadavg()[0].toFixed(1)})`,
  );
  const template = inputTemplate("1x", figure.input);
  const series = [
    ["node -e 0", () => measureNode()],
    ["switchyard (process)", (dir) => measureCli(figure.args({ dir }), { cwd: dir })],
    ["library (process)", (dir) => measureLibrary(file, "library", { dir })],
    ...Object.keys(figure.baselines ?? {}).map((name) => [
      `${name} (process)`,
      (dir) => measureLibrary(file, name, { dir }),
    ]),
  ];
  const runs = new Map(series.map(([label]) => [label, []]));
  for (let i = 0; i < iterations; i++) {
    // Rotate the order each iteration: no series always runs first (or right after another).
    for (let k = 0; k < series.length; k++) {
      const [label, measure] = series[(i + k) % series.length];
      const copy = freshCopy(template);
      try {
        const run = measure(copy.dir);
        if (label === "switchyard (process)") checkExit(figure, run);
        runs.get(label).push(run);
      } finally {
        copy.remove();
      }
      await yieldToSignals();
    }
  }
  const node = runs.get("node -e 0");
  const cli = runs.get("switchyard (process)");
  const library = runs.get("library (process)");
  row(
    "node -e 0",
    node.map((r) => r.wallMs),
  );
  row(
    "switchyard (process)",
    cli.map((r) => r.wallMs),
    `   cpu ${Math.round(summary(cli.map((r) => r.cpuMs)).median)} ms   peak RSS ${Math.round(maxOf(cli.map((r) => r.maxRssMB)))} MB`,
  );
  row(
    "library (process)",
    library.map((r) => r.wallMs),
    `   peak RSS ${Math.round(maxOf(library.map((r) => r.maxRssMB)))} MB`,
  );
  row(
    "library call alone",
    library.map((r) => r.libraryMs),
  );
  for (const name of Object.keys(figure.baselines ?? {})) {
    const b = runs.get(`${name} (process)`);
    row(
      `${name} (process)`,
      b.map((r) => r.wallMs),
    );
    row(
      `${name} alone`,
      b.map((r) => r.libraryMs),
    );
  }

  const cliMs = summary(cli.map((r) => r.wallMs)).median;
  const nodeMs = summary(node.map((r) => r.wallMs)).median;
  const libraryProcessMs = summary(library.map((r) => r.wallMs)).median;
  const libraryMs = summary(library.map((r) => r.libraryMs)).median;
  const peak = maxOf(cli.map((r) => r.maxRssMB));
  report(
    `${figure.name}: wall (median)`,
    cliMs,
    "ms",
    below(GOALS.wallMs, " ms"),
    `cold ${Math.round(cli[0].wallMs)} ms; node -e 0 ${Math.round(nodeMs)} ms; library ${Math.round(libraryMs)} ms`,
  );
  report(`${figure.name}: peak RSS`, peak, "MB", below(GOALS.rssMB, " MB"));
  report(
    `${figure.name}: CLI process / library process`,
    cliMs / libraryProcessMs,
    "×",
    atMost(GOALS.overCliLibrary, "×"),
    `${Math.round(cliMs)} vs ${Math.round(libraryProcessMs)} ms`,
  );

  if (quick || figure.scaling === false) return;
  const large = [];
  const largeNode = [];
  const largeTemplate = inputTemplate("10x", figure.input);
  for (let i = 0; i < 2; i++) {
    const copy = freshCopy(largeTemplate);
    try {
      largeNode.push(measureNode().wallMs);
      const run = measureCli(figure.args({ dir: copy.dir }), { cwd: copy.dir });
      checkExit(figure, run);
      large.push(run);
    } finally {
      copy.remove();
    }
    await yieldToSignals();
  }
  const largeMs = summary(large.map((r) => r.wallMs)).median;
  const largeNodeMs = summary(largeNode).median;
  row(
    "switchyard, 10× input",
    large.map((r) => r.wallMs),
    `   peak RSS ${Math.round(maxOf(large.map((r) => r.maxRssMB)))} MB`,
  );
  report(
    `${figure.name}: 10× the input, time ratio (above node -e 0)`,
    (largeMs - largeNodeMs) / (cliMs - nodeMs),
    "×",
    atMost(GOALS.scaling, "×"),
    `${Math.round(largeMs)} ms vs ${Math.round(cliMs)} ms`,
  );
}
