import { describe, expect, test } from "vitest";
import { ADMIN_TOKEN, bearer, READ_TOKEN, serve } from "../../test/harness.js";

type Line = { level: number; msg: string; route?: string; status?: number; actor?: string; reqId?: string };
const requests = (logs: readonly string[]): Line[] =>
  logs.map((l) => JSON.parse(l) as Line).filter((l) => l.msg === "request");

describe("the access log", () => {
  test("at info: every change and every refused or failed request, no line per successful read", async () => {
    const s = await serve({ rateLimit: false });
    try {
      for (let i = 0; i < 5; i++) {
        expect(
          (await fetch(`${s.url}/api/v1/features/everyone?user=u${i}`, { headers: bearer(READ_TOKEN) }))
            .status,
        ).toBe(200);
      }
      expect((await fetch(`${s.url}/api/v1/features/everyone`)).status).toBe(401);
      expect((await fetch(`${s.url}/api/v1/features/nope`, { headers: bearer(READ_TOKEN) })).status).toBe(
        404,
      );
      const change = await fetch(`${s.url}/api/v1/features/everyone/disable`, {
        method: "POST",
        headers: bearer(ADMIN_TOKEN, { "x-request-id": "change-1" }),
      });
      expect(change.status).toBe(200);
      const lines = requests(s.logs);
      expect(lines.map((l) => [l.route, l.status])).toEqual([
        ["/api/v1/features/:flag", 401],
        ["/api/v1/features/:flag", 404],
        ["/api/v1/features/:flag/disable", 200],
      ]);
      expect(lines.every((l) => l.level === 30)).toBe(true);
      expect(lines[2]).toMatchObject({ actor: "ops", reqId: "change-1" });
    } finally {
      await s.close();
    }
  });

  test("at debug: a line for every request, successful reads included", async () => {
    const s = await serve({ rateLimit: false, logLevel: "debug" });
    try {
      await fetch(`${s.url}/api/v1/features/everyone?user=ann`, { headers: bearer(READ_TOKEN) });
      await fetch(`${s.url}/api/v1/features/everyone/disable`, {
        method: "POST",
        headers: bearer(ADMIN_TOKEN),
      });
      const lines = requests(s.logs);
      expect(lines.map((l) => [l.level, l.route, l.status, l.actor])).toEqual([
        [20, "/api/v1/features/:flag", 200, "dashboard"],
        [30, "/api/v1/features/:flag/disable", 200, "ops"],
      ]);
    } finally {
      await s.close();
    }
  });
});
