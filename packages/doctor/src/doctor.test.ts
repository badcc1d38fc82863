import { appendFile, cp, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { loadConfigFile } from "@switchyard/config-schema/load";
import { SELF_HOSTED_PROVIDER_TYPES } from "@switchyard/config-schema/schemas";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, describe, expect, test } from "vitest";
import { type ExampleStack, startExampleStack } from "../test/example-stack.mjs";
import { runDoctor } from "./run.js";
import type { DoctorCheck, DoctorReport } from "./types.js";

let stack: ExampleStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

/** `provider:<id>` of each provider of the set that doctor probes: enabled and self-hosted. */
async function probedProviders(configDir: string): Promise<string[]> {
  const { providers } = (await loadConfigFile("providers", join(configDir, "providers.yaml"))).value!;
  const ids = Object.entries(providers)
    .filter(([, p]) => p.status !== "disabled" && SELF_HOSTED_PROVIDER_TYPES.includes(p.type))
    .map(([id]) => `provider:${id}`);
  expect(ids).toContain("provider:ollama");
  return ids;
}

const probe = { timeoutMs: 2000, retries: 1, backoffMs: 50 };
const byId = (report: DoctorReport) => new Map(report.checks.map((c) => [c.id, c] as const));
const line = (c: DoctorCheck) => `${c.status} ${c.id}: ${c.reason}`;

describe.skipIf(process.platform !== "linux")(
  "switchyard doctor against stand-ins of the example stack",
  () => {
    test("green: every check passes (the audit may warn), each with its time", async () => {
      stack = await startExampleStack();
      const started = performance.now();
      const report = await runDoctor({ configDir: stack.configDir, env: stack.env, probe });
      const elapsed = Math.ceil(performance.now() - started);
      const failing = report.checks.filter((c) => c.status === "fail" || c.status === "skip").map(line);
      expect(failing).toEqual([]);
      expect(report.ok).toBe(true);
      const checks = byId(report);
      expect([...checks.keys()]).toEqual([
        "yaml",
        "schema",
        "consistency",
        "schema-version",
        "generated",
        "ports",
        // One check per enabled self-hosted provider of the example, in file order (read from it).
        ...(await probedProviders(stack.configDir)),
        "gateway",
        "redis",
        "backups",
        "audit",
      ]);
      for (const id of [
        "yaml",
        "schema",
        "consistency",
        "schema-version",
        "generated",
        "ports",
        "gateway",
        "redis",
        "backups",
      ])
        expect(line(checks.get(id)!)).toMatch(/^pass /);
      // Counted from the example (whatever it registers): a stand-in for each service that has one;
      // the optional ones without (switchyard-server, redis-exporter) are free, and not a failure.
      const { running, free } = stack.services;
      expect(running).toEqual(expect.arrayContaining(["litellm", "ollama", "vllm", "redis"]));
      expect(free).toContain("redis-exporter");
      expect(checks.get("ports")!.reason).toBe(
        `${running.length} running, ${free.length} free, 0 in conflict, 0 unknown (proc)`,
      );
      expect(checks.get("gateway")!.reason).toBe("up, serving all 9 expected models (1.74.0)");
      expect((checks.get("gateway")!.data as { notes?: string[] }).notes).toEqual([
        "1 wildcard route not compared",
      ]);
      expect(checks.get("redis")!.reason).toMatch(/^PONG \(Redis \d+\.\d+\.\d+\)$/);
      for (const check of report.checks) {
        // Whole milliseconds, each within the whole run's time.
        expect(Number.isInteger(check.durationMs)).toBe(true);
        expect(check.durationMs).toBeLessThanOrEqual(elapsed);
        if (check.status !== "pass") expect(check.fix).toBeTruthy();
      }
    });

    test("red: a provider down fails its check with the reason and the fix", async () => {
      stack = await startExampleStack({ without: ["vllm"] });
      const report = await runDoctor({ configDir: stack.configDir, env: stack.env, probe });
      expect(report.ok).toBe(false);
      const failed = report.checks.filter((c) => c.status === "fail");
      expect(failed.map((c) => c.id)).toEqual(["provider:vllm-qwen"]);
      expect(failed[0]).toMatchObject({
        reason:
          "connection refused: vLLM opens its port only after loading the weights, so it is booting or stopped",
        fix: "Wait for the weights to load, or check the vLLM process and its logs.",
        critical: true,
      });
      // vLLM is not required: its free port is no port failure.
      expect(byId(report).get("ports")!.status).toBe("pass");
    });

    test("red: a model missing from Ollama fails the provider with `ollama pull`", async () => {
      stack = await startExampleStack({ models: { ollama: ["llama3.1:8b", "nomic-embed-text"] } });
      const report = await runDoctor({ configDir: stack.configDir, env: stack.env, probe });
      expect(report.checks.filter((c) => c.status === "fail").map(line)).toEqual([
        "fail provider:ollama: up, but missing qwen2.5-coder:7b (0.6.2)",
      ]);
      expect(byId(report).get("provider:ollama")!.fix).toBe("ollama pull qwen2.5-coder:7b");
    });

    test("red: a required service stopped fails ports and its own probe; --critical runs only the essentials", async () => {
      stack = await startExampleStack({ without: ["redis"] });
      const report = await runDoctor({ configDir: stack.configDir, env: stack.env, probe, critical: true });
      const checks = byId(report);
      expect([...checks.keys()]).not.toContain("audit");
      expect([...checks.keys()]).not.toContain("backups");
      expect([...checks.keys()]).not.toContain("schema-version");
      expect(checks.get("ports")).toMatchObject({
        status: "fail",
        reason: "redis: required, but nothing listens on its port",
      });
      // The fix is port-registry's own hint for the stopped service (the CLI and the server show it too).
      expect(checks.get("ports")!.fix).toMatch(
        /^Start 'redis' \(its unit, container or command\); it listens on 127\.0\.0\.1:\d+\.$/,
      );
      expect(checks.get("redis")).toMatchObject({
        status: "fail",
        reason: "connection refused: Redis is not answering",
      });
    });

    test("a gateway alive but not ready, and a generated file edited by hand", async () => {
      stack = await startExampleStack({ gateway: "never-ready" });
      const path = join(stack.configDir, "litellm-unified.yaml");
      const { readFile } = await import("node:fs/promises");
      await writeFile(path, `${await readFile(path, "utf8")}# a hand edit\n`);
      const report = await runDoctor({ configDir: stack.configDir, env: stack.env, probe });
      const checks = byId(report);
      expect(checks.get("gateway")!.status).toBe("fail");
      expect(checks.get("gateway")!.reason).toMatch(
        /^alive, but not ready: GET \/health\/readiness answered 503/,
      );
      expect(checks.get("generated")).toMatchObject({
        status: "fail",
        fix: expect.stringMatching(/^switchyard generate --force --config-dir /),
      });
      expect(checks.get("generated")!.reason).toContain("edited by hand");
    });
  },
);

describe("switchyard doctor on broken files", () => {
  test("bad YAML fails the syntax check and nothing throws", async () => {
    const dir = await tempDir("sy-doctor-");
    await writeFile(join(dir, "providers.yaml"), 'schema_version: "2.0.0"\nproviders: {a: [\n');
    await writeFile(join(dir, "ports.yaml"), 'schema_version: "2.0.0"\nservices: {}\n');
    const report = await runDoctor({ configDir: dir, env: {}, probe: { ...probe, retries: 0 } });
    expect(report.ok).toBe(false);
    const yaml = byId(report).get("yaml")!;
    expect(yaml.status).toBe("fail");
    expect(yaml.diagnostics?.map((d) => d.code)).toContain("SY1014");
    expect(yaml.diagnostics?.find((d) => d.code === "SY1014")?.file).toMatch(/providers\.yaml$/);
    expect(yaml.fix).toMatch(/^switchyard validate --config-dir /);
    // The other checks still answer, each for itself.
    expect(byId(report).get("schema-version")?.status).toBeDefined();
  });

  test("a config directory that cannot be read is one failure saying why, not a cascade", async () => {
    const missing = join(await tempDir("sy-doctor-"), "nowhere");
    const seen: string[] = [];
    const report = await runDoctor({ configDir: missing, env: {}, onCheck: (c) => seen.push(c.id) });
    expect(report.ok).toBe(false);
    expect(report.unreadable?.code).toBe("SY1010");
    const [yaml, ...rest] = report.checks;
    expect(yaml).toMatchObject({
      id: "yaml",
      status: "fail",
      reason: expect.stringContaining("no such file"),
    });
    expect(yaml!.diagnostics?.map((d) => d.code)).toEqual(["SY1010"]);
    expect(rest.length).toBeGreaterThan(5);
    for (const check of rest)
      expect(check).toMatchObject({ status: "skip", reason: "the config directory cannot be read" });
    expect(seen).toEqual(report.checks.map((c) => c.id));
  });
});

describe("the audit check takes the audit's own gate", () => {
  test("--min-score above the example's score fails the audit check, with the audit command as its fix", async () => {
    const { EXAMPLE_CONFIG } = await import("../test/example-stack.mjs");
    const report = await runDoctor({
      configDir: EXAMPLE_CONFIG,
      env: {},
      critical: false,
      auditGate: { minScore: 101 },
      probe: { timeoutMs: 300, retries: 0 },
      ports: { lsof: false },
    });
    const audit = report.checks.find((c) => c.id === "audit")!;
    expect(audit.status).toBe("fail");
    expect(audit.reason).toMatch(/^score \d+, below the gate/);
    expect(audit.fix).toMatch(/^switchyard audit --config-dir .* --min-score 101$/);
  });
});

describe("each probe is named as what it checks", () => {
  test("a ports.yaml service with a health_url that hosts no provider is `service:<id>`, up or down, never `provider:<id>`", async () => {
    const { EXAMPLE_CONFIG } = await import("../test/example-stack.mjs");
    // A real HTTP server answering the service's health_url, and a second service whose port is closed.
    const server = createServer((request, response) => {
      response.writeHead(request.url === "/api/health" ? 200 : 404, { "content-type": "application/json" });
      response.end('{"database":"ok"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    try {
      const dir = await tempDir("sy-doctor-");
      await cp(EXAMPLE_CONFIG, dir, { recursive: true });
      const port = (server.address() as AddressInfo).port;
      await appendFile(
        join(dir, "ports.yaml"),
        `\n  grafana:\n    port: ${port}\n    health_url: http://127.0.0.1:${port}/api/health\n` +
          `\n  loki:\n    port: ${closedPort}\n    health_url: http://127.0.0.1:${closedPort}/ready\n`,
      );
      const report = await runDoctor({
        configDir: dir,
        env: {},
        probe: { timeoutMs: 2000, retries: 0 },
        ports: { lsof: false },
      });
      const checks = byId(report);
      expect(checks.get("schema")?.status).toBe("pass");
      expect(checks.get("service:grafana")).toMatchObject({ title: "service grafana", status: "pass" });
      expect(checks.get("service:loki")).toMatchObject({ title: "service loki", status: "fail" });
      // The providers keep their own label; no service is called a provider.
      expect(checks.get("provider:ollama")?.title).toBe("provider ollama");
      expect([...checks.keys()].filter((id) => /^provider:(grafana|loki)$/.test(id))).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
