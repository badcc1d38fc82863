import { describe, expect, test } from "vitest";
import { matchExpectedProcess } from "./expected-process.js";

const proc = (comm: string, ...cmdline: string[]) => ({ pid: 1, comm, cmdline });

describe("matchExpectedProcess", () => {
  test.each([
    [proc("ollama", "/usr/local/bin/ollama", "serve"), ["ollama"], "ollama"],
    [proc("vllm", "/usr/bin/python3", "/usr/local/bin/vllm", "serve", "Qwen/Qwen2.5-7B"), ["vllm"], "vllm"],
    [proc("VLLM::EngineCor"), ["vllm"], "vllm"],
    [
      proc("python3", "python3", "-m", "llama_cpp.server", "--model", "m.gguf"),
      ["llama_cpp.server"],
      "llama_cpp.server",
    ],
    [
      proc("python3.11", "/usr/bin/python3.11", "-m", "vllm.entrypoints.openai.api_server"),
      ["python3"],
      "python3",
    ],
    [proc("llama_cpp.serve"), ["llama_cpp.server"], "llama_cpp.server"],
    [proc("Redis-Server", "redis-server *:6379"), ["redis-server"], "redis-server"],
  ])("%j matches %j", (process, expected, match) => {
    expect(matchExpectedProcess(process, expected)).toBe(match);
  });

  test.each([
    [proc("node", "node", "/srv/litellm-mock.js"), ["litellm"]],
    [proc("python3", "python3", "-m", "http.server", "--directory", "/models/ollama"), ["ollama"]],
    [proc("llama-server", "llama-server", "--alias", "vllm"), ["vllm"]],
  ])("%j does not match %j", (process, expected) => {
    expect(matchExpectedProcess(process, expected)).toBeUndefined();
  });
});

describe("processNames edge cases", () => {
  test("a script run by an interpreter, after options that take values", async () => {
    const { processNames } = await import("./expected-process.js");
    expect([
      ...processNames(
        proc("python3", "python3", "-W", "ignore", "/opt/litellm/bin/litellm", "--port", "4000"),
      ),
    ]).toEqual(["python", "litellm"]);
    expect([...processNames(proc("node", "node", "-e", "require('ollama')"))]).toEqual(["node"]);
  });
});
