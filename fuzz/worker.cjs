// A fuzz worker: runs the built CLI's `main` (apps/cli/dist/cli.cjs, what `bin/switchyard.cjs`
// runs) in this process, one command at a time, with in-memory streams, and answers with the exit
// code, the output and the time it took (wall and CPU). The driver kills a worker that does not answer (a hang)
// and reports a worker that dies (a crash, e.g. out of memory).
"use strict";
const { join } = require("node:path");

const { main } = require(join(__dirname, "..", "apps", "cli", "dist", "cli.cjs"));

// Anything that escapes `main` is a crash the driver must see, not a silent exit.
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (error) => {
    process.send?.({ kind: "crash", event, error: String(error?.stack ?? error) });
    process.exit(99);
  });
}

process.on("message", async (job) => {
  const out = [];
  const err = [];
  const io = {
    cwd: job.cwd,
    env: { NO_COLOR: "1", HOME: job.cwd, SWITCHYARD_CACHE_DIR: join(job.cwd, ".cache") },
    stdout: { isTTY: false, write: (text) => out.push(String(text)) },
    stderr: { isTTY: false, write: (text) => err.push(String(text)) },
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const code = await main(job.args, io);
  const used = process.cpuUsage(cpu);
  process.send?.({
    kind: "result",
    id: job.id,
    code,
    stdout: out.join(""),
    stderr: err.join(""),
    ms: performance.now() - started,
    // The budget is CPU time: wall time on a busy machine measures the machine, not the input.
    cpuMs: (used.user + used.system) / 1000,
  });
});
process.send?.({ kind: "ready" });
