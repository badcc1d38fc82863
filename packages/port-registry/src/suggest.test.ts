import { describe, expect, test } from "vitest";
import { holdPorts } from "../test/processes.js";
import { probeBind } from "./status/bind-probe.js";
import { ephemeralPortRange, suggestPorts } from "./suggest.js";

describe.skipIf(process.platform !== "linux")("suggestPorts", () => {
  test("skips registered and listening ports, confirms each by binding, and says it is a hint", async () => {
    // A run of three ports: the middle one is the service's, one neighbour is held on ::1 only
    // (a 127.0.0.1 probe would call it free), the other is registered to another service.
    let base = 0;
    let holder: Awaited<ReturnType<typeof holdPorts>> | undefined;
    for (let attempt = 0; attempt < 20 && holder === undefined; attempt++) {
      base = 20000 + Math.floor(Math.random() * 9000);
      holder = await holdPorts(`::1/${base + 1}`).catch(() => undefined);
    }
    expect(holder).toBeDefined();
    try {
      const ports = {
        schema_version: "2.0.0",
        services: { vllm: { port: base }, other: { port: base - 1 } },
      };
      const result = await suggestPorts(ports, "vllm", { count: 2 });
      expect(result?.suggestions).not.toContain(base + 1);
      expect(result?.suggestions).not.toContain(base - 1);
      expect(result?.suggestions).toHaveLength(2);
      for (const port of result!.suggestions) {
        expect(Math.abs(port - base)).toBeGreaterThan(1);
        expect(port).toBeLessThan(ephemeralPortRange()[0]);
      }
      expect(result?.advisory).toMatch(/hint, not a reservation/);
      expect((await probeBind("::", base + 1)).result).toBe("in-use");
      expect(await suggestPorts(ports, "nope")).toBeUndefined();
    } finally {
      await holder?.stop();
    }
  });

  test("a service on an ephemeral port gets suggestions below the range", async () => {
    const [low] = ephemeralPortRange();
    const ports = { schema_version: "2.0.0", services: { late: { port: low + 5000 } } };
    const result = await suggestPorts(ports, "late", { count: 1, listeners: [] });
    expect(result?.suggestions).toHaveLength(1);
    expect(result!.suggestions[0]).toBeLessThan(low);
  });

  test("reads the kernel's ephemeral range", () => {
    const [low, high] = ephemeralPortRange();
    expect(low).toBeGreaterThan(1023);
    expect(high).toBeGreaterThanOrEqual(low);
    expect(ephemeralPortRange("/nonexistent-proc")).toEqual([32768, 60999]);
  });
});
