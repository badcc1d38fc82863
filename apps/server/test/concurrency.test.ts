import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { FileFlagStore } from "@switchyard/feature-flags";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exampleConfigDir } from "./config-dir.js";
import { ADMIN_TOKEN, bearer, type Served, serve } from "./harness.js";

describe("200 concurrent writers on one flag of the file store, over HTTP", () => {
  let s: Served;
  let dir: string;
  beforeAll(async () => {
    dir = exampleConfigDir();
    const store = await FileFlagStore.open(join(dir, "feature-flags.yaml"), { backup: false });
    s = await serve({ store, storeKind: "file", rateLimit: false });
  });
  afterAll(() => s.close());
  const admin = bearer(ADMIN_TOKEN, { "content-type": "application/json" });

  test("each adds itself to the whitelist: no update lost; the file, the store and the history agree", async () => {
    const before = s.store.snapshot().get("semantic-cache")!;
    const users = Array.from({ length: 200 }, (_, i) => `writer-${i}`);
    const statuses = await Promise.all(
      users.map(async (user) => {
        const res = await fetch(`${s.url}/api/v1/features/semantic-cache/whitelist`, {
          method: "POST",
          headers: admin,
          body: JSON.stringify({ add: [user] }),
        });
        return res.status;
      }),
    );
    expect(statuses.filter((code) => code !== 200)).toEqual([]);
    const after = s.store.snapshot().get("semantic-cache")!;
    expect(after.version).toBe(before.version + 200);
    expect([...(after.flag.whitelist ?? [])].sort()).toEqual(
      [...(before.flag.whitelist ?? []), ...users].sort(),
    );
    // What a fresh reader of the file sees is the same.
    const reread = await FileFlagStore.open(join(dir, "feature-flags.yaml"), { watch: false });
    expect(reread.snapshot().get("semantic-cache")?.flag).toEqual(after.flag);
    await reread.close();
    const history = (
      (await (
        await fetch(`${s.url}/api/v1/features/semantic-cache/history?limit=1000`, { headers: admin })
      ).json()) as {
        history: { version: number; before: unknown; after: unknown; actor: string }[];
      }
    ).history.reverse();
    expect(history.map((r) => r.version)).toEqual(
      Array.from({ length: 200 }, (_, i) => before.version + 1 + i),
    );
    for (let i = 1; i < history.length; i++) expect(history[i]!.before).toEqual(history[i - 1]!.after);
    expect(history.at(-1)!.after).toEqual(after.flag);
    expect(history.every((r) => r.actor === "ops")).toBe(true);
    const lines = (await readFile(join(dir, ".switchyard", "flag-history.jsonl"), "utf8"))
      .trimEnd()
      .split("\n");
    expect(lines).toHaveLength(200);
  });

  test("200 writers with the same If-Match: exactly one wins, every other gets 412", async () => {
    const current = s.store.snapshot().get("cloud-fallback")!;
    const statuses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const res = await fetch(`${s.url}/api/v1/features/cloud-fallback/rollout/${i % 100}`, {
          method: "POST",
          headers: { ...admin, "if-match": `"${current.version}"` },
        });
        return res.status;
      }),
    );
    expect(statuses.filter((code) => code === 200)).toHaveLength(1);
    expect(statuses.filter((code) => code === 412)).toHaveLength(199);
    expect(s.store.snapshot().get("cloud-fallback")?.version).toBe(current.version + 1);
  });
});
