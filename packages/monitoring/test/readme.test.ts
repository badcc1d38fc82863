import { processTestConfig, runReadmeSnippet } from "@switchyard/test-utils";
import { expect, test, vi } from "vitest";

// The snippet runs as a process (tsx): it ends when it ends; the ceiling is a hang guard.
vi.setConfig(processTestConfig);

test("the README's snippet generates the scrape config, the rule file, the dashboards and their provisioning from the example config set", async () => {
  const examples = new URL("../../../examples/config", import.meta.url).pathname;
  const { logs } = await runReadmeSnippet(new URL("../README.md", import.meta.url), {
    '"examples/config"': JSON.stringify(examples),
  });
  expect(logs.map((call) => [call[0], call[2]])).toEqual([
    ["prometheus/prometheus.yml", "lines"],
    ["prometheus/switchyard-alerts.rules.yml", "lines"],
    ["grafana/dashboards/switchyard-overview.json", "lines"],
    ["grafana/dashboards/switchyard-providers.json", "lines"],
    ["grafana/dashboards/switchyard-cache.json", "lines"],
    ["grafana/dashboards/switchyard-server.json", "lines"],
    ["grafana/provisioning/dashboards/switchyard.yaml", "lines"],
    ["grafana/provisioning/datasources/switchyard-prometheus.yaml", "lines"],
  ]);
  for (const call of logs) expect(call[1]).toBeGreaterThan(10);
});
