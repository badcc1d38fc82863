import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigFile } from "@switchyard/config-schema/load";
import { runReadmeSnippet } from "@switchyard/test-utils";
import { expect, test } from "vitest";
import { PORT_STATES } from "../src/index.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/config/", import.meta.url));

test("the README's usage snippet runs on the example registry and prints what it says", async () => {
  const { logs: calls } = await runReadmeSnippet(new URL("../README.md", import.meta.url), {
    "examples/config/": EXAMPLE,
  });
  // The example's services and ports, read from the example itself (so a service added there is
  // expected here too): a line per service, in file order.
  const registry = (await loadConfigFile("ports", join(EXAMPLE, "ports.yaml"))).value!;
  const services = Object.keys(registry.services);
  expect(services).toContain("litellm");
  // A line per service (its state, whichever it is on this machine right now), then the verdict.
  expect(calls.slice(0, services.length).map((c) => c[0])).toEqual(services);
  for (const call of calls.slice(0, services.length)) {
    expect(PORT_STATES).toContain(call[1]);
    expect(call[2]).toMatch(/\S/);
  }
  const verdict = calls[services.length]![0];
  expect(verdict === "ready" || Array.isArray(verdict)).toBe(true);
  // The waves its comment shows (every backend, then the gateway that depends on them), and free
  // ports near vllm's 8001 that no service registers.
  expect(calls[services.length + 1]![0]).toEqual([services.filter((id) => id !== "litellm"), ["litellm"]]);
  const suggestions = calls[services.length + 2]![0] as number[];
  expect(suggestions.length).toBeGreaterThan(0);
  const registered = Object.values(registry.services).map((s) => s.port);
  for (const port of suggestions) {
    expect(Number.isInteger(port)).toBe(true);
    expect(registered).not.toContain(port);
  }
});
