import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PortsFile, ProvidersFile } from "@switchyard/config-schema/schemas";
import { afterEach, beforeEach, expect, test } from "vitest";
import { checkMonitoring, writeMonitoring } from "./index.js";

const ports: PortsFile = {
  schema_version: "2.0.0",
  services: { litellm: { port: 4000, expected_processes: ["litellm"] }, switchyard: { port: 4100 } },
};
const providers: ProvidersFile = {
  schema_version: "2.0.0",
  providers: {
    ollama: { type: "ollama", base_url: "http://127.0.0.1:11434", models: [{ name: "llama3.1:8b" }] },
  },
};
const input = { ports, providers };
const OVERVIEW = "grafana/dashboards/switchyard-overview.json";
const RULES = "prometheus/switchyard-alerts.rules.yml";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sy-monitoring-write-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const statuses = async (i = input, options = {}) =>
  Object.fromEntries((await checkMonitoring(i, dir, options)).files.map((f) => [f.path, f.status]));

test("written files are current; writing again changes nothing; the dashboards stay valid JSON", async () => {
  expect(Object.values(await statuses())).toEqual(Array(8).fill("missing"));
  const first = await writeMonitoring(input, dir);
  expect(first.ok && first.files.every((f) => f.changed && f.previous === "missing")).toBe(true);
  expect((await checkMonitoring(input, dir)).current).toBe(true);
  const again = await writeMonitoring(input, dir);
  expect(again.ok && again.files.every((f) => !f.changed)).toBe(true);
  const overview = JSON.parse(await readFile(join(dir, OVERVIEW), "utf8"));
  expect(overview.uid).toBe("switchyard-overview");
  expect(overview.__switchyard.sources).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(await readFile(join(dir, RULES), "utf8")).toMatch(
    /^# AUTO-GENERATED[\s\S]*# body: sha256:[0-9a-f]{64}\n/,
  );
});

test("a changed provider makes every file stale; regenerating brings them current, backing up the old ones", async () => {
  await writeMonitoring(input, dir);
  const more: ProvidersFile = {
    ...providers,
    providers: {
      ...providers.providers,
      vllm: { type: "vllm", base_url: "http://127.0.0.1:8001/v1", models: [] },
    },
  };
  const report = await checkMonitoring({ ports, providers: more }, dir);
  expect(report.current).toBe(false);
  expect(report.files.find((f) => f.path === "grafana/dashboards/switchyard-providers.json")).toMatchObject({
    status: "sources-changed",
  });
  expect(report.files.find((f) => f.path === "prometheus/prometheus.yml")?.diff).toContain(
    "+  - job_name: vllm",
  );
  const written = await writeMonitoring({ ports, providers: more }, dir);
  expect(written.ok && written.files.find((f) => f.path === "prometheus/prometheus.yml")?.backupPath).toMatch(
    /prometheus\.yml\.backup-\d{8}_\d{6}/,
  );
  expect((await checkMonitoring({ ports, providers: more }, dir)).current).toBe(true);
});

test("a hand edit is detected (YAML and JSON), refused by a plain write, and overwritten with force keeping a backup", async () => {
  await writeMonitoring(input, dir);
  const overviewPath = join(dir, OVERVIEW);
  const text = await readFile(overviewPath, "utf8");
  await writeFile(overviewPath, text.replace('"title": "Success rate"', '"title": "Success"'));
  const rules = join(dir, RULES);
  await writeFile(rules, (await readFile(rules, "utf8")).replace("for: 1m", "for: 5m"));
  expect(await statuses()).toMatchObject({ [OVERVIEW]: "hand-edited", [RULES]: "hand-edited" });
  const refused = await writeMonitoring(input, dir);
  expect(refused.ok).toBe(false);
  expect(!refused.ok && refused.refused.map((f) => f.path)).toEqual([RULES, OVERVIEW]);
  expect(await readFile(overviewPath, "utf8")).toContain('"title": "Success"'); // untouched
  const forced = await writeMonitoring(input, dir, { force: true });
  expect(forced.ok).toBe(true);
  expect(await readFile(overviewPath, "utf8")).toBe(text);
  const backups = (await readdir(join(dir, "grafana/dashboards"))).filter((n) => n.includes(".backup-"));
  expect(backups).toHaveLength(1);
});

test("a file without its header is header-missing; other options with the same sources are generator-changed", async () => {
  await writeMonitoring(input, dir);
  const rules = join(dir, RULES);
  const text = await readFile(rules, "utf8");
  await writeFile(rules, text.replace(/^(#.*\n)+/, ""));
  expect((await statuses())[RULES]).toBe("header-missing");
  await writeFile(rules, text);
  expect((await statuses(input, { thresholds: { errorRate: 0.3 } }))[RULES]).toBe("generator-changed");
});
