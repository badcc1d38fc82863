import { MemoryFlagStore } from "@switchyard/feature-flags";
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

  test("FEATURE_* variables the evaluation ignores are logged as warnings (SY7010, SY7011), at start and when they change", async () => {
    const store = new MemoryFlagStore({ everyone: { enabled: true } });
    const s = await serve({
      store,
      env: { FEATURE_EVERYONE_ROLLOUT: "150", FEATURE_LATER: "true", FEATURE_EVERYONE: "false" },
    });
    const warnings = () =>
      s.logs
        .map((l) => JSON.parse(l) as Line & { code?: string })
        .filter((l) => l.level === 40)
        .map((l) => [l.code, l.msg]);
    try {
      // The valid override applies; the two others are said, once.
      const evaluated = await fetch(`${s.url}/api/v1/features/everyone?user=ann`, {
        headers: bearer(READ_TOKEN),
      });
      expect(await evaluated.json()).toMatchObject({ enabled: false, reason: "OVERRIDE" });
      const rollout = [
        "SY7010",
        'Environment variable FEATURE_EVERYONE_ROLLOUT must be a percentage from 0 to 100, got "150"',
      ];
      expect(warnings()).toEqual([
        rollout,
        ["SY7011", "Environment variable FEATURE_LATER names no flag, so it is ignored"],
      ]);
      // A flag the variable names appears: FEATURE_LATER applies now; what is still ignored is said again.
      await store.put("later", { enabled: false }, 0);
      expect(warnings()).toEqual([
        rollout,
        ["SY7011", "Environment variable FEATURE_LATER names no flag, so it is ignored"],
        rollout,
      ]);
      const later = await fetch(`${s.url}/api/v1/features/later`, { headers: bearer(READ_TOKEN) });
      expect(await later.json()).toMatchObject({ enabled: true, reason: "OVERRIDE" });
    } finally {
      await s.close();
    }
  });
});
