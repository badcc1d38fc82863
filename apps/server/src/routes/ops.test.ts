import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FileFlagStore } from "@switchyard/feature-flags";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exampleConfigDir } from "../../test/config-dir.js";
import { ADMIN_TOKEN, bearer, READ_TOKEN, type Served, serve } from "../../test/harness.js";

/** Wait until `check` holds (polling on the event loop). */
async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Prometheus text → sample lines by metric name with labels. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const at = line.lastIndexOf(" ");
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe("health, readiness and metrics on a file store", () => {
  let s: Served;
  let dir: string;
  beforeAll(async () => {
    dir = exampleConfigDir();
    const store = await FileFlagStore.open(join(dir, "feature-flags.yaml"));
    s = await serve({ store, storeKind: "file", configDir: dir, cwd: dir, rateLimit: false });
  });
  afterAll(() => s.close());

  test("/health is alive; /ready is ready with the store's kind and flag count", async () => {
    expect(await (await fetch(`${s.url}/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${s.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", store: "file", flags: s.store.snapshot().size });
  });

  test("/metrics: requests and latency per route, evaluations per flag and result, the audit score", async () => {
    await fetch(`${s.url}/api/v1/features/semantic-cache?user=ann`, { headers: bearer(READ_TOKEN) });
    await fetch(`${s.url}/api/v1/features/semantic-cache?user=bob`, { headers: bearer(READ_TOKEN) });
    await fetch(`${s.url}/api/v1/features/nope`, { headers: bearer(READ_TOKEN) });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${s.url}/metrics`, { headers: bearer(READ_TOKEN) });
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    const m = samples(text);
    expect(
      m.get('switchyard_http_requests_total{method="GET",route="/api/v1/features/:flag",status="200"}'),
    ).toBe(2);
    expect(
      m.get('switchyard_http_requests_total{method="GET",route="/api/v1/features/:flag",status="404"}'),
    ).toBe(1);
    expect(
      m.get('switchyard_http_request_duration_seconds_count{method="GET",route="/api/v1/features/:flag"}'),
    ).toBe(3);
    // The histogram in Prometheus's form: cumulative buckets ending in +Inf = _count, and a _sum.
    const route = 'method="GET",route="/api/v1/features/:flag"';
    const buckets = [...m].filter(([k]) => k.startsWith("switchyard_http_request_duration_seconds_bucket{"));
    const ours = buckets.filter(([k]) => k.endsWith(`,${route}}`));
    expect(ours.length).toBe(13);
    expect(ours.map(([, v]) => v)).toEqual([...ours.map(([, v]) => v)].sort((a, b) => a - b));
    expect(m.get(`switchyard_http_request_duration_seconds_bucket{le="+Inf",${route}}`)).toBe(3);
    expect(m.get(`switchyard_http_request_duration_seconds_sum{${route}}`)).toBeGreaterThan(0);
    expect(text).toContain("# TYPE switchyard_http_request_duration_seconds histogram");
    const evaluations = [...m].filter(([k]) =>
      k.startsWith('switchyard_flag_evaluations_total{flag="semantic-cache"'),
    );
    expect(evaluations.reduce((sum, [, v]) => sum + v, 0)).toBe(2);
    expect(evaluations.every(([k]) => /reason="(SPLIT|STATIC|DISABLED|TARGETING_MATCH)"/.test(k))).toBe(true);
    const score = m.get("switchyard_config_audit_score");
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(100);
    expect(m.get("switchyard_store_up")).toBe(1);
    expect(m.get("switchyard_flags")).toBe(s.store.snapshot().size);
    expect(text).toContain("# TYPE switchyard_store_errors_total counter");
  });

  test("a file that stops validating: /ready degraded, evaluation serves the last state, mutations 503, store errors counted", async () => {
    const path = join(dir, "feature-flags.yaml");
    await writeFile(path, 'schema_version: "2.0.0"\nflags:\n  semantic-cache:\n    enabled: maybe\n');
    await until(
      async () =>
        ((await (await fetch(`${s.url}/ready`)).json()) as { status: string }).status === "degraded",
      5_000,
    );
    const ready = await fetch(`${s.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "degraded",
      diagnostics: expect.arrayContaining([expect.objectContaining({ code: "SY7020" })]),
    });
    const evaluated = await fetch(`${s.url}/api/v1/features/semantic-cache?user=ann`, {
      headers: bearer(READ_TOKEN),
    });
    expect(evaluated.status).toBe(200);
    expect(await evaluated.json()).toMatchObject({ stale: true, version: 1 });
    const change = await fetch(`${s.url}/api/v1/features/semantic-cache/disable`, {
      method: "POST",
      headers: bearer(ADMIN_TOKEN),
    });
    expect(change.status).toBe(503);
    expect(change.headers.get("retry-after")).toBe("1");
    expect(await change.json()).toMatchObject({ error: { code: "SY7021" } });
    const m = samples(await (await fetch(`${s.url}/metrics`, { headers: bearer(READ_TOKEN) })).text());
    expect(m.get('switchyard_store_errors_total{operation="POST /api/v1/features/:flag/disable"}')).toBe(1);
    expect(m.get("switchyard_store_up")).toBe(0);
  });
});
