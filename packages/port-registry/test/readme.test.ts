import { fileURLToPath } from "node:url";
import { runReadmeSnippet } from "@switchyard/test-utils";
import { expect, test } from "vitest";
import { PORT_STATES } from "../src/index.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/config/", import.meta.url));

test("the README's usage snippet runs on the example registry and prints what it says", async () => {
  const { logs: calls } = await runReadmeSnippet(new URL("../README.md", import.meta.url), {
    "examples/config/": EXAMPLE,
  });
  // A line per service (its state, whichever it is on this machine right now), then the verdict.
  const services = [
    "litellm",
    "ollama",
    "llamacpp-python",
    "llamacpp-native",
    "vllm",
    "redis",
    "switchyard-server",
    "redis-exporter",
  ];
  expect(calls.slice(0, services.length).map((c) => c[0])).toEqual(services);
  for (const call of calls.slice(0, services.length)) {
    expect(PORT_STATES).toContain(call[1]);
    expect(call[2]).toMatch(/\S/);
  }
  const verdict = calls[services.length]![0];
  expect(verdict === "ready" || Array.isArray(verdict)).toBe(true);
  // The waves its comment shows, and free ports near vllm's 8001 that no service registers.
  expect(calls[services.length + 1]![0]).toEqual([
    ["ollama", "llamacpp-python", "llamacpp-native", "vllm", "redis", "switchyard-server", "redis-exporter"],
    ["litellm"],
  ]);
  const suggestions = calls[services.length + 2]![0] as number[];
  expect(suggestions.length).toBeGreaterThan(0);
  for (const port of suggestions) {
    expect(Number.isInteger(port)).toBe(true);
    expect([4000, 11434, 8000, 8080, 8001, 6379, 4100, 9121]).not.toContain(port);
  }
});
