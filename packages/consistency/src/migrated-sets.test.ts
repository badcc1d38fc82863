import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { migrateConfigSet, migrateConfigTexts } from "@switchyard/migrations";
import { syntheticLegacySet } from "@switchyard/synthetic-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateConfigSet } from "./validate.js";

// What `switchyard migrate --auto` leaves is what `switchyard validate` accepts: schema checks and
// every cross-file rule. (Migrations' own tests check the schema; the rules live here.)
const LEGACY = fileURLToPath(new URL("../../../examples/legacy-v1/", import.meta.url));

describe("sets migrated from 1.0.0 validate", () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "switchyard-migrated-"));
    dirs.push(dir);
    return dir;
  };
  let legacyDir: string;

  beforeAll(async () => {
    legacyDir = await tempDir();
    await cp(LEGACY, legacyDir, { recursive: true });
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("examples/legacy-v1: one SY1022 per file before, not even a warning after migrate", async () => {
    const before = validateConfigSet(await loadConfigSet(legacyDir), { settings: false }).diagnostics;
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((d) => d.code === "SY1022")).toBe(true);
    expect((await migrateConfigSet(legacyDir)).ok).toBe(true);
    expect(validateConfigSet(await loadConfigSet(legacyDir), { settings: false }).diagnostics).toEqual([]);
  });

  it("a synthetic 1.0.0 set of 1,200 models migrates to one without errors", async () => {
    const result = migrateConfigTexts(syntheticLegacySet(1200));
    expect(result).toMatchObject({ ok: true, from: "1.0.0" });
    const dir = await tempDir();
    for (const file of result.files) await writeFile(join(dir, file.fileName), file.after);
    const report = validateConfigSet(await loadConfigSet(dir), { settings: false });
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
