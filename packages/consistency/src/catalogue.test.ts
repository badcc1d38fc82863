import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  formatCatalogueEntry,
  mergeCatalogues,
  schemaCatalogue,
} from "@switchyard/config-schema/diagnostics";
import { suppressionCatalogue } from "@switchyard/config-schema/suppressions";
import { describe, expect, it, test } from "vitest";
import { type ConsistencyCode, consistencyCatalogue } from "./catalogue.js";
import { defineRule } from "./rule.js";
import { rules } from "./rules/index.js";

describe("the rule registry", () => {
  it("registers every rule file exactly once, in code order", async () => {
    const dir = join(import.meta.dirname, "rules");
    const files = readdirSync(dir).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts",
    );
    const exported = [];
    for (const file of files) {
      const module = (await import(join(dir, file))) as Record<string, unknown>;
      for (const item of Object.values(module)) exported.push(item);
    }
    expect(new Set(exported)).toEqual(new Set(rules));
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents every rule in the catalogue with a cause and a fix", () => {
    for (const rule of rules) {
      const entry = consistencyCatalogue.get(rule.id);
      expect(entry?.name).toBe(rule.name);
      expect(rule.title).toMatch(/^[A-Z].*\.$/);
      expect(rule.cause.length).toBeGreaterThan(60);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
    expect(formatCatalogueEntry(consistencyCatalogue.get("SY2003")!)).toContain(
      "SY2003 unknown-model (error)",
    );
  });

  it("keeps its codes in SY2xxx and merges with the other catalogues without collisions", () => {
    expect([...consistencyCatalogue.keys()].every((code) => /^SY2\d{3}$/.test(code))).toBe(true);
    expect(() => mergeCatalogues(schemaCatalogue, consistencyCatalogue)).not.toThrow();
    for (const code of suppressionCatalogue.keys()) expect(schemaCatalogue.has(code)).toBe(true);
  });
});

test("consistency's codes are a literal union of the rules' ids and SY2099", () => {
  const codes: ConsistencyCode[] = ["SY2001", "SY2099"];
  expect(codes.every((code) => consistencyCatalogue.has(code))).toBe(true);
  // @ts-expect-error SY2999 is no rule's id: it does not compile
  const unknown: ConsistencyCode = "SY2999";
  expect(consistencyCatalogue.has(unknown)).toBe(false);
  // @ts-expect-error a rule's id must be of the form SY2xxx
  expect(() => defineRule({ ...rules[0], id: "SY5001" })).toThrow(/SY2xxx/);
});
