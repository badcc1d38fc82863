import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { schemaCatalogue } from "./schema-catalogue.js";

const SRC = fileURLToPath(new URL("../", import.meta.url));

/** Every non-test TypeScript file under src/. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Each SY1xxx literal in the source, with the first file that mentions it. */
function codesInSource(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const path of sourceFiles(SRC)) {
    for (const [code] of readFileSync(path, "utf8").matchAll(/\bSY1\d{3}\b/g)) {
      if (!codes.has(code)) codes.set(code, relative(SRC, path));
    }
  }
  return codes;
}

describe("schemaCatalogue", () => {
  it("documents every SY1xxx code that appears in src, with a cause and a fix", () => {
    const codes = codesInSource();
    expect(codes.size).toBeGreaterThanOrEqual(25);
    const undocumented = [...codes].filter(([code]) => {
      const entry = schemaCatalogue.get(code);
      return entry === undefined || entry.cause.trim() === "" || entry.fix.trim() === "";
    });
    expect(undocumented.map(([code, file]) => `${code} (${file})`)).toEqual([]);
  });

  it("has well-formed entries keyed by their own code", () => {
    for (const [code, entry] of schemaCatalogue) {
      expect(entry.code).toBe(code);
      expect(code).toMatch(/^SY1\d{3}$/);
      expect(entry.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(["error", "warning", "info"]).toContain(entry.severity);
      expect(entry.title.trim()).not.toBe("");
    }
  });

  it("uses each name once", () => {
    const names = [...schemaCatalogue.values()].map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
