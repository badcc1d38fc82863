// Load and validate a synthetic config set of the given scale in a fresh process; print timings and peak RSS.
import { loadConfigSet, parseYaml } from "../../packages/config-schema/dist/index.js";
import { syntheticConfigTexts, validateConfigSet } from "../../packages/consistency/dist/index.js";
import { tempDir } from "../lib.mjs";

const providers = Number(process.argv[2]);
const modelsPerProvider = Number(process.argv[3]);
const mappings = Number(process.argv[4]);
const texts = syntheticConfigTexts({ providers, modelsPerProvider, mappings });
const { dir, remove } = tempDir(texts);
const bytes = Object.values(texts).reduce((n, t) => n + Buffer.byteLength(t), 0);

// Floor: parseYaml on the same texts (cold, in this fresh process), nothing else.
let start = performance.now();
for (const text of Object.values(texts)) parseYaml(text, { file: "x", maxBytes: 1 << 30 });
const parseOnly = performance.now() - start;

start = performance.now();
const set = await loadConfigSet(dir, { maxBytes: 1 << 30 });
const loaded = performance.now();
const report = validateConfigSet(set, { settings: false });
const done = performance.now();
remove();
if (report.diagnostics.some((d) => d.severity === "error")) throw new Error("synthetic set has errors");
console.log(
  JSON.stringify({
    bytes,
    parseOnlyMs: parseOnly,
    loadMs: loaded - start,
    rulesMs: done - loaded,
    totalMs: done - start,
    rssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
