// The consistency rules alone on 2,000 providers, 20,000 models and 50,000 mapping entries (a
// library diagnosis: the set is loaded first, untimed, in a fresh process).
import { below, report, runWorker } from "../lib.mjs";

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
      `first run ${Math.round(rules.firstMs)} ms`,
    );
  },
};
