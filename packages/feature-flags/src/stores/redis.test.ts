import { randomUUID } from "node:crypto";
import { RedisServer } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { describeStoreContract, until } from "../../test/store-suite.js";
import { RedisFlagStore } from "./redis.js";
import { FlagStoreUnavailableError } from "./types.js";

let server: RedisServer;
beforeAll(async () => {
  server = await RedisServer.start();
});
afterAll(async () => {
  await server?.stop();
});

async function seeded(
  initial: Record<string, import("@switchyard/config-schema/schemas").Flag>,
  namespace: string,
) {
  const store = await RedisFlagStore.connect({ url: server.url, namespace });
  for (const [name, flag] of Object.entries(initial)) await store.put(name, flag, 0);
  return store;
}

describeStoreContract("redis", async (initial) => {
  const namespace = `test-${randomUUID()}`;
  const store = await seeded(initial, namespace);
  return { store, replica: () => RedisFlagStore.connect({ url: server.url, namespace }) };
});

describe("redis store: the server goes away and comes back", () => {
  test("reads serve the last state (degraded), writes fail clearly, recovery is automatic", async () => {
    const namespace = `restart-${randomUUID()}`;
    const store = await seeded({ f: { enabled: true, rollout_percentage: 20 } }, namespace);
    const replica = await RedisFlagStore.connect({ url: server.url, namespace });
    try {
      expect(store.health().state).toBe("ok");
      await server.stop();
      await until(() => store.health().state === "degraded", 5_000);
      const health = store.health();
      expect(health.state === "degraded" && health.diagnostics[0]?.code).toBe("SY7021");
      expect((await store.get("f"))?.flag.rollout_percentage).toBe(20);
      expect(store.snapshot().get("f")?.version).toBe(1);
      const write = store.put("f", { enabled: false }, 1);
      await expect(write).rejects.toBeInstanceOf(FlagStoreUnavailableError);
      await expect(write).rejects.toMatchObject({ code: "SY7021" });

      await server.resume();
      await until(() => store.health().state === "ok" && replica.health().state === "ok", 10_000);
      const saved = await store.put("f", { enabled: true, rollout_percentage: 60 }, 1);
      expect(saved.version).toBe(2);
      await until(() => replica.snapshot().get("f")?.version === 2, 1_000);
      expect(replica.snapshot().get("f")?.flag.rollout_percentage).toBe(60);
    } finally {
      await Promise.all([store.close(), replica.close()]);
    }
  });

  test("keys live under the namespace", async () => {
    const namespace = `ns-${randomUUID()}`;
    const store = await seeded({ g: { enabled: true } }, namespace);
    const other = await RedisFlagStore.connect({ url: server.url, namespace: `${namespace}-other` });
    try {
      expect(await other.list()).toEqual([]);
      expect((await store.list()).map((f) => f.name)).toEqual(["g"]);
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  });
});
