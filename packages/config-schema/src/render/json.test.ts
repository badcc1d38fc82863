import { describe, expect, test } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { schemaCatalogue } from "../diagnostics/schema-catalogue.js";
import { loadConfigText } from "../load.js";
import { renderJson } from "./json.js";

const PROVIDERS = `schema_version: "2.0.0"
providers:
  ollama:
    type: ollama
    base_ur: http://localhost:11434
    models: []
    api_key: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789
`;

describe("renderJson", () => {
  test("a versioned report with a summary and every field of each diagnostic, in a fixed key order", () => {
    const file = loadConfigText("providers", PROVIDERS, "config/providers.yaml");
    const related: Diagnostic = {
      code: "SY2003",
      severity: "info",
      message: "Also used by model 'fast'",
      file: "config/providers.yaml",
      related: [
        {
          message: "used here",
          file: "config/model-mappings.yaml",
          path: ["models", "fast"],
          range: file.diagnostics[0]!.range!,
        },
      ],
    };
    const report = JSON.parse(
      renderJson([...file.diagnostics, related], { catalogue: schemaCatalogue, toolVersion: "0.1.0" }),
    );
    expect(Object.keys(report)).toEqual(["version", "tool", "summary", "diagnostics"]);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: "switchyard", version: "0.1.0" });
    expect(report.summary).toEqual({ error: 2, warning: 1, info: 1 });

    const keyAt = PROVIDERS.indexOf("base_ur");
    const unknownKey = report.diagnostics.find((d: { code: string }) => d.code === "SY1030");
    expect(Object.keys(unknownKey)).toEqual([
      "code",
      "name",
      "severity",
      "message",
      "file",
      "range",
      "path",
      "hint",
      "suggestion",
    ]);
    expect(unknownKey).toMatchObject({
      name: "unknown-key",
      severity: "error",
      file: "config/providers.yaml",
      range: {
        start: { line: 5, column: 5, offset: keyAt },
        end: { line: 5, column: 12, offset: keyAt + 7 },
      },
      path: ["providers", "ollama", "base_ur"],
      suggestion: "base_url",
    });
    const withRelated = report.diagnostics.find((d: { code: string }) => d.code === "SY2003");
    expect(Object.keys(withRelated)).toEqual(["code", "severity", "message", "file", "related"]);
    expect(Object.keys(withRelated.related[0])).toEqual(["message", "file", "range", "path"]);
  });

  test("sorted, so the same findings in any order give the same bytes", () => {
    const diagnostics: Diagnostic[] = [
      { code: "SY1040", severity: "warning", message: "b", file: "b.yaml" },
      { code: "SY1030", severity: "error", message: "a", file: "a.yaml" },
    ];
    const forward = renderJson(diagnostics);
    expect(renderJson([...diagnostics].reverse())).toBe(forward);
    expect(JSON.parse(forward).diagnostics.map((d: { file: string }) => d.file)).toEqual([
      "a.yaml",
      "b.yaml",
    ]);
    expect(forward.endsWith("}\n")).toBe(true);
  });

  test("no diagnostics, no tool version", () => {
    expect(JSON.parse(renderJson([]))).toEqual({
      version: 1,
      tool: { name: "switchyard" },
      summary: { error: 0, warning: 0, info: 0 },
      diagnostics: [],
    });
  });
});
