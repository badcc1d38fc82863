// Time the consistency rules alone, median of 5 runs, beside the load of the same set in the same
// process (the baseline: the rules should cost less than reading the files they check).
import { loadConfigSet } from "../../packages/config-schema/dist/index.js";
import { validateConfigSet } from "../../packages/consistency/dist/index.js";
import { syntheticConfigTexts } from "../../packages/synthetic-data/dist/index.js";
import { median, tempDir } from "../lib.mjs";

const [providers, modelsPerProvider, mappings] = process.argv.slice(2).map(Number);
const { dir, remove } = tempDir(syntheticConfigTexts({ providers, modelsPerProvider, mappings }));
const loadStart = performance.now();
const set = await loadConfigSet(dir, { maxBytes: 1 << 30 });
const loadMs = performance.now() - loadStart;
remove();
const times = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  validateConfigSet(set, { settings: false });
  times.push(performance.now() - start);
}
console.log(JSON.stringify({ medianMs: median(times), firstMs: times[0], loadMs }));
