import type { Flag } from "@switchyard/config-schema/schemas";
import { afterEach, describe, expect, test } from "vitest";
import type { FlagChangeRecord, HistoryQuery } from "../src/history/types.js";
import { type FlagStore, FlagVersionConflictError, type StoredFlag } from "../src/stores/types.js";

/** What a store factory gives the shared suite. */
export interface StoreUnderTest {
  readonly store: FlagStore;
  /** Another instance over the same backing data (another process's view, another replica). */
  readonly replica?: () => Promise<FlagStore>;
  /**
   * Change a flag behind the stores' backs without bumping its version, as a person editing the
   * backing data by hand would (the YAML file store: an edit of the file that keeps `version:`).
   */
  readonly handEdit?: (name: string, flag: Flag) => Promise<void>;
}

export type StoreFactory = (initial: Readonly<Record<string, Flag>>) => Promise<StoreUnderTest>;

const INITIAL: Readonly<Record<string, Flag>> = {
  "new-router": { enabled: true, rollout_percentage: 10, whitelist: ["ann"], tags: ["routing"] },
  "semantic-cache": { enabled: false },
};

/** A history without the records of seeding the initial flags (stores seeded through `put` have them). */
async function changes(store: FlagStore, query: HistoryQuery = {}): Promise<FlagChangeRecord[]> {
  const records = await store.history({ limit: 1000, ...query });
  return records.filter((r) => !(r.previousVersion === 0 && r.flag in INITIAL));
}

/** Wait until `check` holds, polling on the event loop, for at most `ms`. */
export async function until(check: () => boolean, ms: number): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
  return performance.now() - start;
}

/** The one contract every flag store passes (memory, YAML file, Redis). */
export function describeStoreContract(kind: string, factory: StoreFactory): void {
  describe(`${kind} store: the shared contract`, () => {
    const open: FlagStore[] = [];
    const make = async () => {
      const made = await factory(INITIAL);
      open.push(made.store);
      return made;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    test("get and list return the flags with their versions", async () => {
      const { store } = await make();
      expect((await store.list()).map((f) => [f.name, f.version])).toEqual([
        ["new-router", 1],
        ["semantic-cache", 1],
      ]);
      expect((await store.get("new-router"))?.flag).toMatchObject(INITIAL["new-router"]!);
      expect(await store.get("nope")).toBeUndefined();
      expect(store.health().state).toBe("ok");
    });

    test("put with the current version writes and bumps the version; 0 creates", async () => {
      const { store } = await make();
      const before = (await store.get("new-router"))!;
      const after = await store.put("new-router", { ...before.flag, rollout_percentage: 50 }, before.version);
      expect(after.version).toBe(before.version + 1);
      expect(after.flag.version).toBe(after.version);
      expect((await store.get("new-router"))?.flag.rollout_percentage).toBe(50);
      expect(store.snapshot().get("new-router")?.version).toBe(after.version);
      const created = await store.put("brand-new", { enabled: true, tags: ["x"] }, 0);
      expect(created.version).toBe(1);
      expect((await store.get("brand-new"))?.flag).toMatchObject({ enabled: true, tags: ["x"] });
    });

    test("a put with a stale version is rejected (no lost update)", async () => {
      const { store } = await make();
      const a = (await store.get("new-router"))!;
      const b = (await store.get("new-router"))!;
      await store.put("new-router", { ...a.flag, whitelist: ["ann", "bob"] }, a.version);
      const stale = store.put("new-router", { ...b.flag, whitelist: ["ann", "cat"] }, b.version);
      await expect(stale).rejects.toBeInstanceOf(FlagVersionConflictError);
      await expect(stale).rejects.toMatchObject({ code: "SY7003", expected: 1, actual: 2 });
      expect((await store.get("new-router"))?.flag.whitelist).toEqual(["ann", "bob"]);
      await expect(store.put("semantic-cache", { enabled: true }, 0)).rejects.toBeInstanceOf(
        FlagVersionConflictError,
      );
      await expect(store.put("nope", { enabled: true }, 3)).rejects.toMatchObject({ actual: 0 });
    });

    test("50 concurrent writers, each adding itself to the whitelist: every write survives", async () => {
      const { store, replica } = await make();
      const other = replica ? await replica() : store;
      if (other !== store) open.push(other);
      const writers = Array.from({ length: 50 }, (_, i) => `writer-${i}`);
      let conflicts = 0;
      await Promise.all(
        writers.map(async (id, i) => {
          const via = i % 2 === 0 ? store : other;
          for (;;) {
            // Read through the store itself (its own view may lag a replica's write).
            const current = await readFresh(via, "new-router");
            try {
              await via.put(
                "new-router",
                { ...current.flag, whitelist: [...(current.flag.whitelist ?? []), id] },
                current.version,
              );
              return;
            } catch (error) {
              if (!(error instanceof FlagVersionConflictError)) throw error;
              conflicts++;
              await new Promise((r) => setTimeout(r, Math.random() * 5));
            }
          }
        }),
      );
      // A replica's last write reaches this instance by its change feed (pub/sub, file watch).
      await until(() => store.snapshot().get("new-router")?.version === 51, 2_000);
      const final = await readFresh(store, "new-router");
      expect(final.version).toBe(51);
      expect([...(final.flag.whitelist ?? [])].sort()).toEqual(["ann", ...writers].sort());
      expect(conflicts).toBeGreaterThan(0);
    });

    test("every put is in the history with actor, time, before and after, newest first", async () => {
      const { store } = await make();
      const start = Date.now();
      const first = (await store.get("new-router"))!;
      await store.put("new-router", { ...first.flag, rollout_percentage: 30 }, first.version, {
        actor: "alice",
      });
      await store.put("semantic-cache", { enabled: true }, 1, { actor: "bob" });
      await store.put("created", { enabled: true }, 0);
      const all = await changes(store);
      expect(all.map((r) => [r.flag, r.version, r.previousVersion, r.actor])).toEqual([
        ["created", 1, 0, "unknown"],
        ["semantic-cache", 2, 1, "bob"],
        ["new-router", 2, 1, "alice"],
      ]);
      const router = all[2]!;
      expect(router.before).toMatchObject({ enabled: true, rollout_percentage: 10 });
      expect(router.after).toMatchObject({ enabled: true, rollout_percentage: 30, version: 2 });
      expect(all[0]!.before).toBeNull();
      expect(Date.parse(router.at)).toBeGreaterThanOrEqual(start - 1000);
      expect(await changes(store, { flag: "semantic-cache" })).toHaveLength(1);
      expect(await store.history({ limit: 2 })).toHaveLength(2);
      // A refused put records nothing.
      await expect(store.put("new-router", { enabled: false }, 1)).rejects.toBeInstanceOf(
        FlagVersionConflictError,
      );
      expect(await changes(store)).toHaveLength(3);
    });

    test("update applies an edit to the current state; a no-op writes nothing; If-Match semantics", async () => {
      const { store } = await make();
      const enabled = await store.update("semantic-cache", (c) => ({ ...c!.flag, enabled: true }), {
        actor: "a",
      });
      expect(enabled).toMatchObject({ changed: true, stored: { version: 2 }, previous: { version: 1 } });
      const again = await store.update("semantic-cache", (c) => ({ ...c!.flag, enabled: true }));
      expect(again).toMatchObject({ changed: false, stored: { version: 2 } });
      expect(await changes(store, { flag: "semantic-cache" })).toHaveLength(1);
      const stale = store.update("semantic-cache", (c) => ({ ...c!.flag, enabled: false }), {
        expectedVersion: 1,
      });
      await expect(stale).rejects.toMatchObject({ code: "SY7003", expected: 1, actual: 2 });
      const matched = await store.update("semantic-cache", (c) => ({ ...c!.flag, enabled: false }), {
        expectedVersion: 2,
      });
      expect(matched.stored.version).toBe(3);
      await expect(
        store.update("missing", () => {
          throw new Error("no such flag");
        }),
      ).rejects.toThrow("no such flag");
    });

    test("100 concurrent updates through two instances: none lost, store and history agree", async () => {
      const { store, replica } = await make();
      const other = replica ? await replica() : store;
      if (other !== store) open.push(other);
      const writers = Array.from({ length: 100 }, (_, i) => `user-${i}`);
      await Promise.all(
        writers.map((id, i) =>
          (i % 2 === 0 ? store : other).update(
            "new-router",
            (current) => ({ ...current!.flag, whitelist: [...(current!.flag.whitelist ?? []), id] }),
            { actor: `writer-${i}` },
          ),
        ),
      );
      await until(() => store.snapshot().get("new-router")?.version === 101, 5_000);
      const final = (await store.get("new-router"))!;
      expect([...(final.flag.whitelist ?? [])].sort()).toEqual(["ann", ...writers].sort());
      const history = (await changes(store, { flag: "new-router" })).reverse();
      expect(history.map((r) => r.version)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
      for (let i = 1; i < history.length; i++) expect(history[i]!.before).toEqual(history[i - 1]!.after);
      expect(history.at(-1)!.after).toEqual(final.flag);
      expect(new Set(history.map((r) => r.actor)).size).toBe(100);
    });

    test("a version names one definition: acknowledgements, every instance's view, a restart and the history agree", async () => {
      const { store, replica, handEdit } = await make();
      // Every (version → definition) any client could be given: answers to changes, each
      // instance's state as its watch reports it, instances opened later (a restart).
      const seen = new Map<string, Map<number, string>>();
      const clashes: string[] = [];
      const note = (via: string, stored: StoredFlag | undefined) => {
        if (stored === undefined) return;
        const { version: _v, ...definition } = stored.flag;
        const text = JSON.stringify(definition, Object.keys(definition).sort());
        const versions = seen.get(stored.name) ?? new Map<number, string>();
        seen.set(stored.name, versions);
        const known = versions.get(stored.version);
        if (known !== undefined && known !== text)
          clashes.push(`${stored.name} v${stored.version}: ${known} and (${via}) ${text}`);
        versions.set(stored.version, text);
      };
      const observe = (via: string, instance: FlagStore) => {
        for (const stored of instance.snapshot().values()) note(via, stored);
        instance.watch((change) => {
          for (const name of change.names) note(via, instance.snapshot().get(name));
        });
      };
      observe("first instance", store);
      const others: FlagStore[] = [];
      const another = async () => {
        if (!replica) return store;
        const instance = await replica();
        open.push(instance);
        others.push(instance);
        observe(`instance ${others.length + 1}`, instance);
        return instance;
      };
      const early = await another();
      if (handEdit) {
        // A person turns semantic-cache on in the backing data and leaves its version alone: the
        // watching instances must give the new definition a version of its own, and every
        // instance opened afterwards (a restart) must agree with them.
        const before = (await store.get("semantic-cache"))!;
        await handEdit("semantic-cache", { ...before.flag, enabled: true });
        await until(() => store.snapshot().get("semantic-cache")?.flag.enabled === true, 5_000);
        await until(() => early.snapshot().get("semantic-cache")?.flag.enabled === true, 5_000);
        expect(store.snapshot().get("semantic-cache")!.version).toBeGreaterThan(before.version);
      }
      const late = await another();
      note("instance opened after the hand edit", late.snapshot().get("semantic-cache"));
      // Writers with If-Match through every instance, each reading its own instance's view.
      const instances = [store, early, late];
      await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const via = instances[i % instances.length]!;
          for (let attempt = 0; attempt < 200; attempt++) {
            const current = (await via.get("semantic-cache"))!;
            try {
              const result = await via.update(
                "semantic-cache",
                (c) => ({ ...c!.flag, rollout_percentage: i * 5 + 1 }),
                { expectedVersion: current.version, actor: `writer-${i}` },
              );
              note(`answer to writer-${i}`, result.stored);
              return;
            } catch (error) {
              if (!(error instanceof FlagVersionConflictError)) throw error;
              await new Promise((r) => setTimeout(r, Math.random() * 5));
            }
          }
          throw new Error(`writer-${i} never got a change through`);
        }),
      );
      const restarted = await another();
      note("instance opened at the end", restarted.snapshot().get("semantic-cache"));
      expect(clashes).toEqual([]);
      // The history: one record per version, consecutive, each one's `after` the definition
      // clients were given at that version.
      const records = (await changes(store, { flag: "semantic-cache" })).reverse();
      const versions = records.map((r) => r.version);
      expect(new Set(versions).size).toBe(versions.length);
      for (let i = 1; i < records.length; i++)
        expect(records[i]!.previousVersion).toBe(records[i - 1]!.version);
      for (const record of records)
        note(`history record v${record.version}`, {
          name: record.flag,
          flag: record.after,
          version: record.version,
        });
      expect(clashes).toEqual([]);
      let newest = 0;
      for (const version of seen.get("semantic-cache")?.keys() ?? []) newest = Math.max(newest, version);
      await until(() => store.snapshot().get("semantic-cache")?.version === newest, 5_000);
      expect(records.at(-1)?.version).toBe(newest);
    });

    test("watch reports a change made through another instance within 1 s", async () => {
      const { store, replica } = await make();
      const other = replica ? await replica() : store;
      if (other !== store) open.push(other);
      const seen: string[] = [];
      store.watch((change) => {
        for (const name of change.names) seen.push(name);
      });
      const current = (await other.get("semantic-cache"))!;
      await other.put("semantic-cache", { ...current.flag, enabled: true }, current.version);
      const ms = await until(() => store.snapshot().get("semantic-cache")?.version === 2, 1_000);
      expect(seen).toContain("semantic-cache");
      expect(store.snapshot().get("semantic-cache")?.flag.enabled).toBe(true);
      expect(ms).toBeLessThan(1_000);
    });
  });
}

/** The freshest view of a flag: a conflict tells us the real version, so wait for the store to catch up. */
async function readFresh(store: FlagStore, name: string): Promise<StoredFlag> {
  const flag = await store.get(name);
  if (!flag) throw new Error(`flag ${name} is gone`);
  return flag;
}
