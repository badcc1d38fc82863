import { loadConfigSet } from "@switchyard/config-schema/load";
import { describe, expect, test } from "vitest";
import { planHealthProbes } from "./plan.js";

const example = new URL("../../../examples/config/", import.meta.url).pathname;

describe("planHealthProbes", () => {
  test("the example stack: one probe per self-hosted endpoint, the gateway, Redis; cloud and disabled left out", async () => {
    const set = await loadConfigSet(example);
    const plan = planHealthProbes({
      providers: set.files.providers!.value!,
      ports: set.files.ports!.value!,
      gateway: { masterKey: { env: "LITELLM_MASTER_KEY" } },
      env: {},
    });
    expect(
      plan.targets.map((t) => [t.kind, t.id, t.kind === "redis" ? `${t.host}:${t.port}` : t.url, t.services]),
    ).toEqual([
      ["ollama", "ollama", "http://127.0.0.1:11434", ["ollama"]],
      ["vllm", "vllm-qwen", "http://127.0.0.1:8001/v1", ["vllm"]],
      ["llamacpp-python", "llamacpp-python", "http://127.0.0.1:8000/v1", ["llamacpp-python"]],
      ["llamacpp", "llamacpp-native", "http://127.0.0.1:8080/v1", ["llamacpp-native"]],
      ["litellm", "litellm", "http://127.0.0.1:4000", ["litellm"]],
      ["redis", "redis", "127.0.0.1:6379", ["redis"]],
    ]);
    const ollama = plan.targets[0]!;
    expect(ollama.kind === "ollama" && [...ollama.expectedModels!.names]).toEqual([
      "llama3.1:8b",
      "qwen2.5-coder:7b",
      "nomic-embed-text",
    ]);
    // The services of the example with nothing to probe, read from the example itself (so a service
    // added there is expected here too): no health_url, no provider hosted, and not Redis (probed by RESP).
    const unprobed = Object.entries(set.files.ports!.value!.services)
      .filter(
        ([, s]) =>
          s.health_url === undefined &&
          (s.providers ?? []).length === 0 &&
          !(s.expected_processes ?? []).includes("redis-server"),
      )
      .map(([id]) => ({ id, reason: "no health_url, and it hosts no provider" }));
    expect(unprobed.map((s) => s.id)).toContain("redis-exporter");
    expect(plan.skipped).toEqual([
      { id: "vllm-dolphin", reason: "disabled: gets no traffic, so it is not probed" },
      { id: "openai", reason: "a cloud provider (openai): not probed" },
      ...unprobed,
    ]);
  });

  test("providers sharing a base URL share a probe; api keys resolve from the environment; health_urls are probed", () => {
    const plan = planHealthProbes({
      providers: {
        schema_version: "2.0.0",
        providers: {
          a: {
            type: "vllm",
            base_url: "http://10.0.0.5:8001/v1/",
            models: [{ name: "m1" }],
            api_key: "os.environ/VLLM_KEY",
          },
          b: { type: "vllm", base_url: "http://10.0.0.5:8001/v1", models: [{ name: "m2" }] },
        },
      },
      ports: {
        schema_version: "2.0.0",
        services: {
          webui: { port: 3000, health_url: "http://127.0.0.1:3000/health" },
          cache: { port: 6380, host: "0.0.0.0", expected_processes: ["redis-server"] },
          quiet: { port: 9999 },
        },
      },
      redis: [{ host: "127.0.0.1", port: 6380, password: { env: "REDIS_PASSWORD", value: "x" } }],
      env: { VLLM_KEY: "k" },
    });
    expect(plan.targets).toEqual([
      {
        kind: "vllm",
        id: "a+b",
        url: "http://10.0.0.5:8001/v1",
        providers: ["a", "b"],
        services: [],
        apiKey: { env: "VLLM_KEY", value: "k" },
        expectedModels: { names: new Set(["m1", "m2"]) },
      },
      {
        kind: "redis",
        id: "cache",
        host: "127.0.0.1",
        port: 6380,
        services: ["cache"],
        password: { env: "REDIS_PASSWORD", value: "x" },
      },
      { kind: "http", id: "webui", url: "http://127.0.0.1:3000/health", services: ["webui"] },
    ]);
    expect(plan.skipped.map((s) => s.id)).toEqual(["gateway", "quiet"]);
  });
});
