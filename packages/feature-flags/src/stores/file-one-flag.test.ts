/**
 * A change to one flag of a 10,000-flag file costs one flag's work, not the file's: the watch path
 * used to re-read, re-validate and re-edit the whole document for a one-line hand edit (916 ms in
 * the flags bench, most of it the comment-preserving editor's positioned document of the whole
 * file). Counted here, not timed: every whole-text load and every document the editor builds is
 * recorded with its size.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, expect, test, vi } from "vitest";
import { until } from "../../test/store-suite.js";
import { FileFlagStore } from "./file.js";

const sizes = vi.hoisted(() => ({ loads: [] as number[], documents: [] as number[] }));

vi.mock("@switchyard/config-schema/load", async (original) => {
  const actual = await original<typeof import("@switchyard/config-schema/load")>();
  return {
    ...actual,
    loadConfigText: ((kind, input, file, options) => {
      sizes.loads.push(input.length);
      return actual.loadConfigText(kind, input, file, options);
    }) as typeof actual.loadConfigText,
  };
});

vi.mock("@switchyard/config-schema/yaml", async (original) => {
  const actual = await original<typeof import("@switchyard/config-schema/yaml")>();
  return {
    ...actual,
    parseYamlDocument: ((text, options) => {
      sizes.documents.push(text.length);
      return actual.parseYamlDocument(text, options);
    }) as typeof actual.parseYamlDocument,
  };
});

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** The largest text a step parsed whole (a flag's block with the file's first lines is well under 1 KB). */
function largest(run: () => Promise<unknown>): Promise<{ load: number; document: number }> {
  sizes.loads.length = 0;
  sizes.documents.length = 0;
  const max = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);
  return run().then(() => ({ load: max(sizes.loads), document: max(sizes.documents) }));
}

test("a one-flag change of a 10,000-flag file parses, validates and edits only that flag's lines", async () => {
  const flag = (i: number) =>
    `  # flag ${i}\n  flag-${i}:\n    enabled: true\n    rollout_percentage: ${i % 101}\n    whitelist: [qa-${i}, ops]\n`;
  const text = `# Feature flags\nschema_version: "2.0.0"\nflags:\n${Array.from({ length: 10_000 }, (_, i) => flag(i)).join("")}`;
  const dir = await tempDir("sy-flags-10k-");
  dirs.push(dir);
  const path = join(dir, "feature-flags.yaml");
  await writeFile(path, text);
  const store = await FileFlagStore.open(path);
  const seen: string[][] = [];
  store.watch((change) => seen.push([...change.names]));
  try {
    // A hand edit of one flag, its version left alone: read, validated and stamped from its lines.
    const edited = text.replace(
      "  flag-5000:\n    enabled: true\n    rollout_percentage: 51",
      "  flag-5000:\n    enabled: true\n    rollout_percentage: 7",
    );
    const hand = await largest(async () => {
      await writeFile(path, edited);
      await until(() => store.snapshot().get("flag-5000")?.flag.rollout_percentage === 7, 30_000);
    });
    expect(hand.load).toBeLessThan(1_000);
    expect(hand.document).toBeLessThan(1_000);
    expect(store.snapshot().get("flag-5000")).toMatchObject({
      version: 2,
      flag: { rollout_percentage: 7, version: 2 },
    });
    expect(seen).toEqual([["flag-5000"]]);
    const stamped = await readFile(path, "utf8");
    expect(stamped).toBe(
      edited.replace(
        "  flag-5000:\n    enabled: true\n    rollout_percentage: 7\n",
        "  flag-5000:\n    enabled: true\n    rollout_percentage: 7\n    version: 2\n",
      ),
    );
    expect((await store.history()).map((r) => [r.flag, r.version, r.actor])).toEqual([
      ["flag-5000", 2, "hand edit"],
    ]);

    // A put: the flag's own lines are edited and read back.
    const put = await largest(() =>
      store.update("flag-7000", (current) => ({ ...current!.flag, enabled: false }), { actor: "ops" }),
    );
    expect(put.load).toBeLessThan(1_000);
    expect(put.document).toBeLessThan(1_000);
    expect(await readFile(path, "utf8")).toContain("  flag-7000:\n    enabled: false\n");

    // A hand edit that removes one flag and adds another: the names change, the order is the file's.
    const current = await readFile(path, "utf8");
    const renamed = current.replace(
      `  flag-9998:\n    enabled: true\n    rollout_percentage: ${9998 % 101}\n    whitelist: [qa-9998, ops]\n`,
      "  brand-new:\n    enabled: false\n",
    );
    expect(renamed).not.toBe(current);
    const rename = await largest(async () => {
      await writeFile(path, renamed);
      await until(() => store.snapshot().has("brand-new"), 30_000);
    });
    expect(rename.load).toBeLessThan(1_000);
    expect(store.snapshot().has("flag-9998")).toBe(false);
    expect([...store.snapshot().keys()].slice(-3)).toEqual(["flag-9997", "brand-new", "flag-9999"]);
    expect(store.snapshot().size).toBe(10_000);
  } finally {
    await store.close();
  }
  // Every instance opened later reads the same versions from the file.
  const restarted = await FileFlagStore.open(path, { watch: false });
  expect(restarted.snapshot().get("flag-5000")).toMatchObject({
    version: 2,
    flag: { rollout_percentage: 7 },
  });
  expect(restarted.snapshot().get("flag-7000")).toMatchObject({ version: 2, flag: { enabled: false } });
  expect(restarted.snapshot().get("brand-new")?.version).toBe(1);
  await restarted.close();
}, 120_000);
