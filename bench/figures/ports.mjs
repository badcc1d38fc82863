// Ports, health and doctor (issue #14), whole `switchyard` processes measured as every figure is
// (lib.mjs's measure: wall, CPU and peak RSS of the child alone), interleaved with `node -e 0`:
//   1. `switchyard ports` on examples/config against `node -e 0` (goal ≤ 1.5×, wall);
//   2. `switchyard ports` on 1,000 services whose 1,000 ports a helper process holds (goal < 200 ms),
//      with checkPorts in-process beside it as the diagnosis;
//   3. `switchyard doctor` against stand-ins of the whole example stack (goal < 2 s), with
//      runDoctor in-process beside it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { atMost, below, dist, measureCli, measureNode, median, report, root } from "../lib.mjs";

/** A process holding `count` listeners on 127.0.0.1 (port-registry's test fixture), once it listens. */
function holdPorts(count) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`${root}packages/port-registry/test/fixtures/hold-port.mjs`, "--many", String(count), "127.0.0.1"],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`hold-port.mjs exited ${code}`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      child.removeAllListeners("exit");
      resolve({ stop: () => child.stdin.end(), ...JSON.parse(line) });
    });
  });
}

const ms = (v) => `${v.toFixed(0)} ms`;

export default {
  kind: "custom",
  name: "ports",
  title: "switchyard ports, health and doctor (issue #14)",
  async run({ quick }) {
    const runs = quick ? 5 : 15;
    const cache = mkdtempSync(join(tmpdir(), "sy-bench-cache-"));
    const env = { ...process.env, SWITCHYARD_CACHE_DIR: cache, NO_COLOR: "1" };
    const cli = (args, extra = {}) => {
      const run = measureCli(args, { env: { ...env, ...extra } });
      if (run.exit !== 0 && run.exit !== 1)
        throw new Error(`switchyard ${args[0]} exited ${run.exit}: ${run.stderr}`);
      return run;
    };
    try {
      // 1. The example registry (its services are not running here: states are read all the same).
      {
        const args = ["ports", "--config-dir", `${root}examples/config`];
        cli(args); // fills the code cache, as the first run after an install does
        const node = [];
        const ports = [];
        for (let i = 0; i < runs; i++) {
          node.push(measureNode());
          ports.push(cli(args));
        }
        const wall = median(ports.map((r) => r.wallMs)) / median(node.map((r) => r.wallMs));
        const cpu = median(ports.map((r) => r.cpuMs)) / median(node.map((r) => r.cpuMs));
        report(
          "switchyard ports examples/config vs node -e 0 (wall, median)",
          wall,
          "×",
          atMost(1.5),
          `${ms(median(ports.map((r) => r.wallMs)))} vs ${ms(median(node.map((r) => r.wallMs)))}; CPU ${cpu.toFixed(2)}×`,
        );
      }

      // 2. 1,000 services, their 1,000 ports held by one process.
      {
        const holder = await holdPorts(1000);
        const dir = mkdtempSync(join(tmpdir(), "sy-bench-ports-"));
        try {
          const services = holder.ports.map(
            (p, i) => `  svc-${i}:\n    port: ${p.port}\n    expected_processes: [node]`,
          );
          writeFileSync(
            join(dir, "ports.yaml"),
            `schema_version: "2.0.0"\nservices:\n${services.join("\n")}\n`,
          );
          const args = ["ports", "--config-dir", dir];
          cli(args);
          const node = [];
          const runsOf = [];
          for (let i = 0; i < runs; i++) {
            node.push(measureNode());
            runsOf.push(cli(args));
          }
          if (!runsOf[0].stdout.includes("1000 running"))
            throw new Error(`expected 1000 running: ${runsOf[0].stdout.slice(-300)}`);
          const { loadConfigFile } = await import(dist("config-schema"));
          const { checkPorts } = await import(dist("port-registry"));
          const ports = (await loadConfigFile("ports", join(dir, "ports.yaml"))).value;
          // The two library calls the command makes, timed apart: where the process's time goes.
          const loading = [];
          const library = [];
          for (let i = 0; i < runs; i++) {
            let start = performance.now();
            await loadConfigFile("ports", join(dir, "ports.yaml"));
            loading.push(performance.now() - start);
            start = performance.now();
            await checkPorts(ports);
            library.push(performance.now() - start);
          }
          report(
            "switchyard ports: 1,000 held ports classified (whole process, median)",
            median(runsOf.map((r) => r.wallMs)),
            "ms",
            below(200),
            `CPU ${ms(median(runsOf.map((r) => r.cpuMs)))}; node -e 0 ${ms(median(node.map((r) => r.wallMs)))}; in-process: loading ports.yaml ${ms(median(loading))}, checkPorts ${ms(median(library))}`,
          );
        } finally {
          holder.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      }

      // 3. doctor against the stand-in stack.
      {
        // The stand-ins import @switchyard/test-utils, which is TypeScript only: transpile it here.
        const { register } = await import("node:module");
        register("../ts-hooks.mjs", import.meta.url);
        const { startExampleStack } = await import(`${root}packages/doctor/test/example-stack.mjs`);
        const { removeTempDirs } = await import(`${root}packages/test-utils/src/index.ts`);
        const stack = await startExampleStack();
        try {
          const args = ["doctor", "--config-dir", stack.configDir, "--json"];
          const first = cli(args, stack.env);
          const report0 = JSON.parse(first.stdout);
          if (!report0.ok)
            throw new Error(`doctor is not green against the stand-ins: ${first.stdout.slice(0, 500)}`);
          const doctor = [];
          for (let i = 0; i < (quick ? 3 : 7); i++) doctor.push(cli(args, stack.env));
          const { runDoctor } = await import(dist("doctor"));
          const start = performance.now();
          await runDoctor({ configDir: stack.configDir, env: { ...process.env, ...stack.env } });
          report(
            "switchyard doctor, stand-ins of the example stack (whole process, median)",
            median(doctor.map((r) => r.wallMs)),
            "ms",
            below(2000),
            `${report0.checks.length} checks green; CPU ${ms(median(doctor.map((r) => r.cpuMs)))}; runDoctor in-process ${ms(performance.now() - start)}`,
          );
        } finally {
          await stack.stop();
          await removeTempDirs();
        }
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  },
};
