// Time a full in-process audit of a config dir (median of 7, after one warm-up).

import { runAudit } from "../../packages/audit/dist/index.js";
import { loadConfigSet } from "../../packages/config-schema/dist/index.js";
import { syntheticConfigTexts } from "../../packages/consistency/dist/index.js";
import { median, tempDir } from "../lib.mjs";

let dir = process.argv[2];
let remove = () => {};
if (dir === "synthetic")
  ({ dir, remove } = tempDir(
    syntheticConfigTexts({ providers: 2000, modelsPerProvider: 10, mappings: 20000 }),
  ));
const set = await loadConfigSet(dir, { maxBytes: 1 << 30 });
await runAudit(set, {});
const times = [];
for (let i = 0; i < 7; i++) {
  const start = performance.now();
  await runAudit(set, {});
  times.push(performance.now() - start);
}
remove();
console.log(JSON.stringify({ medianMs: median(times) }));
