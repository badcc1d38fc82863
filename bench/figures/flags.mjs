// Feature flags (worker: bench/workers/flags.mjs): evaluation beside unleash-client and GrowthBook,
// scavenges on the rollout hot path, the 10k-flag store, and the flags CLI beside node -e 0.
import { atMost, below, report, runWorker } from "../lib.mjs";

export default {
  kind: "custom",
  name: "flags",
  title: "feature flags",
  run({ quick }) {
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
    report(
      "flag store: hand edit visible through watch (10-flag file)",
      flags.watchSmallMs,
      "ms",
      below(100),
    );
    report(
      "flag store: hand edit visible through watch (10,000-flag file)",
      flags.watchMs,
      "ms",
      below(100),
      "hand save → change event with the new definition and its stamped version → get",
    );
    report(
      "switchyard flags get on 10,000 flags vs node -e 0 (wall, median)",
      flags.cliMs - flags.nodeMs,
      "ms",
      below(300),
      `${flags.cliMs.toFixed(0)} ms vs ${flags.nodeMs.toFixed(0)} ms`,
    );
  },
};
