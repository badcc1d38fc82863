import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { processTestConfig, runReadmeSnippet, tempDir } from "@switchyard/test-utils";
import { afterAll, expect, test, vi } from "vitest";
import { startBackend, startRedis, stopAll } from "./stand-ins.mjs";

// Real servers and a snippet process: each step waits for its event; the ceiling is a hang guard.
vi.setConfig(processTestConfig);

afterAll(stopAll);

test("the README's snippet probes a config's Ollama and Redis and prints each with its latency", async () => {
  const ollama = await startBackend("ollama", { models: ["llama3.1:8b"], title: "ollama serve" });
  const redis = await startRedis();
  const dir = await tempDir("sy-health-readme-");
  await writeFile(
    join(dir, "providers.yaml"),
    `schema_version: "2.0.0"\nproviders:\n  ollama:\n    type: ollama\n    base_url: http://127.0.0.1:${ollama.port}\n    models:\n      - name: llama3.1:8b\n      - name: qwen2.5-coder:7b\n`,
  );
  await writeFile(
    join(dir, "ports.yaml"),
    `schema_version: "2.0.0"\nservices:\n  redis:\n    port: ${redis.port}\n    expected_processes: [redis-server]\n`,
  );
  try {
    const { logs: lines } = await runReadmeSnippet(new URL("../README.md", import.meta.url), {
      '"examples/config"': JSON.stringify(dir),
    });
    expect(lines.map((l) => [l[0], l[1], l[2]])).toEqual([
      ["ollama", "degraded", "up, but missing qwen2.5-coder:7b"],
      ["redis", "healthy", expect.stringMatching(/^PONG \(Redis \d+\.\d+\.\d+\)$/)],
    ]);
    for (const line of lines) expect(line[3]).toMatch(/^\d+ ms$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
