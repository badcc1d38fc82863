import { describe, expect, test } from "vitest";
import { holdPorts } from "../../test/processes.js";
import { checkPorts } from "../status/service-status.js";
import { redactArgv } from "./redact-argv.js";

const KEY = "sk-proj-AbCdEf1234567890abcdef1234567890";

describe("command lines lose their secrets", () => {
  test("option values that name a secret, inline or next, and arguments shaped like one", () => {
    expect(
      redactArgv([
        "/usr/bin/python3",
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--api-key",
        "hunter2",
        "--hf-token=hf_abcdefghijklmnopqrstuvwxyz0123456789",
        "--model",
        "Qwen/Qwen2.5-7B-Instruct",
        KEY,
        "--port",
        "8001",
      ]),
    ).toEqual([
      "/usr/bin/python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
      "--api-key",
      "**** (7 chars)",
      "--hf-token=hf_a…**** (39 chars)",
      "--model",
      "Qwen/Qwen2.5-7B-Instruct",
      "sk-p…**** (40 chars)",
      "--port",
      "8001",
    ]);
    // A retitled process keeps its whole command line in one string.
    expect(redactArgv([`litellm --config c.yaml ${KEY}`])).toEqual([
      "litellm --config c.yaml sk-p…**** (40 chars)",
    ]);
    // Nothing to hide: unchanged, position for position.
    const plain = ["llama-server", "-m", "/models/phi.gguf", "--alias", "phi-3.5-mini", "--port", "8080"];
    expect(redactArgv(plain)).toEqual(plain);
  });

  test("a process started with its key on the command line: the report names it without the key", async () => {
    const holder = await holdPorts("127.0.0.1/0", "--", "--api-key", KEY, "--token", "t0ps3cret-t0ken");
    try {
      const port = holder.ports[0]!.port;
      const report = await checkPorts({
        schema_version: "2.0.0",
        services: { vllm: { port, expected_processes: ["vllm"] } },
      });
      const status = report.services[0]!;
      expect(status.state).toBe("CONFLICT");
      const cmdline = status.holders[0]!.processes[0]!.cmdline;
      expect(cmdline).toContain("--api-key");
      expect(cmdline).toContain("sk-p…**** (40 chars)");
      const json = JSON.stringify(report);
      expect(json).not.toContain(KEY);
      expect(json).not.toContain("t0ps3cret-t0ken");
    } finally {
      await holder.stop();
    }
  });
});
