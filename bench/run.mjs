// `pnpm bench`: every speed and memory goal of the issues, measured on this machine with ratios
// against baselines measured in the same run. Not a test: it prints figures (PASS/FAIL against each
// goal) and exits 0 unless a benchmark could not run. Needs `pnpm build` first (the script does it).
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { atMost, below, gitRevision, median, report, results, root, runWorker, timeCommand } from "./lib.mjs";

const quick = process.argv.includes("--quick");
console.log(
  `switchyard benchmarks · ${gitRevision()} · Node ${process.version} · ${cpus().length} cores${quick ? " · quick" : ""}\n`,
);

// 1. CLI start: `switchyard validate examples/config` against bare `node -e 0`, interleaved runs.
{
  const bin = `${root}apps/cli/bin/switchyard.cjs`;
  if (!existsSync(`${root}apps/cli/dist/cli.cjs`)) throw new Error("build the CLI first: pnpm build");
  const args = [bin, "validate", `${root}examples/config`];
  timeCommand(process.execPath, args); // warm the compile cache, as every run after the first is
  const node = [];
  const cli = [];
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    node.push(timeCommand(process.execPath, ["-e", "0"]));
    cli.push(timeCommand(process.execPath, args));
  }
  const ratio = median(cli) / median(node);
  report(
    "validate examples/config vs node -e 0 (wall, median)",
    ratio,
    "×",
    atMost(2.5),
    `${median(cli).toFixed(0)} ms vs ${median(node).toFixed(0)} ms`,
  );
}

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

const failed = results().filter((r) => !r.pass);
console.log(
  `\n${results().length - failed.length} of ${results().length} goals met${failed.length ? `; missed: ${failed.map((r) => r.name).join("; ")}` : ""}`,
);
