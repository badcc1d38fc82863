import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ADMIN_TOKEN,
  adminJson,
  bearer,
  READ_TOKEN,
  rawRequest,
  type Served,
  serve,
} from "../../test/harness.js";
import { EvaluationSchema } from "./schemas.js";

let s: Served;
beforeAll(async () => {
  s = await serve({ rateLimit: false });
});
afterAll(() => s.close());

const get = (path: string, token = READ_TOKEN, headers: Record<string, string> = {}) =>
  fetch(`${s.url}${path}`, { headers: bearer(token, headers) });
const post = (path: string, init: RequestInit = {}) =>
  fetch(`${s.url}${path}`, { method: "POST", headers: bearer(ADMIN_TOKEN), ...init });

const raw = (path: string) => rawRequest(s.url, path, { headers: bearer(READ_TOKEN) });

describe("the legacy flag API, over real HTTP", () => {
  test("GET /api/v1/features/ lists flags with versions; ?tag= filters", async () => {
    const all = await get("/api/v1/features/");
    expect(all.status).toBe(200);
    const body = (await all.json()) as { flags: { name: string; version: number }[] };
    expect(body.flags.map((f) => [f.name, f.version])).toEqual([
      ["new-router", 1],
      ["semantic-cache", 1],
      ["everyone", 1],
    ]);
    const tagged = (await (await get("/api/v1/features?tag=cache")).json()) as { flags: { name: string }[] };
    expect(tagged.flags.map((f) => f.name)).toEqual(["semantic-cache"]);
  });

  test("GET /api/v1/features/{flag}?user= answers {enabled, reason, …} with the version as ETag", async () => {
    const res = await get("/api/v1/features/new-router?user=ann");
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(await res.json()).toEqual({
      flag: "new-router",
      enabled: true,
      reason: "TARGETING_MATCH",
      version: 1,
      user: "ann",
    });
    const split = (await (await get("/api/v1/features/new-router?user=zed-42")).json()) as Record<
      string,
      unknown
    >;
    expect(split).toMatchObject({ reason: "SPLIT", bucket: expect.any(Number) });
    expect(split.enabled).toBe((split.bucket as number) <= 50);
    const off = await (await get("/api/v1/features/semantic-cache?user=ann")).json();
    expect(off).toMatchObject({ enabled: false, reason: "DISABLED" });
    const notModified = await get("/api/v1/features/everyone", READ_TOKEN, { "if-none-match": '"1"' });
    expect(notModified.status).toBe(304);
  });

  test("the evaluation's hand-written JSON: any user id round-trips, the shape is EvaluationSchema's, each header once", async () => {
    for (const user of ['a"b\\c', "é 😀 </script>", "tab\there", "\u2028x", "__proto__"]) {
      const res = await get(`/api/v1/features/new-router?user=${encodeURIComponent(user)}&plan=pro`);
      expect(res.status).toBe(200);
      const body = EvaluationSchema.strict().parse(await res.json());
      expect(body.user).toBe(user);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-request-id")).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
      expect(res.headers.get("etag")).toBe('"1"');
    }
    // No user: no `user` member (a rollout without an id is off, DEFAULT).
    expect(await (await get("/api/v1/features/new-router")).json()).toEqual({
      flag: "new-router",
      enabled: false,
      reason: "DEFAULT",
      version: 1,
    });
    // A given request id is echoed; input the fast check refuses still gets the schema's answer.
    const echoed = await get("/api/v1/features/new-router?user=ann", READ_TOKEN, { "x-request-id": "req-1" });
    expect(echoed.headers.get("x-request-id")).toBe("req-1");
    const blank = await get("/api/v1/features/new-router?user=%20%20");
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ error: { code: "invalid-parameter" } });
    const twice = await get("/api/v1/features/new-router?user=a&user=b");
    expect(twice.status).toBe(400);
  });

  test("GET /api/v1/features/user/{userId}/enabled lists the user's flags", async () => {
    const res = await get("/api/v1/features/user/ann/enabled");
    expect(await res.json()).toEqual({ user: "ann", flags: ["new-router", "everyone"] });
  });

  test("unknown flags are 404; bad and traversal-like names are 400; unknown routes 404, wrong methods 405", async () => {
    const missing = await get("/api/v1/features/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "SY7001", flag: "nope" } });
    for (const path of [
      "/api/v1/features/..",
      "/api/v1/features/..%2F..%2Fetc%2Fpasswd",
      "/api/v1/features/%2e%2e",
      "/api/v1/features/a%20b",
      "/api/v1/features/.hidden",
      `/api/v1/features/${"x".repeat(200)}`,
    ]) {
      const res = await raw(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: "invalid-parameter" } });
    }
    expect((await raw("/api/v1/features/../../etc/passwd")).status).toBe(404);
    expect((await get("/api/v1/nothing")).status).toBe(404);
    const wrong = await fetch(`${s.url}/api/v1/features/everyone/enable`, { headers: bearer(ADMIN_TOKEN) });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
  });

  test("enable, disable and rollout change the flag, bump the version and answer the new ETag", async () => {
    const enabled = await post("/api/v1/features/semantic-cache/enable");
    expect(enabled.status).toBe(200);
    expect(enabled.headers.get("etag")).toBe('"2"');
    expect(await enabled.json()).toMatchObject({
      flag: "semantic-cache",
      changed: true,
      version: 2,
      previousVersion: 1,
      definition: { enabled: true },
    });
    const again = (await (await post("/api/v1/features/semantic-cache/enable")).json()) as Record<
      string,
      unknown
    >;
    expect(again).toMatchObject({ changed: false, version: 2 });
    const rolled = await post("/api/v1/features/semantic-cache/rollout/12.5");
    expect(await rolled.json()).toMatchObject({ version: 3, definition: { rollout_percentage: 12.5 } });
    expect((await post("/api/v1/features/semantic-cache/disable")).status).toBe(200);
    const evaluated = await (await get("/api/v1/features/semantic-cache?user=ann")).json();
    expect(evaluated).toMatchObject({ enabled: false, reason: "DISABLED", version: 4 });
    for (const bad of ["101", "-1", "abc", "1e2"]) {
      const res = await post(`/api/v1/features/semantic-cache/rollout/${bad}`);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    expect((await post("/api/v1/features/nope/enable")).status).toBe(404);
  });

  test("PUT replaces or creates a definition; schema violations are 422 with the field path", async () => {
    const created = await fetch(`${s.url}/api/v1/features/brand-new`, {
      method: "PUT",
      ...adminJson({ enabled: true, rollout_percentage: 10, tags: ["x"] }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      version: 1,
      definition: { enabled: true, rollout_percentage: 10 },
    });
    const invalid = await fetch(`${s.url}/api/v1/features/brand-new`, {
      method: "PUT",
      ...adminJson({ enabled: true, rollout_percentage: 250 }),
    });
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("invalid-body");
    expect(body.error.issues[0]?.path).toBe("body.rollout_percentage");
    const unknownKey = await fetch(`${s.url}/api/v1/features/brand-new`, {
      method: "PUT",
      ...adminJson({ enabled: true, colour: "red" }),
    });
    expect(unknownKey.status).toBe(422);
    const malformed = await fetch(`${s.url}/api/v1/features/brand-new`, {
      method: "PUT",
      headers: bearer(ADMIN_TOKEN, { "content-type": "application/json" }),
      body: '{"enabled": tru',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { code: "malformed-json", message: /not valid JSON/ },
    });
    const huge = await fetch(`${s.url}/api/v1/features/brand-new`, {
      method: "PUT",
      ...adminJson({ enabled: true, description: "x".repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    const text = await fetch(`${s.url}/api/v1/features/brand-new`, {
      method: "PUT",
      headers: bearer(ADMIN_TOKEN, { "content-type": "text/plain" }),
      body: "enabled",
    });
    expect(text.status).toBe(415);
    const createOnly = await fetch(`${s.url}/api/v1/features/brand-new`, {
      method: "PUT",
      ...adminJson({ enabled: false }, { "if-none-match": "*" }),
    });
    expect(createOnly.status).toBe(412);
  });

  test("If-Match: the change applies on top of that version only; a stale one is 412", async () => {
    const current = await get("/api/v1/features/everyone");
    const etag = current.headers.get("etag")!;
    const ok = await post("/api/v1/features/everyone/rollout/30", {
      headers: bearer(ADMIN_TOKEN, { "if-match": etag }),
    });
    expect(ok.status).toBe(200);
    const stale = await post("/api/v1/features/everyone/rollout/40", {
      headers: bearer(ADMIN_TOKEN, { "if-match": etag }),
    });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({
      error: { code: "SY7003", expectedVersion: 1, actualVersion: 2 },
    });
    const put = await fetch(`${s.url}/api/v1/features/everyone`, {
      method: "PUT",
      ...adminJson({ enabled: true, version: 1 }),
    });
    expect(put.status).toBe(412);
    expect((await (await get("/api/v1/features/everyone")).json()) as object).toMatchObject({ version: 2 });
  });

  test("whitelist and blacklist edits; history lists every change with the token's name", async () => {
    const added = await post("/api/v1/features/new-router/whitelist", adminJson({ add: ["bob", "cat"] }));
    expect(await added.json()).toMatchObject({ definition: { whitelist: ["ann", "bob", "cat"] } });
    const removed = await post("/api/v1/features/new-router/whitelist", adminJson({ remove: ["ann"] }));
    expect(await removed.json()).toMatchObject({ definition: { whitelist: ["bob", "cat"] } });
    const blocked = await post("/api/v1/features/new-router/blacklist", adminJson({ add: ["eve"] }));
    expect(await blocked.json()).toMatchObject({ definition: { blacklist: ["eve"] } });
    expect((await post("/api/v1/features/new-router/whitelist", adminJson({}))).status).toBe(422);
    expect((await post("/api/v1/features/new-router/whitelist", adminJson({ add: ["a\nb"] }))).status).toBe(
      422,
    );
    const history = (await (await get("/api/v1/features/new-router/history")).json()) as {
      history: {
        version: number;
        actor: string;
        before: { whitelist?: string[] };
        after: { whitelist?: string[] };
      }[];
    };
    expect(history.history.map((r) => r.version)).toEqual([4, 3, 2]);
    expect(history.history.every((r) => r.actor === "ops")).toBe(true);
    expect(history.history[2]).toMatchObject({
      before: { whitelist: ["ann"] },
      after: { whitelist: ["ann", "bob", "cat"] },
    });
    const all = (await (await get("/api/v1/history?limit=2")).json()) as { history: unknown[] };
    expect(all.history).toHaveLength(2);
    expect((await get("/api/v1/features/nope/history")).status).toBe(404);
  });
});
