import { readFile, rm, writeFile } from "node:fs/promises";
import { expect, test, vi } from "vitest";

test("the README's snippet generates the scrape config, the rule file, the dashboards and their provisioning from the example config set", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
  const examples = new URL("../../../examples/config", import.meta.url).pathname;
  const module = new URL(`./.readme-snippet-${process.pid}.ts`, import.meta.url);
  await writeFile(module, snippet.replaceAll('"examples/config"', JSON.stringify(examples)));
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await import(/* @vite-ignore */ module.href);
    expect(log.mock.calls.map((call) => [call[0], call[2]])).toEqual([
      ["prometheus/prometheus.yml", "lines"],
      ["prometheus/switchyard-alerts.rules.yml", "lines"],
      ["grafana/dashboards/switchyard-overview.json", "lines"],
      ["grafana/dashboards/switchyard-providers.json", "lines"],
      ["grafana/dashboards/switchyard-cache.json", "lines"],
      ["grafana/dashboards/switchyard-server.json", "lines"],
      ["grafana/provisioning/dashboards/switchyard.yaml", "lines"],
      ["grafana/provisioning/datasources/switchyard-prometheus.yaml", "lines"],
    ]);
    for (const call of log.mock.calls) expect(call[1]).toBeGreaterThan(10);
  } finally {
    log.mockRestore();
    await rm(module, { force: true });
  }
});
