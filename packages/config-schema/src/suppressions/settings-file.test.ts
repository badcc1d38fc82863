import { describe, expect, it } from "vitest";
import { loadSettingsText } from "./settings-file.js";

describe("loadSettingsText", () => {
  it("reads rules, options and suppressions", () => {
    const text = [
      'schema_version: "2.0.0"',
      "rules:",
      "  SY2003: warning",
      "  SY2041: off",
      "options:",
      "  max_fallback_depth: 3",
      "suppressions:",
      "  - code: SY2003",
      "    file: model-mappings.yaml",
      "    path: exact_matches.gpt-4o.model",
      "    reason: pinned by the vendor",
      "    expires: 2026-12-31",
      "  - code: SY2001",
      "    file: ports.yaml",
      "    path: [services, vllm, providers, 0]",
      "    reason: provider added next sprint",
      "",
    ].join("\n");
    const loaded = loadSettingsText(text, "config/.switchyard.yaml", { configDir: "config" });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.settings.rules.map((r) => [r.code, r.setting, r.at.range?.start.line])).toEqual([
      ["SY2003", "warning", 3],
      ["SY2041", "off", 4],
    ]);
    expect(loaded.settings.maxFallbackDepth).toBe(3);
    expect(loaded.settings.suppressions).toEqual([
      expect.objectContaining({
        origin: "settings",
        codes: ["SY2003"],
        file: "config/model-mappings.yaml",
        path: "exact_matches.gpt-4o.model",
        expires: "2026-12-31",
        at: expect.objectContaining({
          file: "config/.switchyard.yaml",
          range: expect.objectContaining({ start: expect.objectContaining({ line: 8 }) }),
        }),
      }),
      expect.objectContaining({
        codes: ["SY2001"],
        file: "config/ports.yaml",
        path: "services.vllm.providers[0]",
      }),
    ]);
  });

  it("reports schema problems with positions and keeps the valid parts", () => {
    const text =
      "rules:\n  SY2003: warn\n  SY2041: off\nsuppresions: []\nsuppressions:\n  - code: SY2003\n    file: x.yaml\n";
    const loaded = loadSettingsText(text, "config/.switchyard.yaml");
    expect(loaded.diagnostics.map((d) => [d.code, d.range?.start.line, d.suggestion])).toEqual([
      ["SY1033", 2, undefined],
      ["SY1030", 4, "suppressions"],
      ["SY1031", 6, undefined],
    ]);
    expect(loaded.settings.rules.map((r) => r.code)).toEqual(["SY2041"]);
    expect(loaded.settings.suppressions).toEqual([]);
  });

  it("accepts an empty file and reports YAML syntax errors", () => {
    expect(loadSettingsText("", ".switchyard.yaml").diagnostics).toEqual([]);
    expect(loadSettingsText("# only a comment\n", ".switchyard.yaml").diagnostics).toEqual([]);
    expect(loadSettingsText("rules: [\n", ".switchyard.yaml").diagnostics.map((d) => d.code)).toEqual([
      "SY1014",
    ]);
  });
});
