import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatCatalogueEntry } from "@switchyard/config-schema/diagnostics";
import { expect, it } from "vitest";
import { migrationsCatalogue } from "./catalogue.js";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && entry.name !== "catalogue.ts"
      ? [path]
      : [];
  });
}

it("documents every SY3xxx code the package emits, and only SY3xxx codes", () => {
  const emitted = new Set<string>();
  for (const file of sources(fileURLToPath(new URL(".", import.meta.url)))) {
    for (const match of readFileSync(file, "utf8").matchAll(/"(SY3\d{3})"/g)) emitted.add(match[1]!);
  }
  expect(emitted.size).toBeGreaterThan(15);
  for (const code of emitted) expect(migrationsCatalogue.has(code), code).toBe(true);
  for (const code of migrationsCatalogue.keys()) expect(code).toMatch(/^SY3\d{3}$/);
  expect(formatCatalogueEntry(migrationsCatalogue.get("SY3001")!)).toContain("Upgrade Switchyard");
});
