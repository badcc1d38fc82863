import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { syntheticLegacySet } from "@switchyard/synthetic-data";
import { tempDir } from "@switchyard/test-utils";
import { expect, it } from "vitest";
import { migrateConfigTexts } from "./engine/migrate-texts.js";

it("builds a 1.0.0 set of the requested size that migrates to a set the current schema accepts", async () => {
  const legacy = syntheticLegacySet(1200);
  expect(legacy["providers.yaml"]!.match(/^ {6}- model-\d+/gm)).toHaveLength(1200);
  expect(legacy["model-mappings.yaml"]!.match(/^ {2}(model|alias)-\d+:$/gm)).toHaveLength(1200);
  const result = migrateConfigTexts(legacy);
  expect(result).toMatchObject({ ok: true, status: "outdated", from: "1.0.0" });
  const dir = await tempDir("switchyard-synthetic-");
  try {
    for (const file of result.files) await writeFile(join(dir, file.fileName), file.after);
    // Cross-file rules too: consistency's src/migrated-sets.test.ts.
    const loaded = await loadConfigSet(dir);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
