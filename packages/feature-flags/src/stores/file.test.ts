import { appendFile, chmod, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigText } from "@switchyard/config-schema/load";
import type { Flag } from "@switchyard/config-schema/schemas";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, describe, expect, test } from "vitest";
import { FLAG_FILE_TEXT } from "../../test/flag-file-text.js";
import { describeStoreContract, until } from "../../test/store-suite.js";
import { editFlagText, FileFlagStore } from "./file.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function flagFile(text: string): Promise<string> {
  const dir = await tempDir("sy-flags-");
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
  return {
    store: await FileFlagStore.open(path),
    replica: () => FileFlagStore.open(path),
    // A person's edit: the flag's text changed in place, its `version:` line (if any) left alone.
    handEdit: async (name, flag) => {
      const text = await readFile(path, "utf8");
      const current = loadConfigText("feature-flags", text, path).value!.flags[name]!;
      await writeFile(path, editFlagText(text, name, { ...flag, version: current.version }));
    },
  };
});

const TEXT = FLAG_FILE_TEXT;

describe("YAML file store: text, backups, hand edits", () => {
  test("stamping a hand edit never overwrites a newer hand edit saved meanwhile (editors take no lock)", async () => {
    // The second save lands 20 ms after the first: while the first is read and stamped, just before
    // its stamped text replaces the file (the store reads the file again at that moment), or after.
    const lines = ['schema_version: "2.0.0"', "flags:"];
    for (let i = 0; i < 2_000; i++)
      lines.push(
        `  flag-${i}:`,
        "    enabled: true",
        "    rollout_percentage: 0",
        `    whitelist: [qa-${i}]`,
      );
    const text = `${lines.join("\n")}\n`;
    const edit = (value: number) =>
      text.replace(
        "  flag-1999:\n    enabled: true\n    rollout_percentage: 0",
        `  flag-1999:\n    enabled: true\n    rollout_percentage: ${value}`,
      );
    const path = await flagFile(text);
    const store = await FileFlagStore.open(path);
    try {
      const rollout = () => store.snapshot().get("flag-1999")?.flag.rollout_percentage;
      for (const [first, second] of [
        [10, 11],
        [20, 21],
        [30, 31],
      ] as const) {
        await writeFile(path, edit(first));
        await new Promise((r) => setTimeout(r, 20)); // the store is now reading or stamping `first`
        await writeFile(path, edit(second));
        await until(() => rollout() === second, 60_000);
        // The file keeps the newer edit (with its stamped version), never `first` written back over it.
        const onDisk = await readFile(path, "utf8");
        expect(onDisk).toMatch(
          new RegExp(`flag-1999:\\n {4}enabled: true\\n {4}rollout_percentage: ${second}\\n`),
        );
        expect(rollout()).toBe(second);
      }
    } finally {
      await store.close();
    }
  }, 120_000);

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
    // The version is the file's, not this process's: written back (with a history record), so a
    // restart or another instance gives version 2 to this definition and to no other.
    expect(await readFile(path, "utf8")).toContain("  semantic-cache:\n    enabled: true\n    version: 2\n");
    expect((await store.history()).map((r) => [r.flag, r.version, r.actor, r.after.enabled])).toEqual([
      ["semantic-cache", 2, "hand edit", true],
    ]);
    await store.close();
    const restarted = await FileFlagStore.open(path, { watch: false });
    expect(restarted.snapshot().get("semantic-cache")).toMatchObject({ version: 2, flag: { enabled: true } });
    await restarted.close();
  });

  test("a hand edit that writes a secret into a flag: the stamped file is owner-only", async () => {
    // Only the changed flag's lines are scanned for a secret (the rest of the file held none).
    const path = await flagFile(TEXT);
    await chmod(path, 0o644);
    const store = await FileFlagStore.open(path);
    try {
      // A change without one keeps the mode as it is.
      await writeFile(path, TEXT.replace("rollout_percentage: 0", "rollout_percentage: 3"));
      await until(() => store.snapshot().get("new-router")?.version === 2, 5_000);
      expect(await readFile(path, "utf8")).toContain("    rollout_percentage: 3\n    version: 2\n");
      expect((await stat(path)).mode & 0o777).toBe(0o644);
      const key = `sk-proj-${"a1B2c3D4e5".repeat(4)}`;
      const current = await readFile(path, "utf8");
      await writeFile(path, current.replace("  semantic-cache:\n", `  semantic-cache:\n    owner: ${key}\n`));
      await until(() => store.snapshot().get("semantic-cache")?.version === 2, 5_000);
      expect(await readFile(path, "utf8")).toMatch(/semantic-cache:[\s\S]*version: 2\n/);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  test("a restored backup or a flag removed and added again never reuses a version given out", async () => {
    const path = await flagFile(TEXT);
    const store = await FileFlagStore.open(path);
    const current = (await store.get("semantic-cache"))!;
    await store.put("semantic-cache", { ...current.flag, enabled: true }, 1);
    await store.put("semantic-cache", { ...current.flag, enabled: true, rollout_percentage: 5 }, 2);
    // The old file back (its semantic-cache at version 1): the store's next version is 4, in the file.
    await writeFile(path, TEXT);
    await until(() => store.snapshot().get("semantic-cache")?.flag.enabled === false, 2_000);
    expect(store.snapshot().get("semantic-cache")?.version).toBe(4);
    expect(await readFile(path, "utf8")).toContain("  semantic-cache:\n    enabled: false\n    version: 4\n");
    // Removed by hand, then added again with no version: it comes back above every version it had.
    const text = await readFile(path, "utf8");
    const without = text.slice(0, text.indexOf("  # Cache answers."));
    await writeFile(path, without);
    await until(() => store.snapshot().get("semantic-cache") === undefined, 2_000);
    await writeFile(path, `${without}  semantic-cache:\n    enabled: true\n`);
    await until(() => store.snapshot().get("semantic-cache") !== undefined, 2_000);
    expect(store.snapshot().get("semantic-cache")?.version).toBe(5);
    const versions = (await store.history({ flag: "semantic-cache" })).map((r) => r.version);
    expect(versions).toEqual([5, 4, 3, 2]);
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

  test("changes are recorded in .switchyard/flag-history.jsonl (0600, one line each, `at` for the audit)", async () => {
    const path = await flagFile(TEXT);
    const store = await FileFlagStore.open(path, { watch: false });
    await store.update("semantic-cache", (c) => ({ ...c!.flag, enabled: true }), { actor: "ops" });
    await store.update("semantic-cache", (c) => ({ ...c!.flag, rollout_percentage: 5 }), { actor: "ops" });
    const historyFile = join(path, "..", ".switchyard", "flag-history.jsonl");
    expect(store.historyPath).toBe(historyFile);
    const lines = (await readFile(historyFile, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      flag: "semantic-cache",
      version: 2,
      previousVersion: 1,
      actor: "ops",
      before: { enabled: false },
      after: { enabled: true, version: 2 },
    });
    expect(Date.parse(JSON.parse(lines[1]!).at)).not.toBeNaN();
    expect((await stat(historyFile)).mode & 0o777).toBe(0o600);
    await store.close();
  });

  test("a torn last line (a crash mid-append) and foreign lines are skipped when reading", async () => {
    const path = await flagFile(TEXT);
    const store = await FileFlagStore.open(path, { watch: false });
    await store.update("semantic-cache", (c) => ({ ...c!.flag, enabled: true }));
    await appendFile(store.historyPath, '{"flag":"x","at":"2026-01-01"}\n{"flag":"semantic-cache","vers');
    const records = await store.history();
    expect(records.map((r) => [r.flag, r.version])).toEqual([["semantic-cache", 2]]);
    // The next change still lands on a line of its own and is read back.
    await appendFile(store.historyPath, "\n");
    await store.update("semantic-cache", (c) => ({ ...c!.flag, enabled: false }));
    expect((await store.history()).map((r) => r.version)).toEqual([3, 2]);
    await store.close();
  });

  test("a history of many records is read from its end: the newest come first, limits hold", async () => {
    const path = await flagFile(TEXT);
    const store = await FileFlagStore.open(path, { watch: false });
    const filler = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        flag: i % 2 ? "a" : "b",
        version: i + 2,
        previousVersion: i + 1,
        actor: "x".repeat(40),
        at: "2026-01-01T00:00:00.000Z",
        before: { enabled: true },
        after: { enabled: true },
      }),
    );
    await mkdir(join(path, "..", ".switchyard"));
    await writeFile(store.historyPath, `${filler.join("\n")}\n`);
    const newest = await store.history({ flag: "b", limit: 5 });
    expect(newest.map((r) => r.version)).toEqual([3000, 2998, 2996, 2994, 2992]);
    expect(await store.history({ limit: 10_000 })).toHaveLength(3000);
    await store.close();
  });

  test("a symlinked state directory is not followed: the change is refused and nothing is written", async () => {
    const path = await flagFile(TEXT);
    const elsewhere = await tempDir("sy-elsewhere-");
    dirs.push(elsewhere);
    await symlink(elsewhere, join(path, "..", ".switchyard"));
    const store = await FileFlagStore.open(path, { watch: false });
    const before = await readFile(path, "utf8");
    await expect(
      store.update("semantic-cache", (c) => ({ ...c!.flag, enabled: true })),
    ).rejects.toMatchObject({
      code: "SY7021",
    });
    expect(await readFile(path, "utf8")).toBe(before);
    expect(await readdir(elsewhere)).toEqual([]);
    await store.close();
  });
});
