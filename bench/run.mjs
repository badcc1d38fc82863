// `pnpm bench`: every speed and memory goal of the issues, measured on this machine with ratios
// against baselines measured in the same run. Not a test: it prints figures (PASS/FAIL against each
// goal) and exits 0 unless a benchmark could not run. Needs `pnpm build` first (the script does it).
import { cpus } from "node:os";
import { cliStart } from "./cli-start.mjs";
import { atMost, below, gitRevision, report, results, root, runWorker } from "./lib.mjs";

const quick = process.argv.includes("--quick");
console.log(
  `switchyard benchmarks · ${gitRevision()} · Node ${process.version} · ${cpus().length} cores${quick ? " · quick" : ""}\n`,
);

// 1. CLI start (issue #18): each command's whole process against `node -e 0`, bundle sizes.
cliStart({ runs: quick ? 5 : 15 });

// 2. Loading + validating a large set, in fresh processes; 10× the size must grow linearly.
{
  const small = runWorker("validate-set.mjs", ["2000", "10", "2000"]);
  report(
    "2,000 providers / 20,000 models: load + validate",
    small.totalMs,
    "ms",
    below(1500),
    `parseYaml of the same texts alone ${small.parseOnlyMs.toFixed(0)} ms`,
  );
  report("2,000 providers / 20,000 models: peak RSS", small.rssMB, "MB", below(400));
  if (!quick) {
    const large = runWorker("validate-set.mjs", ["20000", "10", "20000"], ["--max-old-space-size=8192"]);
    report(
      "10× that size: time ratio to 1×",
      large.totalMs / small.totalMs,
      "×",
      atMost(12),
      `${large.totalMs.toFixed(0)} ms, ${large.rssMB.toFixed(0)} MB`,
    );
  }
}

// 3. Consistency rules alone on 2,000 providers, 20,000 models and 50,000 mapping entries.
{
  const rules = runWorker("rules.mjs", ["2000", "10", "50000"]);
  report("consistency rules: 2k providers, 20k models, 50k mappings", rules.medianMs, "ms", below(1000));
}

// 4. LiteLLM generation for 20,000 models.
{
  const generated = runWorker("generate.mjs", ["2000", "10", "20000"]);
  report(
    "generate LiteLLM config for 20,000 mapped models",
    generated.medianMs,
    "ms",
    below(1000),
    `${generated.deployments} deployments; JSON.stringify of the result ${generated.jsonMs.toFixed(0)} ms`,
  );
}

// 4b. A reload round trip, excluding the gateway's own restart.
{
  const reload = runWorker("reload.mjs");
  report(
    "reload round trip excluding the restart (stand-in gateway)",
    reload.medianMs,
    "ms",
    below(300),
    `the three health requests alone ${reload.probesMs.toFixed(0)} ms`,
  );
}

// 5. Migrating a 20,000-model 1.0.0 set to current.
{
  const migrated = runWorker("migrate.mjs", ["20000"]);
  report("migrate a 20,000-model v1.0.0 set to current", migrated.medianMs, "ms", below(2000));
}

// 6. Audit: examples/config and the 20,000-model set, in-process.
{
  const example = runWorker("audit.mjs", [`${root}examples/config`]);
  report("audit examples/config (in-process)", example.medianMs, "ms", below(150));
  const large = runWorker("audit.mjs", ["synthetic"]);
  report("audit a 20,000-model set (in-process)", large.medianMs, "ms", below(1000));
}

// 7. Feature flags (worker: bench/workers/flags.mjs).
{
  const FIGURE_ONLY = { text: "(figure)", test: () => true };
  const flags = runWorker("flags.mjs", quick ? ["--quick"] : []);
  const e = flags.evaluation;
  for (const [name, label] of [
    ["plain", "plain on"],
    ["rollout", "50% rollout"],
    ["whitelisted", "whitelist hit"],
    ["dated", "date-gated"],
  ]) {
    const sy = e[name].switchyard;
    const un = e[name]["unleash-client"];
    const gb = e[name].growthbook;
    const detail = `p99 ${sy.p99.toFixed(0)} ns; unleash-client p50 ${un.p50.toFixed(0)} / p99 ${un.p99.toFixed(0)} ns (${(un.p50 / sy.p50).toFixed(1)}×), GrowthBook p50 ${gb.p50.toFixed(0)} / p99 ${gb.p99.toFixed(0)} ns (${(gb.p50 / sy.p50).toFixed(1)}×)`;
    report(
      `flag eval, ${label}: Switchyard ns p50`,
      sy.p50,
      "ns",
      name === "rollout" ? atMost(100) : FIGURE_ONLY,
      detail,
    );
  }
  const r = e.rollout;
  report(
    "flag eval, 50% rollout: unleash-client p50 / Switchyard p50",
    r["unleash-client"].p50 / r.switchyard.p50,
    "×",
    { text: "≥ 10×", test: (v) => v >= 10 },
  );
  report(
    "flag eval, 50% rollout: GrowthBook p50 / Switchyard p50",
    r.growthbook.p50 / r.switchyard.p50,
    "×",
    { text: "≥ 5×", test: (v) => v >= 5 },
  );
  report(
    "flag eval, rollout hot path: scavenges in 20M evaluations",
    flags.scavenges,
    "GCs",
    atMost(1),
    "allocating 16 B per evaluation would cause ~20",
  );
  report("flag store: load 10,000 flags (in-process)", flags.loadMs, "ms", below(300));
  report("flag store: hand edit visible through watch (10-flag file)", flags.watchSmallMs, "ms", below(100));
  report(
    "flag store: hand edit visible through watch (10,000-flag file)",
    flags.watchMs,
    "ms",
    below(Number.POSITIVE_INFINITY),
    "a full re-read and validation",
  );
  report(
    "switchyard flags get on 10,000 flags vs node -e 0 (wall, median)",
    flags.cliMs - flags.nodeMs,
    "ms",
    below(300),
    `${flags.cliMs.toFixed(0)} ms vs ${flags.nodeMs.toFixed(0)} ms`,
  );
}

const failed = results().filter((r) => !r.pass);
console.log(
  `\n${results().length - failed.length} of ${results().length} goals met${failed.length ? `; missed: ${failed.map((r) => r.name).join("; ")}` : ""}`,
);
