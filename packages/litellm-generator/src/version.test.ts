import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { generatorCatalogue } from "./catalogue.js";
import { renderHeader } from "./header.js";
import { GENERATOR_VERSION } from "./version.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("package metadata", () => {
  test("GENERATOR_VERSION is the package version, and every header names it", () => {
    expect(GENERATOR_VERSION).toBe(pkg.version);
    expect(renderHeader("a".repeat(64), "b".repeat(64))).toContain(
      `# generator: ${pkg.name} ${pkg.version}\n`,
    );
  });

  test("the built package (ESM and CJS) records package.json's version, not a copy of it", async () => {
    // What a release publishes: `changeset version` bumps package.json, the build inlines it.
    const esm = (await import(new URL("../dist/index.js", import.meta.url).href)) as {
      GENERATOR_VERSION: string;
    };
    const cjs = createRequire(import.meta.url)("../dist/index.cjs") as { GENERATOR_VERSION: string };
    expect(esm.GENERATOR_VERSION).toBe(pkg.version);
    expect(cjs.GENERATOR_VERSION).toBe(pkg.version);
    const source = readFileSync(new URL("./version.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/GENERATOR_VERSION[^=]*=\s*["'`]/);
  });

  test("every SY4xxx code the sources emit is in the catalogue, and every entry is emitted", () => {
    const dir = new URL(".", import.meta.url).pathname;
    const emitted = new Set<string>();
    for (const file of sourceFiles(dir)) {
      if (file.endsWith("catalogue.ts")) continue;
      for (const match of readFileSync(file, "utf8").matchAll(/"(SY4\d{3})"/g)) emitted.add(match[1]!);
    }
    expect([...emitted].sort()).toEqual([...generatorCatalogue.keys()].sort());
    for (const entry of generatorCatalogue.values()) expect(entry.code).toMatch(/^SY4\d{3}$/);
  });
});
