import { RedisServer } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exampleConfigDir } from "./config-dir.js";
import { ADMIN_TOKEN, bearer } from "./harness.js";
import { type ServerProcess, startProcess } from "./process.js";

/** Poll until `check` resolves true (the test's timeout bounds it); returns how long it took. */
async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const start = performance.now();
  while (!(await check().catch(() => false))) {
    if (performance.now() - start > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - start;
}

const admin = bearer(ADMIN_TOKEN, { "content-type": "application/json" });
const readyState = async (p: ServerProcess) =>
  ((await (await fetch(`${p.url}/ready`)).json()) as { status: string }).status;
const evaluate = async (p: ServerProcess, flag: string, user = "ann") =>
  (await (await fetch(`${p.url}/api/v1/features/${flag}?user=${user}`)).json()) as Record<string, unknown>;

describe("two server processes on one real redis-server", () => {
  let redis: RedisServer;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    redis = await RedisServer.start();
    const dir = exampleConfigDir();
    const args = ["--config-dir", dir, "--port", "0", "--store", redis.url, "--rate-limit", "off"];
    const env = { SWITCHYARD_ADMIN_TOKEN: ADMIN_TOKEN };
    [a, b] = await Promise.all([startProcess(args, env), startProcess(args, env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  test("a change through one is served by the other within 1 s", async () => {
    const created = await fetch(`${a.url}/api/v1/features/shared`, {
      method: "PUT",
      headers: admin,
      body: JSON.stringify({ enabled: true, rollout_percentage: 0, whitelist: ["ann"] }),
    });
    expect(created.status).toBe(201);
    expect(await until(async () => (await evaluate(b, "shared")).enabled === true, 1_000)).toBeLessThan(
      1_000,
    );
    const disabled = await fetch(`${b.url}/api/v1/features/shared/disable`, {
      method: "POST",
      headers: admin,
    });
    expect(disabled.status).toBe(200);
    const ms = await until(async () => (await evaluate(a, "shared")).enabled === false, 1_000);
    expect(ms).toBeLessThan(1_000);
    const history = (await (await fetch(`${a.url}/api/v1/features/shared/history`)).json()) as {
      history: { version: number; actor: string }[];
    };
    expect(history.history.map((r) => [r.version, r.actor])).toEqual([
      [2, "admin"],
      [1, "admin"],
    ]);
  });

  test("200 concurrent writers on one flag through both replicas: no update lost, store and history agree", async () => {
    await fetch(`${a.url}/api/v1/features/contended`, {
      method: "PUT",
      headers: admin,
      body: JSON.stringify({ enabled: true }),
    });
    await until(async () => (await evaluate(b, "contended")).version === 1, 1_000);
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const statuses = await Promise.all(
      users.map(async (user, i) => {
        const res = await fetch(`${(i % 2 ? a : b).url}/api/v1/features/contended/whitelist`, {
          method: "POST",
          headers: admin,
          body: JSON.stringify({ add: [user] }),
        });
        return res.status;
      }),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await until(async () => (await evaluate(a, "contended")).version === 201, 2_000);
    const listed = (await (await fetch(`${b.url}/api/v1/features?tag=`)).json()) as unknown;
    expect(listed).toBeDefined();
    const flags = (await (await fetch(`${a.url}/api/v1/features`)).json()) as {
      flags: { name: string; version: number; whitelist?: string[] }[];
    };
    const contended = flags.flags.find((f) => f.name === "contended")!;
    expect(contended.version).toBe(201);
    expect([...(contended.whitelist ?? [])].sort()).toEqual([...users].sort());
    const history = (
      (await (await fetch(`${b.url}/api/v1/features/contended/history?limit=1000`)).json()) as {
        history: {
          version: number;
          previousVersion: number;
          before: { whitelist?: string[] } | null;
          after: { whitelist?: string[] };
        }[];
      }
    ).history.reverse();
    expect(history.map((r) => r.version)).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    for (let i = 1; i < history.length; i++) expect(history[i]!.before).toEqual(history[i - 1]!.after);
    expect(history.at(-1)!.after.whitelist).toEqual(contended.whitelist);
  });

  test("Redis stopped: evaluation serves the last state, /ready degraded, mutations 503; Redis back: both recover", async () => {
    await fetch(`${a.url}/api/v1/features/outage`, {
      method: "PUT",
      headers: admin,
      body: JSON.stringify({ enabled: true, whitelist: ["ann"], rollout_percentage: 0 }),
    });
    await until(async () => (await evaluate(b, "outage")).enabled === true, 1_000);
    await redis.stop();
    await until(
      async () => (await readyState(a)) === "degraded" && (await readyState(b)) === "degraded",
      10_000,
    );
    for (const p of [a, b]) {
      expect(await evaluate(p, "outage")).toMatchObject({
        enabled: true,
        reason: "TARGETING_MATCH",
        stale: true,
      });
      expect(await evaluate(p, "outage", "bob")).toMatchObject({ enabled: false });
      const change = await fetch(`${p.url}/api/v1/features/outage/disable`, {
        method: "POST",
        headers: admin,
      });
      expect(change.status).toBe(503);
      expect(await change.json()).toMatchObject({ error: { code: "SY7021" } });
      const ready = await fetch(`${p.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: "degraded",
        store: "redis",
        diagnostics: [{ code: "SY7021" }],
      });
    }
    await redis.resume();
    await until(async () => (await readyState(a)) === "ready" && (await readyState(b)) === "ready", 15_000);
    const change = await fetch(`${b.url}/api/v1/features/outage/disable`, { method: "POST", headers: admin });
    expect(change.status).toBe(200);
    await until(async () => (await evaluate(a, "outage")).enabled === false, 1_000);
    expect(await evaluate(a, "outage")).not.toHaveProperty("stale");
  });
});
