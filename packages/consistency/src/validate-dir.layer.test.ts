/**
 * The config-dir layer's open path hands every load option to the loader (the audit opens with
 * `positions: "while-reading"`), and its check path is the same for a set the caller loaded itself.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ConfigSet, type LoadOptions, loadConfigSet } from "@switchyard/config-schema/load";
import { tempDirSync } from "@switchyard/test-utils";
import { expect, test, vi } from "vitest";
import { checkConfigSet, validateConfigDir } from "./validate-dir.js";

const loads = vi.hoisted(() => [] as { dir: string; options: LoadOptions | undefined }[]);

vi.mock("@switchyard/config-schema/load", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@switchyard/config-schema/load")>();
  return {
    ...actual,
    loadConfigSet: (dir: string, options?: LoadOptions): Promise<ConfigSet> => {
      loads.push({ dir, options });
      return actual.loadConfigSet(dir, options);
    },
  };
});

function set(): string {
  const path = tempDirSync("sy-layer-");
  writeFileSync(
    join(path, "providers.yaml"),
    'schema_version: "2.0.0"\nproviders:\n  vllm:\n    type: vllm\n    base_url: http://127.0.0.1:8001/v1\n    models: [{ name: qwen }]\n',
  );
  writeFileSync(
    join(path, "model-mappings.yaml"),
    'schema_version: "2.0.0"\nexact_matches:\n  qwen:\n    provider: vllm\n    model: qwen\n    fallbacks: [nowhere]\n',
  );
  return path;
}

test("validateConfigDir passes every load option to the loader, and only those", async () => {
  const path = set();
  const options: LoadOptions = {
    cwd: path,
    maxBytes: 1 << 20,
    maxAliasCount: 7,
    kinds: ["providers", "model-mappings"],
    positions: "while-reading",
    recover: false,
  };
  loads.length = 0;
  // toolVersion and maxFallbackDepth are the checks' options, not the loader's.
  await validateConfigDir(path, { ...options, toolVersion: "9.9.9", maxFallbackDepth: 3 });
  expect(loads).toEqual([{ dir: path, options }]);
});

test("checkConfigSet on a set the caller loaded gives validateConfigDir's report", async () => {
  const path = set();
  const opened = await validateConfigDir(path, { cwd: path, toolVersion: "9.9.9" });
  const loaded = await loadConfigSet(path, { cwd: path });
  const checked = checkConfigSet(loaded, { cwd: path, toolVersion: "9.9.9" });
  expect(opened.diagnostics.map((d) => d.code)).toContain("SY2010");
  expect(checked.diagnostics).toEqual(opened.diagnostics);
  expect(checked.status).toBe(opened.status);
  expect(checked.blocking).toEqual(opened.blocking);
  expect(checked.report).toEqual(opened.report);
});
