import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { builtExports } from "@switchyard/test-utils";
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

  test("the built package (ESM and CJS) records package.json's version, not a copy of it", () => {
    // What a release publishes: `changeset version` bumps package.json, the build inlines it.
    expect(builtExports(new URL("..", import.meta.url), "GENERATOR_VERSION")).toEqual({
      esm: pkg.version,
      cjs: pkg.version,
    });
    const source = readFileSync(new URL("./version.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/GENERATOR_VERSION[^=\n]*=\s*["'`]/);
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
