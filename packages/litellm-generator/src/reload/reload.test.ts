/**
 * Reloads against a real HTTP server: test/fixtures/fake-litellm.mjs reads the generated file and
 * answers LiteLLM's /health/liveliness, /health/readiness and /v1/models; the restart command
 * (test/fixtures/restart-fake-litellm.mjs) stops it and starts a new one, so a restart really
 * reloads the file.
 */
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { validateConfigDir } from "@switchyard/consistency";
import { httpGet } from "@switchyard/health";
import { freePort } from "@switchyard/test-utils";
import { afterAll, describe, expect, test } from "vitest";
import { configDir, yaml } from "../../test/helpers.js";
import { writeLiteLLMConfig } from "../write.js";
import { formatReloadReport } from "./format.js";
import { reloadGateway } from "./reload.js";
import type { ReloadOptions, ReloadReport } from "./types.js";

const RESTART = fileURLToPath(new URL("../../test/fixtures/restart-fake-litellm.mjs", import.meta.url));
const KEY = "sk-reload-test-master-key";
const ENV = { ...process.env, LITELLM_MASTER_KEY: KEY };
// Generous enough for a loaded 2-core CI machine to restart the stand-in gateway within one gate.
const FAST = { timeoutMs: 6_000, pollIntervalMs: 100, requestTimeoutMs: 2_000 } as const;

const PROVIDERS = yaml`
  schema_version: "2.0.0"
  providers:
    vllm:
      type: vllm
      base_url: http://127.0.0.1:8001/v1
      models: [{ name: qwen2.5-7b }, { name: qwen2.5-14b }]
`;
const V1 = yaml`
  schema_version: "2.0.0"
  exact_matches:
    qwen: { provider: vllm, model: qwen2.5-7b }
`;
const V2 = yaml`
  schema_version: "2.0.0"
  exact_matches:
    qwen: { provider: vllm, model: qwen2.5-7b }
    qwen-big: { provider: vllm, model: qwen2.5-14b }
  patterns:
    - { pattern: "qwen2.5-*", provider: vllm }
`;

const pidFiles: string[] = [];

/** The set of a directory as the config-directory layer opens it. */
const configSetOf = (dir: string) => validateConfigDir(dir, { cwd: dir });

afterAll(async () => {
  for (const file of pidFiles) {
    const pid = Number((await readFile(file, "utf8").catch(() => "")).trim());
    if (pid > 0) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
});

interface Gateway {
  readonly dir: string;
  readonly output: string;
  readonly v1Text: string;
  readonly queue: string;
  readonly log: string;
  readonly options: ReloadOptions;
}

async function restarts(gateway: Gateway): Promise<string[]> {
  return (await readFile(gateway.log, "utf8")).split("\n").filter((l) => l.startsWith("restart "));
}

async function servedModels(port: number): Promise<string[]> {
  const response = await httpGet(`http://127.0.0.1:${port}/v1/models`, {
    timeoutMs: 1000,
    headers: { authorization: `Bearer ${KEY}` },
  });
  return (JSON.parse(response.body) as { data: { id: string }[] }).data.map((d) => d.id).sort();
}

/** A config dir generated from V1, a fake gateway serving it, then the sources changed to V2. */
async function startGateway(): Promise<Gateway> {
  const dir = await configDir({ "providers.yaml": PROVIDERS, "model-mappings.yaml": V1, queue: "", log: "" });
  const output = join(dir, "litellm-unified.yaml");
  const first = await writeLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }), { cwd: dir });
  if (!first.ok) throw new Error("initial generation failed");
  const port = await freePort();
  const pidfile = join(dir, "gateway.pid");
  pidFiles.push(pidfile);
  const queue = join(dir, "queue");
  const log = join(dir, "log");
  const restartCommand = [
    process.execPath,
    RESTART,
    ...["--config", output, "--port", String(port), "--pidfile", pidfile, "--queue", queue, "--log", log],
  ];
  execFileSync(restartCommand[0]!, restartCommand.slice(1), { env: ENV });
  for (let i = 0; i < 100; i++) {
    if (await servedModels(port).catch(() => undefined)) break;
    await sleep(50);
  }
  expect(await servedModels(port)).toEqual(["qwen"]);
  await writeFile(join(dir, "model-mappings.yaml"), V2);
  return {
    dir,
    output,
    v1Text: first.generation.text,
    queue,
    log,
    options: {
      configDir: dir,
      cwd: dir,
      env: ENV,
      restartCommand,
      gatewayUrl: `http://localhost:${port}`,
      ...FAST,
    },
  };
}

function outline(report: ReloadReport): string[] {
  return report.steps.map((s) => `${s.phase === "rollback" ? "rollback " : ""}${s.name} ${s.status}`);
}

const ROLLED_BACK = [
  "rollback restore ok",
  "rollback restart ok",
  "rollback liveliness ok",
  "rollback readiness ok",
  "rollback models ok",
];

async function expectRolledBack(gateway: Gateway, report: ReloadReport): Promise<void> {
  expect(report).toMatchObject({ ok: false, changed: true, rolledBack: true });
  expect(outline(report).slice(-5)).toEqual(ROLLED_BACK);
  expect(await readFile(gateway.output, "utf8")).toBe(gateway.v1Text);
  expect(await readFile(report.backupPath!, "utf8")).toBe(gateway.v1Text);
  expect(await readFile(report.rejectedPath!, "utf8")).toContain("model_name: qwen-big");
  expect(await restarts(gateway)).toHaveLength(3);
  const port = Number(new URL(report.gatewayUrl).port);
  expect(await servedModels(port)).toEqual(["qwen"]);
}

describe("reloadGateway against a stand-in LiteLLM", () => {
  test("a healthy reload: every step ok and timed; then 'already current'; force restarts", async () => {
    const gateway = await startGateway();
    // Twelve old backups within one day of 2020: the write prunes by the default retention (the
    // last 10 keep this reload's backup and the nine newest, the daily rule the oldest).
    for (let hour = 0; hour < 12; hour++)
      await writeFile(
        `${gateway.output}.backup-20200101_${String(hour).padStart(2, "0")}0000`,
        gateway.v1Text,
      );
    const report = await reloadGateway(gateway.options);
    expect(report.diagnostics).toEqual([]);
    expect(report).toMatchObject({ ok: true, changed: true, rolledBack: false });
    expect(report.pruned?.removed).toEqual([
      `${gateway.output}.backup-20200101_020000`,
      `${gateway.output}.backup-20200101_010000`,
    ]);
    expect(report.steps.find((s) => s.name === "write")!.detail).toContain("; pruned 2 old backups");
    expect(report.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(outline(report)).toEqual([
      "generate ok",
      "validate ok",
      "backup ok",
      "write ok",
      "restart ok",
      "liveliness ok",
      "readiness ok",
      "models ok",
    ]);
    // Whole milliseconds. The stand-in listens 150 ms after it starts (fake-litellm's --boot-ms
    // default), and the restart command starts it just before exiting: the liveliness gate waited
    // for it, so it cannot have taken less than 100 ms.
    for (const step of report.steps) expect(Number.isInteger(step.durationMs)).toBe(true);
    expect(report.steps.find((s) => s.name === "restart")!.durationMs).toBeGreaterThan(0);
    expect(report.steps.find((s) => s.name === "liveliness")!.durationMs).toBeGreaterThanOrEqual(100);
    expect(report.totalMs).toBeGreaterThanOrEqual(report.steps.reduce((sum, s) => sum + s.durationMs, 0) - 8);
    expect(report.steps.find((s) => s.name === "validate")!.detail).toContain(
      "localhost is probed as 127.0.0.1",
    );
    // Counts agree with their nouns ("1 wildcard routes" before).
    expect(report.steps.find((s) => s.name === "generate")!.detail).toMatch(
      /^\d+ deployments?, 2 model names, 1 wildcard route$/,
    );
    expect(report.steps.find((s) => s.name === "readiness")!.detail).toBe(
      "200 status healthy, db Not connected, cache redis, litellm_version 1.74.0",
    );
    expect(report.steps.find((s) => s.name === "models")!.detail).toBe(
      "2 model names served as generated (+1 wildcard route not compared)",
    );
    expect(await readFile(report.backupPath!, "utf8")).toBe(gateway.v1Text);
    expect(await servedModels(Number(new URL(report.gatewayUrl).port))).toEqual([
      "qwen",
      "qwen-big",
      "qwen2.5-*",
    ]);

    const text = formatReloadReport(report);
    for (const step of report.steps) expect(text).toMatch(new RegExp(`✓ ${step.name} +\\d+ ms`));
    expect(text).toContain("Reloaded: the gateway serves the new config.");
    expect(formatReloadReport(report, { color: true })).toContain("\u001b[32m✓\u001b[39m");

    const again = await reloadGateway(gateway.options);
    expect(again).toMatchObject({ ok: true, changed: false });
    expect(outline(again)).toEqual([
      "generate ok",
      "validate ok",
      "backup skipped",
      "write skipped",
      "restart skipped",
      "liveliness ok",
      "readiness ok",
      "models ok",
    ]);
    expect(await restarts(gateway)).toHaveLength(2);
    const forced = await reloadGateway({ ...gateway.options, force: true });
    expect(forced.ok && outline(forced)[4]).toBe("restart ok");
    expect(await restarts(gateway)).toHaveLength(3);
  });

  test("a gateway that never becomes ready: readiness times out, the previous file is restored", async () => {
    const gateway = await startGateway();
    await writeFile(gateway.queue, "never-ready\n");
    const report = await reloadGateway(gateway.options);
    expect(report.failedStep).toBe("readiness");
    expect(outline(report).slice(0, 8)).toEqual([
      "generate ok",
      "validate ok",
      "backup ok",
      "write ok",
      "restart ok",
      "liveliness ok",
      "readiness failed",
      "models skipped",
    ]);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SY4303"]);
    expect(report.diagnostics[0]!.message).toMatch(
      /^The gateway is not ready: no success from GET http:\/\/127\.0\.0\.1:\d+\/health\/readiness within 6000 ms \(\d+ probes; last: HTTP 503 \{"detail":"Service Unhealthy/,
    );
    await expectRolledBack(gateway, report);
    const text = formatReloadReport(report);
    expect(text).toContain("✗ readiness");
    expect(text).toContain(
      "Reload failed at readiness; rolled back to the previous config, and the gateway is healthy again.",
    );
  });

  test("a gateway that crashes on start: liveliness is refused, the previous file is restored", async () => {
    const gateway = await startGateway();
    await writeFile(gateway.queue, "crash\n");
    const report = await reloadGateway(gateway.options);
    expect(report.failedStep).toBe("liveliness");
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SY4302"]);
    expect(report.diagnostics[0]!.message).toContain("last: connection refused");
    await expectRolledBack(gateway, report);
  });

  test("a gateway serving another model set: the models step fails, the previous file is restored", async () => {
    const gateway = await startGateway();
    await writeFile(gateway.queue, "drop-model=qwen-big\n");
    const report = await reloadGateway(gateway.options);
    expect(report.failedStep).toBe("models");
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SY4304"]);
    expect(report.diagnostics[0]!.message).toContain("last: served models differ: missing qwen-big");
    await expectRolledBack(gateway, report);
  });
});

describe("reloadGateway without a gateway", () => {
  async function sources(): Promise<string> {
    const dir = await configDir({ "providers.yaml": PROVIDERS, "model-mappings.yaml": V1 });
    const first = await writeLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }), { cwd: dir });
    if (!first.ok) throw new Error("initial generation failed");
    await writeFile(join(dir, "model-mappings.yaml"), V2);
    return dir;
  }

  test("no master key: validation fails before anything is written", async () => {
    const dir = await sources();
    const before = await readFile(join(dir, "litellm-unified.yaml"), "utf8");
    const report = await reloadGateway({ configDir: dir, cwd: dir, env: {}, ...FAST });
    expect(report).toMatchObject({ ok: false, failedStep: "validate", rolledBack: false, changed: false });
    expect(report.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "SY4305",
        "LITELLM_MASTER_KEY is not set, so /v1/models cannot be checked with the proxy's master key",
      ],
    ]);
    expect(outline(report).slice(2)).toEqual([
      "backup skipped",
      "write skipped",
      "restart skipped",
      "liveliness skipped",
      "readiness skipped",
      "models skipped",
    ]);
    expect(await readFile(join(dir, "litellm-unified.yaml"), "utf8")).toBe(before);
  });

  test("a failing restart command (through the shell): rolled back, and the rollback's restart fails too", async () => {
    const dir = await sources();
    const before = await readFile(join(dir, "litellm-unified.yaml"), "utf8");
    const report = await reloadGateway({
      configDir: dir,
      cwd: dir,
      env: ENV,
      restartCommand: "echo 'unit litellm.service not found' >&2; exit 5",
      ...FAST,
    });
    expect(report).toMatchObject({ ok: false, failedStep: "restart", rolledBack: true });
    expect(report.steps.find((s) => s.name === "restart")!.detail).toBe(
      "`echo 'unit litellm.service not found' >&2; exit 5` exited 5: unit litellm.service not found",
    );
    expect(outline(report).slice(-2)).toEqual(["rollback restore ok", "rollback restart failed"]);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SY4301", "SY4301", "SY4306"]);
    expect(await readFile(join(dir, "litellm-unified.yaml"), "utf8")).toBe(before);
    expect(formatReloadReport(report)).toContain("but the gateway is not verified healthy (SY4306)");
  });

  test("one failure path: a bad gateway URL fails validate, a lock that cannot be taken fails backup; nothing throws, nothing rolls back", async () => {
    const dir = await sources();
    const badUrl = await reloadGateway({
      configDir: dir,
      cwd: dir,
      env: ENV,
      gatewayUrl: "ftp://x",
      ...FAST,
    });
    expect(badUrl).toMatchObject({ ok: false, failedStep: "validate", rolledBack: false, changed: false });
    expect(badUrl.diagnostics.map((d) => d.code)).toEqual(["SY4300"]);
    const outputPath = join(dir, "no-such-dir", "litellm-unified.yaml");
    const unwritable = await reloadGateway({ configDir: dir, cwd: dir, env: ENV, outputPath, ...FAST });
    expect(unwritable).toMatchObject({ ok: false, failedStep: "backup", rolledBack: false, changed: true });
    expect(unwritable.diagnostics.map((d) => d.code)).toEqual(["SY4111"]);
    expect(outline(unwritable)).toEqual([
      "generate ok",
      "validate ok",
      "backup failed",
      "write skipped",
      "restart skipped",
      "liveliness skipped",
      "readiness skipped",
      "models skipped",
    ]);
  });

  test("errors of the checked set stop the reload at the first step: cross-file rules too, with .switchyard.yaml's overrides", async () => {
    const dir = await configDir({
      "providers.yaml": PROVIDERS,
      "model-mappings.yaml": V1.replace("vllm,", "vlm,"),
    });
    const report = await reloadGateway({ configDir: dir, cwd: dir, env: ENV, ...FAST });
    expect(report.failedStep).toBe("generate");
    // The config-directory layer's finding (what `switchyard validate` says), not the generator's SY4002.
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SY4001", "SY2001"]);
    expect(report.steps.filter((s) => s.status === "skipped")).toHaveLength(7);

    // A warning raised to an error in .switchyard.yaml blocks the reload as it blocks `switchyard
    // generate` (the reload used to block on schema errors only); a set already checked is not re-read.
    const disabled = await configDir({
      "providers.yaml": PROVIDERS.replace("type: vllm", "type: vllm\n    status: disabled"),
      "model-mappings.yaml": V1,
      ".switchyard.yaml": "rules:\n  SY2002: error\n",
    });
    const raised = await reloadGateway({ configDir: disabled, cwd: disabled, env: ENV, ...FAST });
    expect(raised.failedStep).toBe("generate");
    expect(raised.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["SY4001", "error"],
      ["SY2002", "error"],
    ]);
    const checked = { set: (await configSetOf(dir)).set, blocking: [] };
    const given = await reloadGateway({ configDir: disabled, checked, cwd: dir, env: {}, ...FAST });
    expect(given.steps[0]).toMatchObject({ name: "generate", status: "failed" });
    expect(given.diagnostics.map((d) => d.code)).toEqual(["SY4002"]);
  });
});
