import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { SETTINGS_FILE_NAME } from "../schemas/settings.js";
import { loadSettingsFile, loadSettingsText } from "./settings-file.js";

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

describe("loadSettingsFile", () => {
  it("parses one settings file once per content: a second read in the same run reuses it, an edit is read again", async () => {
    const dir = await tempDir("sy-settings-");
    const path = join(dir, SETTINGS_FILE_NAME);
    // Large enough that parsing it twice was seconds of an audit (the audit and validateConfigSet both read it).
    const many = Array.from(
      { length: 2000 },
      (_, i) => `  - code: SY2003\n    file: f${i}.yaml\n    reason: r`,
    );
    await writeFile(path, `schema_version: "2.0.0"\nsuppressions:\n${many.join("\n")}\n`);
    const first = loadSettingsFile(dir, "config");
    expect(first.settings.suppressions).toHaveLength(2000);
    expect(loadSettingsFile(dir, "config")).toBe(first);
    // Another display path is another answer (its diagnostics name the file differently).
    expect(loadSettingsFile(dir, "elsewhere")).not.toBe(first);
    await writeFile(path, 'schema_version: "2.0.0"\nrules:\n  SY2003: warning\n');
    const edited = loadSettingsFile(dir, "config");
    expect(edited).not.toBe(first);
    expect(edited.settings.rules.map((r) => r.code)).toEqual(["SY2003"]);
    expect(edited.settings.suppressions).toEqual([]);
  });
});
