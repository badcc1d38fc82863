import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { type ExampleStack, startExampleStack } from "../../../packages/doctor/test/example-stack.mjs";
import { main } from "./cli.js";
import { memoryIO } from "./test-support/memory-io.js";
import { runCli } from "./test-support/run.js";

let stack: ExampleStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe.skipIf(process.platform !== "linux")(
  "switchyard doctor and health against stand-ins of the example stack",
  () => {
    test("doctor: green, a line per check with its time; --json holds no secret", async () => {
      stack = await startExampleStack();
      const { code, stdout } = await runCli(
        ["doctor", "--config-dir", stack.configDir, "--timeout", "2000"],
        stack.root,
        { ...stack.env },
      );
      expect(code).toBe(0);
      for (const id of [
        "yaml",
        "schema",
        "consistency",
        "generated",
        "ports",
        "provider:ollama",
        "gateway",
        "redis",
      ])
        expect(stdout).toMatch(new RegExp(`^  ✔ ${id.replace(/[:]/g, "\\$&")}\\s+.+  \\d+ ms$`, "m"));
      expect(stdout).toMatch(/^\d+ checks: \d+ pass, \d+ warn, 0 fail, 0 skip \(\d+\.\d s\)$/m);
      const json = await runCli(["doctor", "--config-dir", stack.configDir, "--json"], stack.root, {
        ...stack.env,
      });
      expect(json.code).toBe(0);
      expect(json.stdout).not.toContain(stack.env.LITELLM_MASTER_KEY);
      const report = JSON.parse(json.stdout) as { ok: boolean; checks: { id: string; status: string }[] };
      expect(report.ok).toBe(true);
    });

    test("doctor: the fix it gives for a set without backups creates them, and the check passes after", async () => {
      stack = await startExampleStack();
      // The stand-in stack comes with backups: remove them, so the set is one without any.
      for (const name of await readdir(stack.configDir))
        if (name.includes(".backup-")) await rm(join(stack.configDir, name));
      const backupsCheck = async () => {
        const { stdout } = await runCli(["doctor", "--config-dir", stack!.configDir, "--json"], stack!.root, {
          ...stack!.env,
        });
        const report = JSON.parse(stdout) as { checks: { id: string; status: string; fix?: string }[] };
        return report.checks.find((c) => c.id === "backups")!;
      };
      const before = await backupsCheck();
      expect(before.status).toBe("warn");
      expect(before.fix).toMatch(/^switchyard backup create --all( --config-dir \S+)?$/);
      const [command, ...args] = before.fix!.split(" ");
      expect(command).toBe("switchyard");
      const fixed = await runCli(args, stack.root, { ...stack.env });
      expect(fixed.code, fixed.stderr).toBe(0);
      expect(fixed.stdout).toMatch(/^Backed up \d+ files:/);
      expect(await backupsCheck()).toMatchObject({ status: "pass" });
    });

    test("doctor: red with the failing check and its fix when a provider is down; live rows on a TTY", async () => {
      stack = await startExampleStack({ without: ["vllm"] });
      // A terminal without colour: rows still update in place (cursor movement is not colour).
      const io = memoryIO(stack.root, { env: { ...stack.env, NO_COLOR: "1" }, isTTY: true });
      const code = await main(["doctor", "--config-dir", stack.configDir, "--critical"], io);
      expect(code).toBe(1);
      const text = io.stdoutText();
      const esc = String.fromCharCode(27);
      expect(text).toContain(`${esc}[2K`); // rows redrawn in place
      expect(text).toMatch(new RegExp(`${esc}\\[\\d+A`));
      expect(text).not.toContain(`${esc}[31m`);
      expect(text).toMatch(
        /✖ provider:vllm-qwen\s+connection refused: vLLM opens its port only after loading the weights/,
      );
      expect(text).toContain("fix: Wait for the weights to load, or check the vLLM process and its logs.");
      expect(text).toMatch(/not ready to deploy/);
      expect(text).not.toContain("audit");
    });

    test("health: a table with latencies; exit 1 naming a model Ollama lacks", async () => {
      stack = await startExampleStack({ models: { ollama: ["llama3.1:8b", "nomic-embed-text"] } });
      const { code, stdout } = await runCli(["health", stack.configDir], stack.root, { ...stack.env });
      expect(code).toBe(1);
      expect(stdout).toMatch(
        /^ {2}ollama\s+ollama\s+degraded\s+up, but missing qwen2\.5-coder:7b {2}\d+ ms/m,
      );
      expect(stdout).toContain("fix: ollama pull qwen2.5-coder:7b");
      expect(stdout).toMatch(/^ {2}litellm\s+litellm\s+healthy\s+up, serving all 9 expected models/m);
      expect(stdout).toMatch(/^ {2}redis\s+redis\s+healthy\s+PONG/m);
      expect(stdout).toContain(
        "Not probed: vllm-dolphin (disabled: gets no traffic, so it is not probed); openai (a cloud provider (openai): not probed)",
      );
      expect(stdout).toContain("Unhealthy: ollama");
      const json = JSON.parse(
        (await runCli(["health", stack.configDir, "--json"], stack.root, { ...stack.env })).stdout,
      ) as {
        results: { id: string; status: string; latencyMs: number }[];
      };
      expect(json.results.map((r) => [r.id, r.status])).toEqual([
        ["ollama", "degraded"],
        ["vllm-qwen", "healthy"],
        ["llamacpp-python", "healthy"],
        ["llamacpp-native", "healthy"],
        ["litellm", "healthy"],
        ["redis", "healthy"],
      ]);
      // Without the master key the gateway line says once that its models were not compared.
      const unkeyed = await runCli(["health", stack.configDir], stack.root, {});
      expect(unkeyed.stdout.match(/served models not compared: LITELLM_MASTER_KEY is not set/g)).toHaveLength(
        1,
      );
    });
  },
);

describe("switchyard doctor options", () => {
  test("a config directory that cannot be read exits 2, as every command does, and says why", async () => {
    const { code, stdout } = await runCli(["doctor", "--config-dir", "/nonexistent-switchyard-dir"]);
    expect(code).toBe(2);
    expect(stdout).toMatch(
      /✖ yaml\s+Cannot read directory \/nonexistent-switchyard-dir: no such file or directory/,
    );
    expect(stdout).toMatch(/- schema\s+the config directory cannot be read/);
    expect(stdout).not.toMatch(/✔/);
  });

  test("the audit gate is parsed by the audit: a bad --fail-on is a usage error", async () => {
    const { code, stderr } = await runCli(["doctor", "--fail-on", "severe"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--fail-on");
  });
});
