import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "./index.js";

const DIR = dirname(fileURLToPath(import.meta.url));
const folders = readdirSync(DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe("the command table", () => {
  it("lists every folder of commands/ once, by the folder's name", () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(folders);
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it.each(folders)("commands/%s has its spec beside its run module", async (name) => {
    expect(existsSync(join(DIR, name, "spec.ts"))).toBe(true);
    expect(existsSync(join(DIR, name, "run.ts"))).toBe(true);
    const spec = COMMANDS.find((c) => c.name === name);
    const module = await spec?.load();
    expect(typeof module?.run).toBe("function");
  });

  it("gives no command two options with one short name", () => {
    for (const spec of COMMANDS) {
      const shorts = Object.values(spec.options).flatMap((o) => (o.short === undefined ? [] : [o.short]));
      expect(new Set([...shorts, "h"]).size, spec.name).toBe(shorts.length + 1);
    }
  });
});
