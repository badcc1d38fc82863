// Time migrating a synthetic 1.0.0 set to the current version, in memory (median of 3).
import { migrateConfigTexts, syntheticLegacySet } from "../../packages/migrations/dist/index.js";
import { median } from "../lib.mjs";

const models = Number(process.argv[2]);
const texts = syntheticLegacySet(models);
const times = [];
let result;
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  result = migrateConfigTexts(texts);
  times.push(performance.now() - start);
}
if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
console.log(JSON.stringify({ medianMs: median(times) }));
