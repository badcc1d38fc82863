import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { nodeNamed, stopAll } from "../../../packages/health/test/stand-ins.mjs";
import { holdPorts, holdPortsAs, startHolder } from "../../../packages/port-registry/test/processes.js";
import { requireBuiltCli, runBuilt } from "./test-support/built.js";
import { example, runCli, tempDir } from "./test-support/run.js";

const HOLD = new URL("../../../packages/port-registry/test/fixtures/hold-port.mjs", import.meta.url).pathname;
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stops.map((s) => s()));
  await stopAll();
});

async function registry(services: string): Promise<string> {
  const cwd = await tempDir();
  await mkdir(join(cwd, "config"));
  await writeFile(join(cwd, "config", "ports.yaml"), `schema_version: "2.0.0"\nservices:\n${services}`);
  return cwd;
}

describe.skipIf(process.platform !== "linux")("switchyard ports", () => {
  let free: number;
  let ollama: { pid: number; port: number };
  let intruder: { pid: number; port: number };
  beforeAll(async () => {
    free = await freePort({ host: "::" });
    const held = await startHolder(await nodeNamed("ollama"), [HOLD, "127.0.0.1/0"]);
    stops.push(held.stop);
    ollama = { pid: held.pid, port: held.ports[0]!.port };
    const other = await holdPorts("--title", "rogue-server", "0.0.0.0/0");
    stops.push(other.stop);
    intruder = { pid: other.pid, port: other.ports[0]!.port };
  });

  test("prints each service's state and who holds it; exit 1 on a conflict", async () => {
    const cwd = await registry(
      [
        `  ollama: {port: ${ollama.port}, expected_processes: [ollama], required: true}`,
        `  vllm: {port: ${intruder.port}, expected_processes: [vllm]}`,
        `  idle: {port: ${free}}`,
        "",
      ].join("\n"),
    );
    const { code, stdout } = await runCli(["ports"], cwd);
    expect(code).toBe(1);
    expect(stdout).toContain("Ports of config (from /proc/net/tcp{,6} and /proc/<pid>/fd):");
    expect(stdout).toMatch(
      new RegExp(
        `  ollama\\*\\s+${ollama.port}  RUNNING    held by ollama \\(pid ${ollama.pid}\\) as \\S+ on 127\\.0\\.0\\.1:${ollama.port}`,
      ),
    );
    expect(stdout).toMatch(
      new RegExp(
        `  vllm\\s+${intruder.port}  CONFLICT   held by rogue-server \\(pid ${intruder.pid}\\) as \\S+ on 0\\.0\\.0\\.0:${intruder.port}, expected vllm`,
      ),
    );
    expect(stdout).toContain(
      "fix: Stop rogue-server, or move 'vllm' to a free port (switchyard ports suggest vllm)",
    );
    expect(stdout).toMatch(
      new RegExp(`  idle\\s+${free}  AVAILABLE  free: nothing listens on 127\\.0\\.0\\.1:${free}`),
    );
    expect(stdout).toContain("1 running, 1 free, 1 in conflict, 0 unknown  (* required)");
    expect(stdout).toContain("Not ready: vllm (SY6010)");
  });

  test("--required checks only those, and fails when one is not running; --json is the report", async () => {
    const cwd = await registry(
      [
        `  redis: {port: ${free}, required: true}`,
        `  vllm: {port: ${intruder.port}, expected_processes: [vllm]}`,
        "",
      ].join("\n"),
    );
    const { code, stdout } = await runCli(["ports", "--required", "--json"], cwd);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      services: { service: string; state: string; code?: string }[];
      failures: unknown[];
    };
    expect(report.services).toEqual([
      expect.objectContaining({ service: "redis", state: "AVAILABLE", code: "SY6011" }),
    ]);
    expect(report.failures).toEqual([
      { service: "redis", code: "SY6011", reason: "required, but nothing listens on its port" },
    ]);
  });

  test("suggest names free ports and says they are a hint; order prints waves and fails on a cycle", async () => {
    const cwd = await registry(`  vllm: {port: ${intruder.port}}\n`);
    const suggested = await runCli(["ports", "suggest", "vllm", "--count", "2"], cwd);
    expect(suggested.code).toBe(0);
    expect(suggested.stdout).toMatch(
      new RegExp(`^Free ports near 'vllm' \\(${intruder.port}\\): \\d+, \\d+\\n`),
    );
    expect(suggested.stdout).toContain("a hint, not a reservation");
    expect((await runCli(["ports", "suggest", "vlm"], cwd)).stderr).toContain(
      "No service 'vlm' in config/ports.yaml — did you mean 'vllm'?",
    );

    const order = await runCli(["ports", "order", "--config-dir", example("config")]);
    expect(order.code).toBe(0);
    expect(order.stdout).toBe(
      "Start order (each line after the ones above it; a line's services together):\n  1. ollama, llamacpp-python, llamacpp-native, vllm, redis, switchyard-server, redis-exporter\n  2. litellm\n",
    );
    const loop = await registry(
      "  a: {port: 9001, depends_on: [b]}\n  b: {port: 9002, depends_on: [a]}\n  c: {port: 9003}\n",
    );
    const cycle = await runCli(["ports", "order"], loop);
    expect(cycle.code).toBe(1);
    expect(cycle.stdout).toContain("Dependency cycle: a -> b -> a");
    expect(cycle.stdout).toContain("Cannot start (on or behind a cycle): a, b");
  });

  test("a broken ports.yaml is located diagnostics (exit 1); a missing one exit 2; a bad action a usage error", async () => {
    const cwd = await registry("  a: {port: 70000}\n");
    const bad = await runCli(["ports"], cwd);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/config\/ports\.yaml:3:\d+/);
    const missing = await runCli(["ports", "--config-dir", "nowhere"], cwd);
    expect(missing.code).toBe(2);
    const usage = await runCli(["ports", "sugest"], cwd);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain(
      "Unknown ports action 'sugest' — did you mean 'suggest'? (actions: suggest, order; anything else is the config directory)",
    );
  });

  // Whole process, as another user: the built CLI run as daemon cannot read nobody's process.
  test.skipIf(process.getuid?.() !== 0 && process.env.CI === undefined)(
    "the built CLI, run as daemon, reports a port held by nobody as UNKNOWN with why",
    async () => {
      if (process.getuid?.() !== 0)
        throw new Error("needs root to run processes as other users (CI runs as root)");
      requireBuiltCli();
      execFileSync("setpriv", ["--version"]);
      const held = await holdPortsAs("nobody", "nogroup", "127.0.0.1/0");
      stops.push(held.stop);
      const cwd = await registry(`  ollama: {port: ${held.ports[0]!.port}, expected_processes: [ollama]}\n`);
      await import("node:fs/promises").then((fs) => fs.chmod(cwd, 0o755));
      const run = await runBuilt(["ports", "--json"], { cwd, uid: 1 });
      const report = JSON.parse(run.stdout) as { services: { state: string; reason: string }[] };
      expect(report.services[0]!.state).toBe("UNKNOWN");
      expect(report.services[0]!.reason).toContain("held by uid 65534 (nobody)");
      expect(report.services[0]!.reason).toContain("not readable as uid 1 (daemon)");
    },
  );
});
