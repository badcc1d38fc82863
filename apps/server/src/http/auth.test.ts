import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ADMIN_TOKEN,
  bearer,
  OTHER_ADMIN,
  READ_TOKEN,
  rawRequest,
  type Served,
  serve,
  testTokens,
} from "../../test/harness.js";
import { sameSecret, TokenSet, tokenDigest } from "./auth.js";

describe("bearer tokens over real HTTP", () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve({ rateLimit: false });
  });
  afterAll(() => s.close());

  test("mutations: 401 without a token or with an unknown one, 403 with a read token, 200 with an admin token", async () => {
    const enable = (headers: Record<string, string>) =>
      fetch(`${s.url}/api/v1/features/everyone/enable`, { method: "POST", headers });
    const none = await enable({});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="switchyard"');
    expect((await enable(bearer("not-a-token-at-all-123456"))).status).toBe(401);
    expect((await enable({ authorization: "Basic abc" })).status).toBe(401);
    const reader = await enable(bearer(READ_TOKEN));
    expect(reader.status).toBe(403);
    expect(await reader.json()).toMatchObject({ error: { code: "forbidden", token: "dashboard" } });
    expect((await enable(bearer(ADMIN_TOKEN))).status).toBe(200);
    expect((await enable({ "x-api-key": OTHER_ADMIN })).status).toBe(200);
  });

  test("evaluation needs a read (or admin) token when one is configured; health and the page never do", async () => {
    expect((await fetch(`${s.url}/api/v1/features/everyone`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/v1/features/everyone`, { headers: bearer(READ_TOKEN) })).status).toBe(
      200,
    );
    expect((await fetch(`${s.url}/api/v1/features/everyone`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(
      200,
    );
    for (const path of ["/health", "/ready", "/openapi.json", "/"])
      expect((await fetch(`${s.url}${path}`)).status).toBe(200);
  });

  test("tokens appear in no log line and no error body", async () => {
    await fetch(`${s.url}/api/v1/features/everyone`, { headers: bearer("wrong-token-secret-value-xyz") });
    const reader = await fetch(`${s.url}/api/v1/features/everyone/enable`, {
      method: "POST",
      headers: bearer(READ_TOKEN),
    });
    const text = await reader.text();
    const logs = s.logs.join("\n");
    for (const secret of [ADMIN_TOKEN, READ_TOKEN, OTHER_ADMIN, "wrong-token-secret-value-xyz"]) {
      expect(logs).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
    // The log names who acted, by the token's name.
    expect(s.logs.some((line) => JSON.parse(line).actor === "ops")).toBe(true);
    const line = JSON.parse(s.logs.find((l) => l.includes('"route":"/api/v1/features/:flag"'))!);
    expect(line).toMatchObject({
      service: "switchyard-server",
      method: "GET",
      status: expect.any(Number),
      reqId: expect.any(String),
    });
  });

  test("a request id is taken from X-Request-Id or made, and returned", async () => {
    const given = await fetch(`${s.url}/health`, { headers: { "x-request-id": "abc-123" } });
    expect(given.headers.get("x-request-id")).toBe("abc-123");
    const made = await fetch(`${s.url}/health`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(made.headers.get("x-request-id")).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
  });
});

describe("without tokens", () => {
  test("reads are open; changes are accepted from local callers only (loopback Host, same Origin)", async () => {
    const s = await serve({ tokens: new TokenSet([]), rateLimit: false });
    try {
      expect((await fetch(`${s.url}/api/v1/features/everyone`)).status).toBe(200);
      expect((await fetch(`${s.url}/api/v1/features/everyone/disable`, { method: "POST" })).status).toBe(200);
      const foreign = await fetch(`${s.url}/api/v1/features/everyone/enable`, {
        method: "POST",
        headers: { origin: "http://evil.example" },
      });
      expect(foreign.status).toBe(403);
      const rebound = await rawRequest(s.url, "/api/v1/features/everyone/enable", {
        method: "POST",
        headers: { host: "evil.example" },
      });
      expect(rebound.status).toBe(403);
      const history = (await (await fetch(`${s.url}/api/v1/history`)).json()) as {
        history: { actor: string }[];
      };
      expect(history.history[0]?.actor).toBe("anonymous");
    } finally {
      await s.close();
    }
  });
});

describe("one keep-alive connection, several tokens", () => {
  test("a connection that proved a token is judged afresh for every other token it presents", async () => {
    const s = await serve({ rateLimit: false });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const call = (method: string, path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${s.url}${path}`, { method, headers, agent }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
      });
    try {
      expect(await call("POST", "/api/v1/features/everyone/enable", bearer(ADMIN_TOKEN))).toBe(200);
      expect(await call("POST", "/api/v1/features/everyone/enable", bearer(ADMIN_TOKEN))).toBe(200);
      // Same connection: a wrong token, a longer one, a prefix, the reader's: none rides on the admin's.
      for (const wrong of [`${ADMIN_TOKEN}x`, ADMIN_TOKEN.slice(0, -1), "x", ""]) {
        expect(await call("POST", "/api/v1/features/everyone/enable", bearer(wrong))).toBe(401);
      }
      expect(await call("POST", "/api/v1/features/everyone/enable", {})).toBe(401);
      expect(await call("POST", "/api/v1/features/everyone/enable", bearer(READ_TOKEN))).toBe(403);
      expect(await call("GET", "/api/v1/features/everyone", bearer(READ_TOKEN))).toBe(200);
      expect(await call("POST", "/api/v1/features/everyone/enable", bearer(READ_TOKEN))).toBe(403);
      expect(await call("POST", "/api/v1/features/everyone/disable", { "x-api-key": OTHER_ADMIN })).toBe(200);
      // Every answer came on one socket (the per-connection memory was exercised).
      expect(sockets.size).toBe(1);
      const history = await (await fetch(`${s.url}/api/v1/history`, { headers: bearer(READ_TOKEN) })).json();
      expect((history as { history: { actor: string }[] }).history[0]?.actor).toBe("bot");
    } finally {
      agent.destroy();
      await s.close();
    }
  });

  test("sameSecret compares every character of the known secret", () => {
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abd", "abc")).toBe(false);
    expect(sameSecret("ab", "abc")).toBe(false);
    expect(sameSecret("abcd", "abc")).toBe(false);
    expect(sameSecret("", "abc")).toBe(false);
    expect(sameSecret("\u0000bc", "abc")).toBe(false);
    expect(sameSecret("", "")).toBe(true);
  });
});

describe("TokenSet", () => {
  test("matches by digest against every token; a read token set alone leaves admin routes closed to readers", () => {
    const set = testTokens();
    expect(set.match(ADMIN_TOKEN)?.name).toBe("ops");
    expect(set.match(READ_TOKEN)?.role).toBe("read");
    expect(set.match("x")).toBeUndefined();
    const readOnly = new TokenSet([{ name: "r", role: "read", digest: tokenDigest(READ_TOKEN) }]);
    expect(readOnly.hasAdmin).toBe(false);
    expect(readOnly.hasRead).toBe(true);
  });
});

describe("rate limiting of mutations", () => {
  test("429 with Retry-After once a caller's burst is spent; evaluations are never limited", async () => {
    const s = await serve({ rateLimit: { perSecond: 1, burst: 3 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${s.url}/api/v1/features/everyone/rollout/${10 + i}`, {
          method: "POST",
          headers: bearer(ADMIN_TOKEN),
        });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get("retry-after");
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // Another caller has its own bucket; reads are not limited.
      expect(
        (
          await fetch(`${s.url}/api/v1/features/everyone/disable`, {
            method: "POST",
            headers: bearer(OTHER_ADMIN),
          })
        ).status,
      ).toBe(200);
      for (let i = 0; i < 10; i++) {
        expect(
          (await fetch(`${s.url}/api/v1/features/everyone`, { headers: bearer(READ_TOKEN) })).status,
        ).toBe(200);
      }
    } finally {
      await s.close();
    }
  });
});
