// Write the input templates of the CLI figures for one scale into a directory (untimed; run once per
// scale in a process of its own). Every measured run then works on a fresh copy of one template.
//
//   sources/    the synthetic config set (providers.yaml, model-mappings.yaml, ports.yaml)
//   generated/  sources/ plus the LiteLLM config generated from them (current)
//   edited/     generated/ after a one-line source edit (one provider's base_url path): stale
//   legacy-v1/  the 1.0.0 equivalent of the set, for `migrate --auto`
//   backups/    generated/ plus 500 backups of the generated file (5,000 at 10×), one every 6 hours
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { backupName, loadConfigSet } from "../../packages/config-schema/dist/index.js";
import { writeLiteLLMConfig } from "../../packages/litellm-generator/dist/index.js";
import { syntheticConfigTexts, syntheticLegacySet } from "../../packages/synthetic-data/dist/index.js";

const [out, scaleJson] = process.argv.slice(2);
const scale = JSON.parse(scaleJson);
const OUTPUT = "litellm-unified.yaml";

function writeAll(dir, files) {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

const texts = syntheticConfigTexts(scale);
writeAll(join(out, "sources"), texts);

writeAll(join(out, "generated"), texts);
const written = await writeLiteLLMConfig(await loadConfigSet(join(out, "generated"), { maxBytes: 1 << 30 }), {
  backup: false,
});
if (!written.ok) throw new Error(JSON.stringify(written.diagnostics.slice(0, 3)));
const generated = readFileSync(join(out, "generated", OUTPUT), "utf8");

const before = "    base_url: http://gpu-00007.internal:8001/v1\n";
if (!texts["providers.yaml"].includes(before)) throw new Error("the edited line is not in providers.yaml");
writeAll(join(out, "edited"), {
  ...texts,
  "providers.yaml": texts["providers.yaml"].replace(before, before.replace(":8001/v1", ":8001/openai/v1")),
  [OUTPUT]: generated,
});

writeAll(join(out, "legacy-v1"), syntheticLegacySet(scale.providers * scale.modelsPerProvider));

const backups = { ...texts, [OUTPUT]: generated };
const newest = Date.UTC(2026, 0, 31, 12, 0, 0);
// 500 backups for the 20k set; 10× the input is 10× the backups too.
const backupCount = Math.round((500 * scale.providers) / 2000);
for (let i = 0; i < backupCount; i++) {
  // `backup list` reads names and sizes, never contents: small files keep 500 copies cheap.
  backups[backupName(OUTPUT, new Date(newest - i * 6 * 3600 * 1000))] =
    `${generated.slice(0, generated.indexOf("\nmodel_list:"))}\n# backup ${i}\n`;
}
writeAll(join(out, "backups"), backups);
console.log(JSON.stringify({ ok: true, generatedBytes: generated.length }));
