import { rm } from "node:fs/promises";
import { join } from "node:path";
import { auditConfigDir } from "@switchyard/audit";
import { validateConfigDir } from "@switchyard/consistency";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exampleConfigDir } from "../../test/config-dir.js";
import { bearer, READ_TOKEN, type Served, serve } from "../../test/harness.js";
import { SERVER_VERSION } from "../version.js";

describe("read-only config reports: the CLI's JSON, from the same library functions", () => {
  let s: Served;
  let dir: string;
  beforeAll(async () => {
    dir = exampleConfigDir();
    s = await serve({ configDir: dir, cwd: dir });
  });
  afterAll(() => s.close());
  const get = (path: string) => fetch(`${s.url}${path}`, { headers: bearer(READ_TOKEN) });

  test("GET /api/v1/config/validate is validateConfigDir's report (what `validate --json` prints)", async () => {
    const res = await get("/api/v1/config/validate");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-switchyard-status")).toBe("ok");
    const expected = await validateConfigDir(dir, { cwd: dir, toolVersion: SERVER_VERSION });
    expect(await res.json()).toEqual(expected.report);
    // A broken directory is still a 200 answer: the report says what is wrong.
    await rm(join(dir, "providers.yaml"));
    const broken = await get("/api/v1/config/validate");
    expect(broken.headers.get("x-switchyard-status")).toBe("invalid");
    const body = (await broken.json()) as { summary: { error: number }; diagnostics: { code: string }[] };
    expect(body.summary.error).toBeGreaterThan(0);
    expect(body).toEqual((await validateConfigDir(dir, { cwd: dir, toolVersion: SERVER_VERSION })).report);
  });

  test("GET /api/v1/audit is auditConfigDir's result (what `audit --json` prints); ?quick and ?focus as the flags", async () => {
    const full = (await (await get("/api/v1/audit")).json()) as Record<string, unknown>;
    const expected = JSON.parse(
      JSON.stringify(await auditConfigDir(dir, { cwd: dir, quick: false })),
    ) as Record<string, unknown>;
    for (const key of [
      "format",
      "status",
      "mode",
      "configDir",
      "overall",
      "capped",
      "findings",
      "counts",
      "categories",
    ]) {
      expect([key, full[key]]).toEqual([key, expected[key]]);
    }
    const quick = (await (await get("/api/v1/audit?quick=true")).json()) as { mode: string };
    expect(quick.mode).toBe("quick");
    const focused = (await (await get("/api/v1/audit?focus=security")).json()) as { focus: string };
    expect(focused.focus).toBe("security");
    const bad = await get("/api/v1/audit?focus=nonsense");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid-parameter", message: /focus/ } });
    expect((await get("/api/v1/audit?quick=true&focus=security")).status).toBe(400);
  });

  test("without a config directory the reports are 404", async () => {
    const bare = await serve({});
    try {
      const res = await fetch(`${bare.url}/api/v1/config/validate`, { headers: bearer(READ_TOKEN) });
      expect(res.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
