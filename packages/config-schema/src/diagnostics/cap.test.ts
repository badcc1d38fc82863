import { describe, expect, test } from "vitest";
import { loadConfigText } from "../load.js";
import { parseYaml } from "../yaml/parse.js";
import { capDiagnosticsPerFile, MAX_DIAGNOSTICS_PER_FILE } from "./cap.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

function at(file: string, line: number, severity: Severity = "error"): Diagnostic {
  const start = { line, column: 1, offset: 0 };
  return { code: "SY1001", severity, message: `line ${line}`, file, range: { start, end: start } };
}

describe("capDiagnosticsPerFile", () => {
  test("keeps a file's first diagnostics by position and counts the rest in one SY1019", () => {
    const many = Array.from({ length: 12 }, (_, i) => at("a.yaml", 12 - i, i % 3 === 0 ? "warning" : "info"));
    const capped = capDiagnosticsPerFile([...many, at("b.yaml", 1)], 5);
    const a = capped.filter((d) => d.file === "a.yaml");
    expect(a.slice(0, 5).map((d) => d.range?.start.line)).toEqual([1, 2, 3, 4, 5]);
    expect(a).toHaveLength(6);
    expect(a[5]).toMatchObject({
      code: "SY1019",
      // The most severe of the dropped ones, so that the exit code does not change.
      severity: "warning",
      message: "7 more diagnostics in a.yaml not shown (3 warnings, 4 infos); only the first 5 are listed",
      range: { start: { line: 6 } },
    });
    expect(capped.filter((d) => d.file === "b.yaml")).toEqual([at("b.yaml", 1)]);
  });

  test("under the cap, the diagnostics come back sorted and unchanged", () => {
    const list = [at("a.yaml", 3), at("a.yaml", 1)];
    expect(capDiagnosticsPerFile(list, 2)).toEqual([at("a.yaml", 1), at("a.yaml", 3)]);
  });

  test("capping again merges the earlier summary: one per file, counting everything dropped", () => {
    const first = capDiagnosticsPerFile(
      Array.from({ length: 8 }, (_, i) => at("a.yaml", i + 1)),
      5,
    );
    const again = capDiagnosticsPerFile([...first, at("a.yaml", 100, "warning"), at("a.yaml", 0)], 5);
    const summaries = again.filter((d) => d.code === "SY1019");
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.message).toBe(
      "5 more diagnostics in a.yaml not shown (4 errors, 1 warning); only the first 5 are listed",
    );
    expect(again.filter((d) => d.code !== "SY1019").map((d) => d.range?.start.line)).toEqual([0, 1, 2, 3, 4]);
  });

  test("does not spread its input onto the stack (200,000 diagnostics)", () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => at("a.yaml", i + 1));
    const capped = capDiagnosticsPerFile(huge);
    expect(capped).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
  });
});

describe("the loader caps each file", () => {
  // Under the size past which a broken file is read only up to its first errors (yaml/error-cut.ts).
  const text = `schema_version: "2.0.0"\n${"]\n".repeat(30_000)}`;

  test("parseYaml: 1,000 located SY1001 and one summary of the other 29,000", () => {
    const source = parseYaml(text, { file: "providers.yaml" });
    expect(source.diagnostics).toHaveLength(1001);
    expect(source.diagnostics.at(-1)).toMatchObject({ code: "SY1019", severity: "error" });
    expect(source.diagnostics.at(-1)!.message).toMatch(/^29000 more diagnostics in providers\.yaml/);
  });

  test("loadConfigText: still one summary once schema errors are added", () => {
    const loaded = loadConfigText("providers", text, "providers.yaml");
    expect(loaded.diagnostics.filter((d) => d.code === "SY1019")).toHaveLength(1);
    expect(loaded.diagnostics.length).toBeLessThanOrEqual(1001);
  });
});
