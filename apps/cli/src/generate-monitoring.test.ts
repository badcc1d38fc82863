import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyExample, runCli } from "./test-support/run.js";

const OUT = "config/monitoring";
const FILES = [
  "prometheus/prometheus.yml",
  "prometheus/switchyard-alerts.rules.yml",
  "grafana/dashboards/switchyard-overview.json",
  "grafana/dashboards/switchyard-providers.json",
  "grafana/dashboards/switchyard-cache.json",
  "grafana/dashboards/switchyard-server.json",
  "grafana/provisioning/dashboards/switchyard.yaml",
  "grafana/provisioning/datasources/switchyard-prometheus.yaml",
];

describe("generate monitoring", () => {
  it("writes the Prometheus and Grafana files into <config-dir>/monitoring; --check then exits 0", async () => {
    const cwd = await copyExample("config");
    const write = await runCli(["generate", "monitoring", "config"], cwd);
    expect(write.stderr).toBe("");
    expect(write.code).toBe(0);
    expect(write.stdout).toContain(`Wrote 8 monitoring files in ${OUT}:`);
    for (const file of FILES) expect(write.stdout).toContain(`  ${file}`);
    const providers = JSON.parse(
      await readFile(join(cwd, OUT, "grafana/dashboards/switchyard-providers.json"), "utf8"),
    );
    expect(
      providers.panels
        .filter((p: { type: string }) => p.type === "row")
        .map((p: { title: string }) => p.title),
    ).toContain("vllm-qwen (vllm)");
    const check = await runCli(["generate", "monitoring", "--check", "--config-dir", "config"], cwd);
    expect(check).toMatchObject({ code: 0, stdout: `✔ the 8 monitoring files in ${OUT} are current.\n` });
    const again = await runCli(["generate", "monitoring", "config", "--json"], cwd);
    expect(again.code).toBe(0);
    const data = JSON.parse(again.stdout);
    expect(data.ok).toBe(true);
    expect(data.files.every((f: { changed: boolean }) => !f.changed)).toBe(true);
  });

  it("--check exits 1 naming the stale files after a provider is added, and a bare generate brings its panels and target", async () => {
    const cwd = await copyExample("config");
    expect((await runCli(["generate", "monitoring", "--out", "mon"], cwd)).code).toBe(0);
    const providersPath = join(cwd, "config/providers.yaml");
    await writeFile(
      providersPath,
      `${await readFile(providersPath, "utf8")}\n  vllm-coder:\n    type: vllm\n    base_url: http://127.0.0.1:9001/v1\n    models:\n      - name: coder\n`,
    );
    const check = await runCli(["generate", "monitoring", "--check", "--out", "mon", "--json"], cwd);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.ok).toBe(false);
    expect(report.files.find((f: { path: string }) => f.path === "prometheus/prometheus.yml")).toMatchObject({
      status: "sources-changed",
      code: "SY4402",
    });
    // Every finding is a catalogued diagnostic located at its file, with a hint.
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "SY4402",
        severity: "error",
        file: "mon/prometheus/prometheus.yml",
        hint: "Run `switchyard generate monitoring` (`--diff` shows what changes).",
      }),
    );
    const human = await runCli(["generate", "monitoring", "--check", "--out", "mon"], cwd);
    expect(human.stdout).toContain(
      "prometheus/prometheus.yml: stale: ports.yaml, providers.yaml or a deployment id changed",
    );
    expect(human.stdout).toMatch(/^\+\s+- 127\.0\.0\.1:9001$/m);
    expect((await runCli(["generate", "monitoring", "--out", "mon"], cwd)).code).toBe(0);
    const dashboard = await readFile(join(cwd, "mon/grafana/dashboards/switchyard-providers.json"), "utf8");
    expect(dashboard).toContain('"title": "vllm-coder (vllm)"');
    expect(dashboard).toContain('"title": "vllm-coder: latency p50 / p95 / p99"');
    expect((await runCli(["generate", "monitoring", "--check", "--out", "mon"], cwd)).code).toBe(0);
  });

  it("a hand-edited dashboard: --check exits 1, writing refuses (exit 1, nothing written) and --force overwrites", async () => {
    const cwd = await copyExample("config");
    await runCli(["generate", "monitoring"], cwd);
    const path = join(cwd, OUT, "grafana/dashboards/switchyard-overview.json");
    const original = await readFile(path, "utf8");
    await writeFile(path, original.replace('"refresh": "30s"', '"refresh": "5s"'));
    const check = await runCli(["generate", "monitoring", "--check"], cwd);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      "error[SY4403]: grafana/dashboards/switchyard-overview.json: edited by hand",
    );
    expect(check.stdout).toContain(`--> ${OUT}/grafana/dashboards/switchyard-overview.json`);
    expect(check.stdout).toContain("= hint: Move the edits into ports.yaml (monitoring:) or providers.yaml");
    const explained = await runCli(["explain", "SY4403"], cwd);
    expect([explained.code, explained.stdout]).toEqual([
      0,
      expect.stringContaining("SY4403 monitoring-hand-edited (error)"),
    ]);
    // A deleted file is SY4401.
    await rm(join(cwd, OUT, "prometheus/prometheus.yml"));
    expect((await runCli(["generate", "monitoring", "--check"], cwd)).stdout).toContain(
      "error[SY4401]: prometheus/prometheus.yml: missing: generate it",
    );
    await runCli(["generate", "monitoring", "--force"], cwd);
    await writeFile(path, original.replace('"refresh": "30s"', '"refresh": "5s"'));
    const refused = await runCli(["generate", "monitoring"], cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("nothing written");
    expect(await readFile(path, "utf8")).toContain('"refresh": "5s"');
    const forced = await runCli(["generate", "monitoring", "--force"], cwd);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/switchyard-overview\.json \(previous saved as .*\.backup-\d{8}_\d{6}\)/);
    expect(await readFile(path, "utf8")).toBe(original);
  });

  it("thresholds in ports.yaml's monitoring: section reach the rules; LiteLLM-only flags are usage errors (exit 2)", async () => {
    const cwd = await copyExample("config");
    const portsPath = join(cwd, "config/ports.yaml");
    await writeFile(
      portsPath,
      `${await readFile(portsPath, "utf8")}\nmonitoring:\n  thresholds:\n    error_rate: 0.2\n  dashboards: [overview]\n`,
    );
    expect((await runCli(["generate", "monitoring"], cwd)).code).toBe(0);
    expect(await readFile(join(cwd, OUT, "prometheus/switchyard-alerts.rules.yml"), "utf8")).toMatch(
      / > 0\.2\n/,
    );
    const usage = await runCli(["generate", "monitoring", "--prometheus"], cwd);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--prometheus applies to the LiteLLM config");
    const bad = await runCli(["generate", "config", "extra"], cwd);
    expect(bad.code).toBe(2);
  });

  it("an invalid monitoring: section is a located error (exit 1), and nothing is written", async () => {
    const cwd = await copyExample("config");
    const portsPath = join(cwd, "config/ports.yaml");
    await writeFile(
      portsPath,
      `${await readFile(portsPath, "utf8")}\nmonitoring:\n  thresholds:\n    error_rate: 3\n`,
    );
    const run = await runCli(["generate", "monitoring"], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    // The refusal carries its catalogued code and hint (as generate config's SY4001), then the errors.
    expect(run.stderr).toMatch(
      /^error\[SY4400\]: No monitoring generated: the config set in config has 1 error \(below\)\n(.*\n)*? {4}= hint: Run `switchyard validate`, fix the errors it lists, then generate again\.\n/,
    );
    expect(run.stderr).toMatch(/ports\.yaml:\d+:\d+/);
    expect(existsSync(join(cwd, "config/monitoring"))).toBe(false);
    const json = JSON.parse((await runCli(["generate", "monitoring", "--json"], cwd)).stdout) as {
      ok: boolean;
      diagnostics: { code: string; file?: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.diagnostics[0]?.code).toBe("SY4400");
    expect(json.diagnostics.slice(1).map((d) => d.file)).toEqual(["config/ports.yaml"]);
  });
});
