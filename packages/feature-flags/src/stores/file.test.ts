import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Flag } from "@switchyard/config-schema";
import { afterAll, describe, expect, test } from "vitest";
import { describeStoreContract, until } from "../../test/store-suite.js";
import { editFlagText, FileFlagStore } from "./file.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function flagFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sy-flags-"));
  dirs.push(dir);
  const path = join(dir, "feature-flags.yaml");
  await writeFile(path, text);
  return path;
}

function yamlOf(flags: Readonly<Record<string, Flag>>): string {
  const lines = ["# Feature flags", 'schema_version: "2.0.0"', "", "flags:"];
  for (const [name, flag] of Object.entries(flags)) {
    lines.push(`  # ${name}, owned by platform`, `  ${name}:`);
    for (const [key, value] of Object.entries(flag)) {
      lines.push(`    ${key}: ${Array.isArray(value) ? `[${value.join(", ")}]` : String(value)}  # ${key}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

describeStoreContract("YAML file", async (initial) => {
  const path = await flagFile(yamlOf(initial));
  return { store: await FileFlagStore.open(path), replica: () => FileFlagStore.open(path) };
});

const TEXT = `# yaml-language-server: $schema=x
schema_version: "2.0.0"

flags:
  # The new router, phase 1: testers only.
  new-router:
    enabled: true   # master switch
    rollout_percentage: 0
    whitelist:
      - ann      # tester
      - bob
    tags: [routing]

  # Cache answers.
  semantic-cache:
    enabled: false
`;

describe("YAML file store: text, backups, hand edits", () => {
  test("edits keep every comment, blank line and key order, and bump the version in the file", async () => {
    const path = await flagFile(TEXT);
    const store = await FileFlagStore.open(path, { watch: false });
    const current = (await store.get("new-router"))!;
    await store.put(
      "new-router",
      { ...current.flag, rollout_percentage: 25, whitelist: ["ann", "bob", "cat"] },
      1,
    );
    const text = await readFile(path, "utf8");
    expect(text).toBe(
      TEXT.replace("rollout_percentage: 0\n", "rollout_percentage: 25\n    version: 2\n").replace(
        "      - bob\n",
        "      - bob\n      - cat\n",
      ),
    );
    const files = await readdir(join(path, ".."));
    expect(files.some((f) => f.startsWith("feature-flags.yaml.backup-"))).toBe(true);
    await store.close();
  });

  test("editFlagText: removals, a new flag, and a no-op leave the rest byte for byte", () => {
    const removed = editFlagText(TEXT, "new-router", {
      enabled: true,
      rollout_percentage: 0,
      whitelist: ["ann"],
      tags: ["routing"],
      version: 2,
    });
    expect(removed).toContain("      - ann      # tester\n    tags: [routing]");
    expect(removed).not.toContain("- bob");
    const added = editFlagText(TEXT, "gamma", { enabled: true, whitelist: ["x"], version: 1 });
    expect(added.startsWith(TEXT.trimEnd())).toBe(true);
    expect(added).toContain("  gamma:\n    enabled: true\n    version: 1\n    whitelist: [x]\n");
  });

  test("a hand edit is picked up by watch without a restart, and versioned", async () => {
    const path = await flagFile(TEXT);
    const store = await FileFlagStore.open(path);
    const seen: string[] = [];
    store.watch((c) => {
      for (const name of c.names) seen.push(name);
    });
    await writeFile(path, TEXT.replace("enabled: false", "enabled: true"));
    const ms = await until(() => store.snapshot().get("semantic-cache")?.flag.enabled === true, 2_000);
    expect(ms).toBeLessThan(1_000);
    expect(store.snapshot().get("semantic-cache")?.version).toBe(2);
    expect(seen).toEqual(["semantic-cache"]);
    await store.close();
  });

  test("a file that stops validating keeps the last good state and says why; fixing it recovers", async () => {
    const path = await flagFile(TEXT);
    const store = await FileFlagStore.open(path);
    await writeFile(path, TEXT.replace("rollout_percentage: 0", "rollout_percentage: 250"));
    await until(() => store.health().state === "degraded", 2_000);
    const health = store.health();
    expect(health.state === "degraded" && health.diagnostics.map((d) => d.code)).toEqual([
      "SY7020",
      "SY1034",
    ]);
    expect(store.snapshot().get("new-router")?.flag.rollout_percentage).toBe(0);
    await expect(store.put("new-router", { enabled: false }, 1)).rejects.toMatchObject({ code: "SY7021" });
    await writeFile(path, TEXT.replace("rollout_percentage: 0", "rollout_percentage: 5"));
    await until(() => store.health().state === "ok", 2_000);
    expect(store.snapshot().get("new-router")?.flag.rollout_percentage).toBe(5);
    await store.close();
  });
});
