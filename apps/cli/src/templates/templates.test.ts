import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { CONFIG_FILES, yamlLanguageServerComment } from "@switchyard/config-schema/schemas";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { CONFIG_TEMPLATES } from "./index.js";

describe("config templates", () => {
  it("cover every versioned kind that init writes, each starting with its yaml-language-server comment", () => {
    expect(CONFIG_TEMPLATES.map((t) => t.fileName)).toEqual([
      "providers.yaml",
      "model-mappings.yaml",
      "ports.yaml",
      "feature-flags.yaml",
    ]);
    for (const template of CONFIG_TEMPLATES) {
      expect(template.content.split("\n")[0]).toBe(yamlLanguageServerComment(template.kind));
      expect(template.fileName).toBe(CONFIG_FILES[template.kind].fileName);
      expect(template.content).toMatch(/^schema_version: "2\.0\.0"$/m);
      expect(template.content.endsWith("\n")).toBe(true);
    }
  });

  it("form a set with no schema diagnostics at all", async () => {
    const dir = await tempDir("switchyard-templates-");
    for (const t of CONFIG_TEMPLATES) await writeFile(join(dir, t.fileName), t.content);
    const set = await loadConfigSet(dir, { cwd: dir });
    expect(set.diagnostics).toEqual([]);
    for (const t of CONFIG_TEMPLATES) expect(set.files[t.kind]?.value).toBeDefined();
  });
});
