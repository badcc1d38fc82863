import { describe, expect, it, vi } from "vitest";
import type * as catalogue from "../diagnostics/schema-catalogue.js";

// Count the SY1002 diagnostics made (not only those shown): parseYaml uses this module's export.
const made = vi.hoisted(() => ({ SY1002: 0 }));
vi.mock("../diagnostics/schema-catalogue.js", async (original) => {
  const actual = await original<typeof catalogue>();
  return {
    ...actual,
    schemaDiagnostic: ((code, fields) => {
      if (code === "SY1002") made.SY1002++;
      return actual.schemaDiagnostic(code, fields);
    }) satisfies typeof actual.schemaDiagnostic,
  };
});

const { parseYaml } = await import("./parse.js");

describe("duplicate keys over the per-file cap", () => {
  it("are counted, not each made into a located diagnostic (150,000 of them were), with the cap's output", () => {
    const text = `schema_version: "2.0.0"\n${"a: b\n".repeat(3001)}`;
    made.SY1002 = 0;
    const source = parseYaml(text, { file: "model-mappings.yaml" });
    // 1,000 shown and the first one not shown, which locates the summary.
    expect(made.SY1002).toBe(1001);
    const codes = source.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === "SY1002")).toHaveLength(1000);
    const summary = source.diagnostics.find((d) => d.code === "SY1019");
    expect(summary?.message).toContain(
      "2000 more diagnostics in model-mappings.yaml not shown (2000 errors)",
    );
    // As the cap places it: at the first diagnostic not shown (the 1,001st repeat, line 1003).
    expect(summary?.range?.start.line).toBe(1003);
    const shown = source.diagnostics.filter((d) => d.code === "SY1002");
    expect(shown[0]?.range?.start.line).toBe(3);
    expect(shown[999]?.range?.start.line).toBe(1002);
  });
});
