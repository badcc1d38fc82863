// Time LiteLLM config generation for a loaded synthetic set (median of 5), against serialising the same
// data as JSON (a baseline measured in the same process).
import { loadConfigSet } from "../../packages/config-schema/dist/index.js";
import { syntheticConfigTexts } from "../../packages/consistency/dist/index.js";
import { generateLiteLLMConfig } from "../../packages/litellm-generator/dist/index.js";
import { median, tempDir } from "../lib.mjs";

const [providers, modelsPerProvider, mappings] = process.argv.slice(2).map(Number);
const { dir, remove } = tempDir(syntheticConfigTexts({ providers, modelsPerProvider, mappings }));
const set = await loadConfigSet(dir, { maxBytes: 1 << 30 });
remove();
const times = [];
let result;
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  result = generateLiteLLMConfig(set);
  times.push(performance.now() - start);
}
if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
const jsonTimes = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  JSON.stringify(result.config, null, 2);
  jsonTimes.push(performance.now() - start);
}
console.log(
  JSON.stringify({
    medianMs: median(times),
    jsonMs: median(jsonTimes),
    deployments: result.config.model_list.length,
  }),
);
