import { rm } from "node:fs/promises";
import { join } from "node:path";
import { auditConfigDir } from "@switchyard/audit";
import { validateConfigDir } from "@switchyard/consistency";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exampleConfigDir } from "../../test/config-dir.js";
import { ADMIN_TOKEN, bearer, READ_TOKEN, type Served, serve } from "../../test/harness.js";
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

  test("ports and doctor answers pass the secret redaction even when a report holds one", async () => {
    // Reports that (wrongly) carry secrets: the route's guard must catch each by its shape.
    const leaky = {
      ok: false,
      note: "probe sent Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlMTIz",
      nested: [{ url: "https://admin:S3cr3tPassw0rd!@redis.internal:6379/0" }],
      key: "sk-proj-Zq8rT1vW3xY5aB7cD9eF2gH4jK6mN8pQ0sU2wY4zA6",
    };
    const fake = await serve({
      reports: {
        validate: () => Promise.reject(new Error("unused")),
        audit: () => Promise.reject(new Error("unused")),
        ports: async () => ({ status: "invalid", report: leaky as never }),
        doctor: async () => leaky as never,
      },
    });
    try {
      for (const path of ["/api/v1/ports", "/api/v1/doctor"]) {
        const res = await fetch(`${fake.url}${path}`, { headers: bearer(ADMIN_TOKEN) });
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text).not.toContain("eyJzdWIiOiJ4In0");
        expect(text).not.toContain("S3cr3tPassw0rd");
        expect(text).not.toContain("sk-proj-Zq8rT1vW3xY5aB7cD9eF2gH4jK6mN8pQ0sU2wY4zA6");
        expect(JSON.parse(text)).toMatchObject({
          ok: false,
          nested: [{ url: expect.stringContaining("redis.internal") }],
        });
      }
    } finally {
      await fake.close();
    }
  });
});
