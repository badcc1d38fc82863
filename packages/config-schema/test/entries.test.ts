/**
 * The subpath entries (`@switchyard/config-schema/<entry>`, src/entries/) partition the main entry:
 * the main entry re-exports them all and nothing else, and every name is exported by exactly one
 * subpath, as the very same binding.
 * So every sibling package can import what it uses from a subpath (biome's `noRestrictedImports`,
 * configured in biome.json, refuses the main entry outside this package), and no name has two homes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as main from "../src/index.js";

const ENTRIES = new URL("../src/entries/", import.meta.url);
const entryNames = readdirSync(ENTRIES)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.replace(/\.ts$/, ""))
  .sort();

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, unknown>;
};

/** Names listed by `export type { … }` statements of a source file (types leave nothing at run time). */
function typeExports(file: URL): string[] {
  const text = readFileSync(file, "utf8");
  const names: string[] = [];
  for (const match of text.matchAll(/^export\s+type\s*\{([^}]*)\}/gm))
    for (const spec of match[1]!.split(",")) {
      const name = spec
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.push(name);
    }
  return names;
}

describe("subpath entries", () => {
  it("each file of src/entries/ is an export of package.json, and each subpath export is a file there", () => {
    const subpaths = Object.keys(manifest.exports)
      .filter((key) => key !== "." && !key.includes("*") && !key.endsWith(".json"))
      .map((key) => key.slice(2))
      .sort();
    expect(subpaths).toEqual(entryNames);
    expect(entryNames.length).toBeGreaterThanOrEqual(19);
  });

  it("every value of the main entry is exported by exactly one subpath, as the same binding", async () => {
    const homes = new Map<string, string[]>();
    for (const entry of entryNames) {
      const module = (await import(`../src/entries/${entry}.ts`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        expect(value, `${entry}: ${name}`).toBe((main as Record<string, unknown>)[name]);
        homes.set(name, [...(homes.get(name) ?? []), entry]);
      }
    }
    const names = Object.keys(main);
    expect(names.length).toBeGreaterThan(250);
    const misplaced = names.filter((name) => homes.get(name)?.length !== 1);
    expect(misplaced.map((name) => `${name}: ${homes.get(name)?.join(", ") ?? "no subpath"}`)).toEqual([]);
    expect([...homes.keys()].filter((name) => !(name in main))).toEqual([]);
  });

  it("the main entry is the union of the subpath entries, and no type has two homes", () => {
    const index = readFileSync(new URL("../src/index.ts", import.meta.url), "utf8");
    const reexported = [...index.matchAll(/^export \* from "\.\/entries\/([\w-]+)\.js";$/gm)].map(
      (m) => m[1],
    );
    expect(reexported.sort()).toEqual(entryNames);
    expect(
      index
        .replace(/\/\*\*[\s\S]*?\*\//, "")
        .replace(/^export \* from .*$/gm, "")
        .trim(),
    ).toBe("");
    const homes = new Map<string, string[]>();
    for (const entry of entryNames)
      for (const name of typeExports(new URL(`${entry}.ts`, ENTRIES)))
        homes.set(name, [...(homes.get(name) ?? []), entry]);
    expect(homes.size).toBeGreaterThan(100);
    expect([...homes].filter(([, where]) => where.length !== 1)).toEqual([]);
  });

  it("no sibling package reaches the main entry: not by import, import type, require or vi.mock", () => {
    // biome's noRestrictedImports covers import declarations; this covers the rest (a vi.mock of
    // the main entry would no longer intercept a module that imports a subpath).
    const repo = fileURLToPath(new URL("../../../", import.meta.url));
    const uses: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "node_modules" || entry.name === "dist") continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (/\.(ts|mts|mjs|cjs|js)$/.test(entry.name)) {
          const text = readFileSync(path, "utf8");
          if (/(?:from|import\(|require\(|mock\()\s*["']@switchyard\/config-schema["']/.test(text))
            uses.push(path.slice(repo.length));
        }
      }
    };
    let scanned = 0;
    for (const group of ["apps", "packages"])
      for (const name of readdirSync(join(repo, group))) {
        if (group === "packages" && name === "config-schema") continue;
        for (const sub of ["src", "test", "scripts"]) {
          try {
            visit(join(repo, group, name, sub));
            scanned += 1;
          } catch {}
        }
      }
    expect(scanned).toBeGreaterThan(10);
    expect(uses).toEqual([]);
  });
});
