import { loadConfigFile } from "@switchyard/config-schema/load";
import { describe, expect, test } from "vitest";
import { startOrder } from "./start-order.js";

const services = (deps: Record<string, string[]>) => ({
  schema_version: "2.0.0",
  services: Object.fromEntries(
    Object.entries(deps).map(([id, depends_on], i) => [id, { port: 9000 + i, depends_on }]),
  ),
});

describe("startOrder", () => {
  test("the example stack starts its backends first and the gateway after them", async () => {
    const file = await loadConfigFile(
      "ports",
      new URL("../../../examples/config/ports.yaml", import.meta.url).pathname,
    );
    expect(startOrder(file.value!)).toEqual({
      waves: [
        [
          "ollama",
          "llamacpp-python",
          "llamacpp-native",
          "vllm",
          "redis",
          "switchyard-server",
          "redis-exporter",
        ],
        ["litellm"],
      ],
      cycles: [],
      blocked: [],
      unknown: [],
    });
  });

  test("names cycles with their path, blocks what needs them, and sets unknown names aside", () => {
    const order = startOrder(
      services({
        litellm: ["redis", "ghost"],
        redis: ["proxy"],
        proxy: ["litellm"],
        web: ["litellm"],
        db: [],
      }),
    );
    expect(order.waves).toEqual([["db"]]);
    expect(order.cycles).toEqual([
      { path: ["litellm", "redis", "proxy", "litellm"], text: "litellm -> redis -> proxy -> litellm" },
    ]);
    expect(order.blocked).toEqual(["litellm", "redis", "proxy", "web"]);
    expect(order.unknown).toEqual([{ service: "litellm", dependsOn: "ghost" }]);
  });
});
