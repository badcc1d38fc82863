/**
 * The legacy flag REST API, as issue #15 describes it, driven route by route against a
 * switchyard-server process the way its existing callers use it: the paths exactly as listed
 * (`/api/v1/features/` with its trailing slash), `?tag=` and `?user=`, the `enabled` field the
 * legacy frontend reads, full definitions on PUT, the enable/disable/rollout actions and the
 * history. (The legacy module's code is not available here, so its exact answers cannot be
 * compared; what the issue states about them is what this test holds.)
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exampleConfigDir } from "./config-dir.js";
import { ADMIN_TOKEN, bearer, READ_TOKEN } from "./harness.js";
import { type ServerProcess, startProcess } from "./process.js";

let server: ServerProcess;
beforeAll(async () => {
  server = await startProcess(["--config-dir", exampleConfigDir(), "--port", "0"], {
    SWITCHYARD_ADMIN_TOKEN: ADMIN_TOKEN,
    SWITCHYARD_READ_TOKEN: READ_TOKEN,
    SWITCHYARD_TOKENS_FILE: "",
  });
});
afterAll(() => server?.stop());

type Json = Record<string, unknown>;
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const token = method === "GET" ? READ_TOKEN : ADMIN_TOKEN;
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: bearer(token, body === undefined ? {} : { "content-type": "application/json" }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const enabledFor = async (flag: string, user: string) =>
  (await call("GET", `/api/v1/features/${flag}?user=${encodeURIComponent(user)}`)).body.enabled;

describe("the legacy /api/v1/features API, route by route (issue #15)", () => {
  test("GET /api/v1/features/ lists every flag; ?tag= keeps those with the tag", async () => {
    const all = await call("GET", "/api/v1/features/");
    expect(all.status).toBe(200);
    const flags = all.body.flags as Json[];
    expect(flags.map((f) => f.name)).toEqual(["semantic-cache", "cloud-fallback"]);
    for (const flag of flags) expect(typeof flag.enabled).toBe("boolean");
    const routing = await call("GET", "/api/v1/features/?tag=routing");
    expect((routing.body.flags as Json[]).map((f) => f.name)).toEqual(["cloud-fallback"]);
  });

  test("GET /api/v1/features/{flag}?user= answers {enabled, reason, …}; a globally disabled flag is off even for its whitelist", async () => {
    const answer = await call("GET", "/api/v1/features/cloud-fallback?user=ops-oncall");
    expect(answer.status).toBe(200);
    // cloud-fallback is globally off: off for everyone, its whitelist included (the legacy order).
    expect(answer.body).toMatchObject({ flag: "cloud-fallback", enabled: false, reason: "DISABLED" });
    expect(typeof (await call("GET", "/api/v1/features/semantic-cache?user=alice")).body.enabled).toBe(
      "boolean",
    );
  });

  test("GET /api/v1/features/user/{userId}/enabled agrees with each flag's own evaluation", async () => {
    for (const user of ["alice", "bob", "ops-oncall", "user-42"]) {
      const listed = await call("GET", `/api/v1/features/user/${user}/enabled`);
      expect(listed.status).toBe(200);
      const on: string[] = [];
      for (const flag of ["semantic-cache", "cloud-fallback"])
        if (await enabledFor(flag, user)) on.push(flag);
      expect(listed.body).toEqual({ user, flags: on });
    }
  });

  test("PUT a full definition, then enable, disable, rollout/{percent}; each shows in the reads and in /history", async () => {
    const created = await call("PUT", "/api/v1/features/legacy-banner", {
      enabled: true,
      rollout_percentage: 0,
      whitelist: ["qa-bot"],
      description: "Created through the legacy API",
      tags: ["ui"],
    });
    expect(created.status).toBe(201);
    expect(await enabledFor("legacy-banner", "qa-bot")).toBe(true);
    expect(await enabledFor("legacy-banner", "alice")).toBe(false);

    expect((await call("POST", "/api/v1/features/legacy-banner/disable")).status).toBe(200);
    expect(await enabledFor("legacy-banner", "qa-bot")).toBe(false);
    expect((await call("POST", "/api/v1/features/legacy-banner/enable")).status).toBe(200);
    expect((await call("POST", "/api/v1/features/legacy-banner/rollout/100")).status).toBe(200);
    expect(await enabledFor("legacy-banner", "alice")).toBe(true);
    const listed = (await call("GET", "/api/v1/features/?tag=ui")).body.flags as Json[];
    expect(listed).toEqual([expect.objectContaining({ name: "legacy-banner", rollout_percentage: 100 })]);

    const history = await call("GET", "/api/v1/features/legacy-banner/history");
    expect(history.status).toBe(200);
    const records = history.body.history as { actor: string; before: Json | null; after: Json }[];
    // Newest first: rollout, enable, disable, create.
    expect(
      records.map((r) => [r.before?.enabled ?? null, r.after.enabled, r.after.rollout_percentage]),
    ).toEqual([
      [true, true, 100],
      [false, true, 0],
      [true, false, 0],
      [null, true, 0],
    ]);
    expect(records.every((r) => r.actor === "admin")).toBe(true);
  });

  test("bad input answers as the issue lists: unknown flag 404, traversal-like name 400, bad percentage 400", async () => {
    expect((await call("GET", "/api/v1/features/no-such-flag?user=alice")).status).toBe(404);
    expect((await call("POST", "/api/v1/features/no-such-flag/enable")).status).toBe(404);
    expect((await call("GET", "/api/v1/features/..%2Fetc?user=alice")).status).toBe(400);
    expect((await call("POST", "/api/v1/features/semantic-cache/rollout/250")).status).toBe(400);
  });
});
