/**
 * Every PromQL query of every generated dashboard parses: each becomes a recording rule and
 * `promtool check rules` (Prometheus's own parser) checks them. The integration test evaluates them
 * against a running Prometheus; this one names the query that fails to parse.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { afterAll, beforeAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { dashboardQueries, type GrafanaDashboard, generateMonitoring } from "../src/index.js";
import { promtool } from "./promtool.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sy-monitoring-dashboards-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function queriesOfExample(): Promise<{ panel: string; expr: string }[]> {
  const set = await loadConfigSet(new URL("../../../examples/config", import.meta.url).pathname);
  return generateMonitoring({ ports: set.files.ports?.value, providers: set.files.providers?.value })
    .filter((f) => f.path.endsWith(".json"))
    .flatMap((f) => dashboardQueries(JSON.parse(f.content) as GrafanaDashboard));
}

test("promtool parses every query of every dashboard generated from the example config set", async () => {
  const queries = await queriesOfExample();
  expect(queries.length).toBeGreaterThan(40);
  const rules = queries.map((q, i) => ({ record: `switchyard:dashboard_query_${i}`, expr: q.expr }));
  await writeFile(
    join(dir, "queries.yml"),
    stringify({ groups: [{ name: "queries", rules }] }, { lineWidth: 0 }),
  );
  const result = await promtool(["check", "rules", "queries.yml"], dir);
  expect(result.output).toContain(`SUCCESS: ${queries.length} rules found`);
  expect(result.code).toBe(0);
});

test("the parse check can fail: a broken query is refused", async () => {
  const rules = [
    { record: "switchyard:broken", expr: "sum(rate(litellm_proxy_total_requests_metric_total[5m])" },
  ];
  await writeFile(join(dir, "broken.yml"), stringify({ groups: [{ name: "q", rules }] }));
  const result = await promtool(["check", "rules", "broken.yml"], dir);
  expect(result.code).not.toBe(0);
});
