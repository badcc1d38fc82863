// The consistency rules alone on 2,000 providers, 20,000 models and 50,000 mapping entries (a
// library diagnosis, in a fresh process), beside loading the same set in that process: the rules
// must cost less than reading the files they check, and stay under 1 s.
import { atMost, below, report, runWorker } from "../lib.mjs";

export default {
  kind: "custom",
  name: "rules",
  title: "consistency rules (library)",
  run() {
    const rules = runWorker("rules.mjs", ["2000", "10", "50000"]);
    report(
      "consistency rules: 2k providers, 20k models, 50k mappings",
      rules.medianMs,
      "ms",
      below(1000),
      `first (cold) run ${Math.round(rules.firstMs)} ms; loading the set ${Math.round(rules.loadMs)} ms`,
    );
    report("consistency rules (cold) / loading the set", rules.firstMs / rules.loadMs, "×", atMost(1));
  },
};
