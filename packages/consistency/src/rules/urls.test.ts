import { describe, expect, it } from "vitest";
import { base, check, lines } from "../test-support.js";

const withOllamaUrl = (url: string) => ({
  ...base,
  providers: base.providers.replace("http://127.0.0.1:11434", url),
});
const withVllmUrl = (url: string) => ({
  ...base,
  providers: base.providers.replace("http://127.0.0.1:8001/v1", url),
});

describe("SY2030 malformed-url", () => {
  it("reports URLs the schema pattern lets through but that cannot be parsed", () => {
    expect(lines(check(withOllamaUrl("http://127.0.0.1:114340")))).toEqual([
      "config/providers.yaml:5:15 error SY2030 The base_url of provider 'ollama' is not a valid URL: port 114340 is above 65535",
    ]);
    expect(
      lines(check(withOllamaUrl("http://127.0.0.1:11x34"))).map((l) => l.replace(/^.*SY2030 /, "")),
    ).toEqual(["The base_url of provider 'ollama' is not a valid URL: port '11x34' is not a number"]);
  });

  it("leaves values that are not URLs at all to the schema (SY1035)", () => {
    expect(check(withOllamaUrl("127.0.0.1:11434")).diagnostics.map((d) => d.code)).toEqual(["SY1035"]);
  });

  it("checks services' health URLs too", () => {
    const ports = base.ports.replace(
      "port: 4000",
      "port: 4000\n    health_url: http://127.0.0.1:99999/health",
    );
    expect(lines(check({ ...base, ports })).map((l) => l.replace(/^.*SY2030 /, ""))).toEqual([
      "The health_url of service 'litellm' is not a valid URL: port 99999 is above 65535",
    ]);
  });
});

describe("SY2031 url-credentials", () => {
  it("reports credentials without repeating them and suggests the clean URL", () => {
    const report = check(withVllmUrl("http://admin:s3cret-token@127.0.0.1:8001/v1"));
    expect(lines(report)).toEqual([
      "config/providers.yaml:11:15 error SY2031 The base_url of provider 'vllm' embeds credentials (a user name and a password)",
    ]);
    expect(report.diagnostics[0]?.suggestion).toBe("http://127.0.0.1:8001/v1");
    expect(JSON.stringify(report.diagnostics)).not.toContain("s3cret");
  });
});

describe("SY2032 url-path-mismatch", () => {
  it.each([
    [
      "ollama with /v1",
      withOllamaUrl("http://127.0.0.1:11434/v1"),
      "ends in /v1, but LiteLLM's Ollama provider (ollama_chat) calls /api/chat on the server root",
      "http://127.0.0.1:11434",
    ],
    [
      "vLLM without /v1",
      withVllmUrl("http://127.0.0.1:8001"),
      "has no /v1; vLLM serves the OpenAI API under /v1",
      "http://127.0.0.1:8001/v1",
    ],
    [
      "an endpoint path",
      withVllmUrl("http://127.0.0.1:8001/v1/chat/completions"),
      "ends in /chat/completions; LiteLLM appends the endpoint to the base URL itself",
      "http://127.0.0.1:8001/v1",
    ],
    [
      "Ollama's native endpoint",
      withOllamaUrl("http://127.0.0.1:11434/api/chat"),
      "ends in /api/chat; LiteLLM appends the endpoint to the base URL itself",
      "http://127.0.0.1:11434",
    ],
  ])("warns about %s with the fixed URL", (_, files, message, suggestion) => {
    const report = check(files);
    expect(
      report.diagnostics.map((d) => [
        d.code,
        d.severity,
        d.message.replace(/^The base_url of provider '\w+' /, ""),
        d.suggestion,
      ]),
    ).toEqual([["SY2032", "warning", message, suggestion]]);
  });

  it("accepts a reverse-proxy prefix for Ollama and /v1 under a prefix for OpenAI-compatible servers", () => {
    expect(
      check(withOllamaUrl("https://gpu.example.com/ollama")).diagnostics.filter((d) => d.code === "SY2032"),
    ).toEqual([]);
    expect(check(withVllmUrl("http://127.0.0.1:8001/qwen/v1/")).diagnostics).toEqual([]);
  });
});
