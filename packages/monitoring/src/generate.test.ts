import { type PortsFile, PortsFileSchema } from "@switchyard/config-schema/schemas";
import { builtExports } from "@switchyard/test-utils";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { generateMonitoring } from "./index.js";

const ports: PortsFile = {
  schema_version: "2.0.0",
  services: { litellm: { port: 4000, expected_processes: ["litellm"] }, switchyard: { port: 4100 } },
  monitoring: {
    thresholds: { error_rate: 0.2, audit_min_score: 70 },
    dashboards: ["overview", "server"],
    prometheus_url: "http://127.0.0.1:9999",
    scrape_interval: "30s",
  },
};

function rule(files: { path: string; content: string }[], alert: string): string | undefined {
  const rules = parse(files.find((f) => f.path.endsWith(".rules.yml"))!.content).groups[0].rules;
  return rules.find((r: { alert: string }) => r.alert === alert)?.expr;
}

test("ports.yaml's monitoring section chooses thresholds, dashboards, Prometheus and interval: a bare generate reproduces them", () => {
  const files = generateMonitoring({ ports });
  expect(rule(files, "GatewayErrorRateHigh")).toMatch(/ > 0\.2$/);
  expect(rule(files, "ConfigAuditScoreLow")).toMatch(/ < 70$/);
  expect(rule(files, "GatewayLatencyP95High")).toMatch(/ > 10$/); // unset: the default
  expect(files.filter((f) => f.path.endsWith(".json")).map((f) => f.path)).toEqual([
    "grafana/dashboards/switchyard-overview.json",
    "grafana/dashboards/switchyard-server.json",
  ]);
  expect(files.at(-1)?.content).toContain("url: http://127.0.0.1:9999");
  expect(files[0]?.content).toContain("scrape_interval: 30s");
});

test("options given to generateMonitoring override the config set's, threshold by threshold", () => {
  const files = generateMonitoring({ ports }, { thresholds: { auditMinScore: 90 }, dashboards: ["cache"] });
  expect(rule(files, "ConfigAuditScoreLow")).toMatch(/ < 90$/);
  expect(rule(files, "GatewayErrorRateHigh")).toMatch(/ > 0\.2$/);
  expect(files.filter((f) => f.path.endsWith(".json")).map((f) => f.path)).toEqual([
    "grafana/dashboards/switchyard-cache.json",
  ]);
});

test("the schema refuses thresholds out of range and unknown dashboards", () => {
  const bad = (monitoring: unknown) =>
    PortsFileSchema.safeParse({ schema_version: "2.0.0", services: {}, monitoring }).success;
  expect(bad({ thresholds: { error_rate: 0.1 } })).toBe(true);
  expect(bad({ thresholds: { error_rate: 1.5 } })).toBe(false);
  expect(bad({ thresholds: { audit_min_score: 101 } })).toBe(false);
  expect(bad({ dashboards: ["overview", "costs"] })).toBe(false);
  expect(bad({ scrape_interval: "soon" })).toBe(false);
  expect(bad({ thresholds: { errorRate: 0.1 } })).toBe(false);
});

test("the generator version in every header is the package's version", async () => {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
  const { MONITORING_GENERATOR, MONITORING_GENERATOR_VERSION } = await import("./index.js");
  expect(`${MONITORING_GENERATOR} ${MONITORING_GENERATOR_VERSION}`).toBe(`${pkg.name} ${pkg.version}`);
  expect(generateMonitoring({ ports })[0]?.content).toContain(`# generator: ${pkg.name} ${pkg.version}\n`);
});

test("the built package (ESM and CJS) records package.json's version, not a copy of it", async () => {
  // What a release publishes: `changeset version` bumps package.json, the build inlines it.
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
  expect(builtExports(new URL("..", import.meta.url), "MONITORING_GENERATOR_VERSION")).toEqual({
    esm: pkg.version,
    cjs: pkg.version,
  });
  const source = await readFile(new URL("./header.ts", import.meta.url), "utf8");
  expect(source).not.toMatch(/MONITORING_GENERATOR_VERSION[^=\n]*=\s*["'`]/);
});
