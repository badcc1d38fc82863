/**
 * Doctor checks the set once through the config-dir layer (consistency's `checkConfigSet`) and
 * the audit it runs decides SY5402 on that same validation, rather than checking the set again.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ConfigSet } from "@switchyard/config-schema/load";
import { tempDir } from "@switchyard/test-utils";
import { expect, test, vi } from "vitest";
import { runDoctor } from "./run.js";

const calls = vi.hoisted(() => ({ check: 0, validate: 0 }));

vi.mock("@switchyard/consistency", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@switchyard/consistency")>();
  return {
    ...actual,
    checkConfigSet: (set: ConfigSet, options?: Parameters<typeof actual.checkConfigSet>[1]) => {
      calls.check++;
      return actual.checkConfigSet(set, options);
    },
    validateConfigSet: (set: ConfigSet, options?: Parameters<typeof actual.validateConfigSet>[1]) => {
      calls.validate++;
      return actual.validateConfigSet(set, options);
    },
  };
});

test("one validation per doctor run, shared by its checks and the audit's SY5402", async () => {
  const dir = await tempDir("sy-doctor-once-");
  await writeFile(
    join(dir, "providers.yaml"),
    'schema_version: "2.0.0"\nproviders:\n  vllm:\n    type: vllm\n    base_url: http://127.0.0.1:1/v1\n    models: [{ name: qwen }]\n',
  );
  await writeFile(
    join(dir, "model-mappings.yaml"),
    'schema_version: "2.0.0"\nexact_matches:\n  qwen:\n    provider: vllm\n    model: qwen\n    fallbacks: [nowhere]\n',
  );
  const report = await runDoctor({
    configDir: dir,
    cwd: dir,
    env: {},
    probe: { timeoutMs: 200, retries: 0, backoffMs: 0 },
  });
  // The cross-file error reaches the report, and the audit saw it (SY5402 caps its score).
  expect(report.checks.find((c) => c.id === "consistency")?.status).toBe("fail");
  expect(report.checks.find((c) => c.id === "audit")?.reason).toMatch(/capped by a critical finding/);
  expect(calls).toEqual({ check: 1, validate: 0 });
});
