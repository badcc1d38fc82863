import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateMonitoring, prometheusAlertRules } from "../src/index.js";
import { promtool } from "./promtool.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sy-monitoring-promtool-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeAll(files: { path: string; content: string }[], root: string): Promise<void> {
  for (const file of files) {
    await mkdir(dirname(join(root, file.path)), { recursive: true });
    await writeFile(join(root, file.path), file.content);
  }
}

describe("the files generated from the example config set pass promtool", () => {
  test("promtool check config accepts prometheus.yml and the rule file it loads", async () => {
    const set = await loadConfigSet(new URL("../../../examples/config", import.meta.url).pathname);
    const files = generateMonitoring({
      ports: set.files.ports?.value,
      providers: set.files.providers?.value,
    });
    const out = join(dir, "example");
    await writeAll(files, out);
    const result = await promtool(["check", "config", "prometheus/prometheus.yml"], out);
    expect(result.output).toMatch(/SUCCESS/);
    expect(result.output).toMatch(/SUCCESS: 8 rules found/);
    expect(result.code).toBe(0);
  });

  test("promtool check rules accepts the rule file, also with custom thresholds", async () => {
    for (const [name, text] of [
      ["defaults.yml", prometheusAlertRules()],
      [
        "custom.yml",
        prometheusAlertRules({ errorRate: 0.125, latencyP95Seconds: 2.5, cacheCollapseFactor: 0.3 }),
      ],
    ] as const) {
      await writeFile(join(dir, name), text);
      const result = await promtool(["check", "rules", name], dir);
      expect(result.output).toContain("SUCCESS: 8 rules found");
      expect(result.code).toBe(0);
    }
  });

  test("promtool rejects a broken rule file (the check can fail)", async () => {
    const broken = prometheusAlertRules().replace('up{job="litellm"} == 0', 'up{job="litellm" == 0');
    await writeFile(join(dir, "broken.yml"), broken);
    const result = await promtool(["check", "rules", "broken.yml"], dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/FAILED|error/i);
  });
});
