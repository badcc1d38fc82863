import { cp, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Lexer } from "yaml";
import { migrateConfigSet, migrateConfigTexts } from "./index.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/legacy-v1/", import.meta.url));

async function readSet(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".yaml")).sort())
    out[name] = await readFile(join(dir, name), "utf8");
  return out;
}

/** Every comment of a YAML text (as the YAML lexer sees them), with how often each occurs. */
function comments(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of new Lexer().lex(text)) {
    if (token.startsWith("#")) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}

describe("examples/legacy-v1", () => {
  let dir: string;
  let legacy: Record<string, string>;

  beforeAll(async () => {
    legacy = await readSet(EXAMPLE);
    dir = await tempDir("switchyard-legacy-");
    await cp(EXAMPLE, dir, { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is a heavily commented 1.0.0 set", () => {
    const result = migrateConfigTexts(legacy, { to: "1.0.0" });
    expect(result.status).toBe("current");
    expect(result.files.map((f) => f.marker)).toEqual(["version", "version", "none", "version"]);
    for (const text of Object.values(legacy))
      expect([...comments(text).values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(8);
  });

  it("migrates to the current schema, keeping every comment, and the result validates", async () => {
    const result = await migrateConfigSet(dir);
    expect(result).toMatchObject({ ok: true, status: "migrated", from: "1.0.0", target: "2.0.0" });
    expect(result.notes.filter((n) => n.code === "SY3020").map((n) => n.message)).toEqual([
      "Disabled vLLM provider 'vllm-dolphin': only one active vLLM provider per 127.0.0.1:8001 from schema 2.0.0 on; 'vllm-qwen' (listed first) stays active",
    ]);
    const migrated = await readSet(dir);
    for (const [name, text] of Object.entries(legacy)) {
      const before = comments(text);
      const after = comments(migrated[name]!);
      for (const [comment, count] of before)
        expect(after.get(comment) ?? 0, `${name}: ${comment}`).toBeGreaterThanOrEqual(count);
    }
    const loaded = await loadConfigSet(dir);
    // Schema checks: not even a warning. (That `switchyard validate`'s cross-file rules accept it too
    // is consistency's test, src/migrated-sets.test.ts: consistency depends on this package.)
    expect(loaded.diagnostics).toEqual([]);
    expect(Object.keys(loaded.files).sort()).toEqual([
      "feature-flags",
      "model-mappings",
      "ports",
      "providers",
    ]);
    expect(loaded.files.providers?.value?.providers["vllm-dolphin"]?.status).toBe("disabled");
  });

  it("gives the same bytes when migrated down to 1.0.0 and up again", async () => {
    const current = await readSet(dir);
    const down = await migrateConfigSet(dir, { to: "1.0.0" });
    expect(down).toMatchObject({ ok: true, status: "migrated" });
    expect(down.notes.map((n) => n.code)).toContain("SY3022");
    const up = await migrateConfigSet(dir);
    expect(up.status).toBe("migrated");
    expect(await readSet(dir)).toEqual(current);
  });
});
