import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { freePort, tempDir } from "@switchyard/test-utils";
import { afterAll, describe, expect, test } from "vitest";
import { startBackend, startGateway, startRedis, stopAll } from "../../test/stand-ins.mjs";
import { probeOnce } from "./index.js";
import type { ProbeTarget } from "./types.js";

afterAll(stopAll);

const context = { timeoutMs: 2000, now: () => performance.now() };
const names = (...list: string[]) => ({ names: new Set(list) });
const probe = (target: ProbeTarget) => probeOnce(target, context);
const url = (port: number, path = "") => `http://127.0.0.1:${port}${path}`;

describe("Ollama", () => {
  test("healthy with its version when every configured tag is pulled (a bare name means :latest)", async () => {
    const ollama = await startBackend("ollama", { models: ["llama3.1:8b", "nomic-embed-text", "extra:1b"] });
    const result = await probe({
      kind: "ollama",
      id: "ollama",
      url: url(ollama.port),
      expectedModels: names("llama3.1:8b", "nomic-embed-text"),
    });
    expect(result).toMatchObject({
      status: "healthy",
      version: "0.6.2",
      reason: "up, serving all 2 expected models",
    });
    expect(result.steps.map((s) => [s.name, s.outcome])).toEqual([
      ["GET /api/version", "200"],
      ["GET /api/tags", "200"],
    ]);
    // Models Ollama has beyond the config are normal.
    expect(result.models?.unexpected).toEqual(["extra:1b"]);
  });

  test("a missing model is named, with the pull that fixes it", async () => {
    const ollama = await startBackend("ollama", { models: ["llama3.1:8b"] });
    const result = await probe({
      kind: "ollama",
      id: "ollama",
      url: url(ollama.port),
      expectedModels: names("llama3.1:8b", "qwen2.5-coder:7b"),
    });
    expect(result).toMatchObject({
      status: "degraded",
      reason: "up, but missing qwen2.5-coder:7b",
      hint: "ollama pull qwen2.5-coder:7b",
    });
  });

  test("connection refused is down, and worth retrying", async () => {
    const port = await freePort();
    const result = await probe({ kind: "ollama", id: "ollama", url: url(port) });
    expect(result).toMatchObject({ status: "down", retryable: true });
    expect(result.reason).toBe("connection refused: Ollama is not answering");
  });

  test("localhost in a base URL is probed as 127.0.0.1, then [::1]", async () => {
    const v6only = await startBackend("ollama", { host: "::1", models: ["a:1"] });
    const result = await probe({
      kind: "ollama",
      id: "ollama",
      url: `http://localhost:${v6only.port}`,
      expectedModels: names("a:1"),
    });
    expect(result.status).toBe("healthy");
    expect(result.steps[0]).toMatchObject({ name: "GET /api/version", outcome: "connection refused" });
  });
});

describe("vLLM", () => {
  test("healthy when /health is 200 and the served name is the configured one", async () => {
    const vllm = await startBackend("vllm", { models: ["Qwen/Qwen2.5-7B-Instruct"] });
    const result = await probe({
      kind: "vllm",
      id: "vllm",
      url: url(vllm.port, "/v1"),
      expectedModels: names("Qwen/Qwen2.5-7B-Instruct"),
    });
    expect(result.status).toBe("healthy");
    expect(result.steps.map((s) => s.name)).toEqual(["GET /health", "GET /v1/models"]);
  });

  test("serving another name is degraded, naming both and the flag that fixes it", async () => {
    const vllm = await startBackend("vllm", { models: ["cognitivecomputations/Dolphin3.0-Llama3.1-8B"] });
    const result = await probe({
      kind: "vllm",
      id: "vllm",
      url: url(vllm.port, "/v1"),
      expectedModels: names("Qwen/Qwen2.5-7B-Instruct"),
    });
    expect(result.status).toBe("degraded");
    expect(result.reason).toBe(
      "up, but missing Qwen/Qwen2.5-7B-Instruct; serving cognitivecomputations/Dolphin3.0-Llama3.1-8B instead",
    );
    expect(result.hint).toContain("--served-model-name Qwen/Qwen2.5-7B-Instruct");
  });

  test("refused means booting or stopped (vLLM opens its port after the weights load)", async () => {
    const result = await probe({ kind: "vllm", id: "vllm", url: url(await freePort(), "/v1") });
    expect(result.status).toBe("down");
    expect(result.reason).toContain("booting or stopped");
  });

  test("an API key it wants and does not get is unauthorized, naming the variable", async () => {
    const vllm = await startBackend("vllm", { models: ["m"], apiKey: "k-1" });
    const missing = await probe({
      kind: "vllm",
      id: "vllm",
      url: url(vllm.port, "/v1"),
      apiKey: { env: "VLLM_KEY" },
    });
    expect(missing).toMatchObject({
      status: "unauthorized",
      reason: "vLLM wants an API key (HTTP 401) and VLLM_KEY is not set",
    });
    const right = await probe({
      kind: "vllm",
      id: "vllm",
      url: url(vllm.port, "/v1"),
      apiKey: { env: "VLLM_KEY", value: "k-1" },
    });
    expect(right.status).toBe("healthy");
  });
});

describe("llama.cpp llama-server", () => {
  test("503 Loading model is its own state, not down", async () => {
    const server = await startBackend("llamacpp", { models: ["phi-3.5-mini"], loadingMs: "forever" });
    const result = await probe({
      kind: "llamacpp",
      id: "llamacpp",
      url: url(server.port, "/v1"),
      expectedModels: names("phi-3.5-mini"),
    });
    expect(result).toMatchObject({
      status: "loading",
      retryable: false,
      reason: "up, loading its model (503 Loading model)",
    });
  });

  test("ready: the alias is served; without one it serves the file path, and the hint says --alias", async () => {
    const ready = await startBackend("llamacpp", { models: ["phi-3.5-mini"] });
    expect(
      (
        await probe({
          kind: "llamacpp",
          id: "l",
          url: url(ready.port, "/v1"),
          expectedModels: names("phi-3.5-mini"),
        })
      ).status,
    ).toBe("healthy");
    const path = await startBackend("llamacpp", { models: ["/models/Phi-3.5-mini-instruct-Q4_K_M.gguf"] });
    const result = await probe({
      kind: "llamacpp",
      id: "l",
      url: url(path.port, "/v1"),
      expectedModels: names("phi-3.5-mini"),
    });
    expect(result.status).toBe("degraded");
    expect(result.hint).toBe(
      "Start llama-server with --alias phi-3.5-mini (without one it serves the file path /models/Phi-3.5-mini-instruct-Q4_K_M.gguf), or list the served name in providers.yaml.",
    );
  });
});

describe("llama-cpp-python", () => {
  test("no /health: /v1/models answers, and a timeout there means busy, not down", async () => {
    const idle = await startBackend("llamacpp-python", { models: ["mistral-7b-instruct"] });
    const ok = await probe({
      kind: "llamacpp-python",
      id: "p",
      url: url(idle.port, "/v1"),
      expectedModels: names("mistral-7b-instruct"),
    });
    expect(ok.status).toBe("healthy");
    expect(ok.steps.map((s) => s.name)).toEqual(["GET /v1/models"]);
    const busy = await startBackend("llamacpp-python", { models: ["mistral-7b-instruct"], busy: true });
    const start = performance.now();
    const result = await probeOnce(
      { kind: "llamacpp-python", id: "p", url: url(busy.port, "/v1") },
      { timeoutMs: 400, now: () => performance.now() },
    );
    expect(result.status).toBe("busy");
    expect(result.reason).toBe(
      "no response within 400 ms on /models: busy (a generation holds the model lock), not down",
    );
    expect(performance.now() - start).toBeGreaterThanOrEqual(390);
  });
});

describe("the LiteLLM gateway", () => {
  const config = async (models: string[]) => {
    const dir = await tempDir("sy-gw-");
    const path = join(dir, "litellm-unified.yaml");
    await writeFile(
      path,
      [
        "model_list:",
        ...models.map((m) => `  - model_name: ${m}\n    litellm_params: {model: openai/${m}}`),
        "general_settings:",
        "  master_key: os.environ/TEST_MASTER_KEY",
        "",
      ].join("\n"),
    );
    return path;
  };
  const env = { TEST_MASTER_KEY: "sk-test-master" };
  const key = { env: "TEST_MASTER_KEY", value: "sk-test-master" };

  test("alive, ready and serving the generated names with the master key", async () => {
    const gateway = await startGateway(await config(["llama3.1", "gpt-4o"]), { env });
    const result = await probe({
      kind: "litellm",
      id: "litellm",
      url: url(gateway.port),
      apiKey: key,
      expectedModels: names("gpt-4o", "llama3.1"),
    });
    expect(result).toMatchObject({ status: "healthy", version: "1.74.0" });
    expect(result.steps.map((s) => [s.name, s.outcome])).toEqual([
      ["GET /health/liveliness", "200"],
      ["GET /health/readiness", "200"],
      ["GET /v1/models", "200"],
    ]);
  });

  test("alive but not ready is degraded, with where to look", async () => {
    const gateway = await startGateway(await config(["a"]), { env, behaviour: "never-ready" });
    const result = await probe({ kind: "litellm", id: "litellm", url: url(gateway.port), apiKey: key });
    expect(result.status).toBe("degraded");
    expect(result.reason).toMatch(/^alive, but not ready: GET \/health\/readiness answered 503 /);
    expect(result.hint).toContain("database_url");
  });

  test("a generated model it does not serve is named; a wrong key is unauthorized; no key is a note", async () => {
    const gateway = await startGateway(await config(["a", "b"]), { env, behaviour: "drop-model=b" });
    const target = {
      kind: "litellm",
      id: "litellm",
      url: url(gateway.port),
      expectedModels: names("a", "b"),
    } as const;
    expect(await probe({ ...target, apiKey: key })).toMatchObject({
      status: "degraded",
      reason: "up, but missing b",
    });
    expect(await probe({ ...target, apiKey: { env: "TEST_MASTER_KEY", value: "wrong" } })).toMatchObject({
      status: "unauthorized",
      reason: "the gateway refused the key in TEST_MASTER_KEY (HTTP 401)",
    });
    const unkeyed = await probe({ ...target, apiKey: { env: "TEST_MASTER_KEY" } });
    expect(unkeyed.status).toBe("healthy");
    expect(unkeyed.unchecked).toBe("served models not compared: TEST_MASTER_KEY is not set");
  });
});

describe("Redis (a real redis-server)", () => {
  test("PING answers PONG, with the server's version", async () => {
    const redis = await startRedis();
    const result = await probe({ kind: "redis", id: "redis", host: "127.0.0.1", port: redis.port });
    expect(result.status).toBe("healthy");
    expect(result.reason).toMatch(/^PONG \(Redis \d+\.\d+\.\d+\)$/);
  });

  test("a password: NOAUTH without it, WRONGPASS with a wrong one, PONG with the right one", async () => {
    const redis = await startRedis({ password: "s3cret-pass" });
    const target = { kind: "redis", id: "redis", host: "127.0.0.1", port: redis.port } as const;
    expect(await probe(target)).toMatchObject({
      status: "unauthorized",
      reason: "Redis requires a password, and none is configured",
    });
    expect(await probe({ ...target, password: { env: "REDIS_PASSWORD" } })).toMatchObject({
      status: "unauthorized",
      reason: "Redis requires a password, and REDIS_PASSWORD is not set",
    });
    const wrong = await probe({ ...target, password: { env: "REDIS_PASSWORD", value: "nope" } });
    expect(wrong.status).toBe("unauthorized");
    expect(wrong.reason).toMatch(/^Redis refused the password in REDIS_PASSWORD \((WRONGPASS|ERR)\)$/);
    expect(JSON.stringify(wrong)).not.toContain("nope");
    const right = await probe({ ...target, password: { env: "REDIS_PASSWORD", value: "s3cret-pass" } });
    expect(right.status).toBe("healthy");
    expect(right.steps.map((s) => [s.name, s.outcome])).toEqual([
      ["AUTH", "+OK"],
      ["PING", "+PONG"],
    ]);
  });

  test("nothing on the port is down", async () => {
    const result = await probe({ kind: "redis", id: "redis", host: "127.0.0.1", port: await freePort() });
    expect(result).toMatchObject({ status: "down", reason: "connection refused: Redis is not answering" });
  });
});
