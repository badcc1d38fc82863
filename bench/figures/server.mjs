// The HTTP API under load (worker: bench/workers/server.mjs): switchyard-server as a process beside
// a bare find-my-way route returning a constant, autocannon in one run, rounds alternating
// (issue #15's goals).
import { below, report, runWorker } from "../lib.mjs";

export default {
  kind: "custom",
  name: "server",
  title: "HTTP API (switchyard-server under autocannon)",
  run({ quick }) {
    const r = runWorker("server.mjs", quick ? ["--quick"] : []);
    report(
      "server: flag evaluation req/s / bare constant route req/s (50 conn)",
      r.ratio,
      "×",
      { text: "≥ 0.8×", test: (v) => v >= 0.8 },
      `median of ${r.rounds} alternating rounds of ${r.durationS} s (ratios ${r.ratios.join(", ")}): ${r.evaluate.rps.toFixed(0)} vs ${r.bare.rps.toFixed(0)} req/s; load ${r.load.join(" ")}`,
    );
    report(
      "server: flag evaluation p99 at 50 connections",
      r.evaluate.p99,
      "ms",
      below(5),
      `median round; rounds ${r.evaluate.p99s.join(", ")} ms; p50 ${r.evaluate.p50} ms; bare route p99 ${r.bare.p99} ms`,
    );
    report(
      "server: OFREP bulk evaluation of 100 flags p99 (10 conn)",
      r.ofrepBulk.p99,
      "ms",
      below(10),
      `p50 ${r.ofrepBulk.p50} ms, ${r.ofrepBulk.rps.toFixed(0)} req/s`,
    );
  },
};
