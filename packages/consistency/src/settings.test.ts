import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSettings } from "./settings.js";

let dir: string;

beforeAll(async () => {
  dir = await tempDir("switchyard-settings-");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadSettings", () => {
  it("gives empty settings when there is no .switchyard.yaml", () => {
    const loaded = loadSettings(dir, "config");
    expect(loaded).toEqual({
      file: "config/.switchyard.yaml",
      settings: { rules: [], suppressions: [] },
      diagnostics: [],
    });
  });

  it("reports an unreadable settings file as SY1010 instead of throwing", async () => {
    await mkdir(join(dir, ".switchyard.yaml"));
    const loaded = loadSettings(dir, "config");
    expect(loaded.diagnostics.map((d) => [d.code, d.file])).toEqual([["SY1010", "config/.switchyard.yaml"]]);
    expect(loaded.settings.rules).toEqual([]);
  });

  it("a value no branch of a union accepts, for a reason other than its type, is SY1036 at that value", async () => {
    const own = await tempDir("switchyard-settings-");
    // `path` is a non-empty string or a non-empty list of strings and numbers: a list holding a
    // boolean matches neither, and no more specific code says why.
    await writeFile(
      join(own, ".switchyard.yaml"),
      "suppressions:\n  - code: SY2003\n    file: model-mappings.yaml\n    path: [true]\n    reason: known\n",
    );
    const loaded = loadSettings(own, "config");
    expect(
      loaded.diagnostics.map((d) => [d.code, d.severity, d.file, d.range?.start.line, d.message]),
    ).toEqual([["SY1036", "error", "config/.switchyard.yaml", 4, "suppressions[0].path: Invalid input"]]);
  });
});
