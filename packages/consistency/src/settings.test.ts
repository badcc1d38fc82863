import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSettings } from "./settings.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "switchyard-settings-"));
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
});
