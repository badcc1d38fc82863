// A reload round trip excluding the gateway's own restart, against the stand-in LiteLLM gateway.
import { below, report, runWorker } from "../lib.mjs";

export default {
  kind: "custom",
  name: "reload",
  title: "reload round trip (stand-in gateway)",
  run() {
    const reload = runWorker("reload.mjs");
    report(
      "reload round trip excluding the restart (stand-in gateway)",
      reload.medianMs,
      "ms",
      below(300),
      `the three health requests alone ${reload.probesMs.toFixed(0)} ms`,
    );
  },
};
