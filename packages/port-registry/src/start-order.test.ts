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
    // Derived from the example (whatever services it registers): the gateway depends on backends
    // that depend on nothing, so they form the first wave, in file order, and the gateway the second.
    const services = Object.entries(file.value!.services);
    const gateway = services.filter(([, s]) => (s.depends_on ?? []).length > 0).map(([id]) => id);
    expect(gateway).toEqual(["litellm"]);
    const backends = services.filter(([id]) => !gateway.includes(id)).map(([id]) => id);
    expect(backends.length).toBeGreaterThanOrEqual(5);
    expect(startOrder(file.value!)).toEqual({
      waves: [backends, gateway],
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
