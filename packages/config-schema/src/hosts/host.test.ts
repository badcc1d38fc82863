import { createServer, Server } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// The public entry `@switchyard/config-schema/hosts`: the host model as its users import it.
import * as model from "../entries/hosts.js";

describe("parseHost", () => {
  it.each([
    ["0.0.0.0", "wildcard", 4, "0.0.0.0"],
    ["::", "wildcard", 6, "::"],
    ["[::]", "wildcard", 6, "::"],
    ["0:0:0:0:0:0:0:0", "wildcard", 6, "::"],
    ["::ffff:0.0.0.0", "wildcard", 4, "0.0.0.0"],
    ["*", "wildcard", undefined, "*"],
    ["", "wildcard", undefined, "*"],
    ["  ", "wildcard", undefined, "*"],
    ["127.0.0.1", "loopback", 4, "127.0.0.1"],
    ["127.3.2.1", "loopback", 4, "127.3.2.1"],
    ["::1", "loopback", 6, "::1"],
    ["[0:0:0:0:0:0:0:1]", "loopback", 6, "::1"],
    ["::ffff:127.0.0.1", "loopback", 4, "127.0.0.1"],
    ["::FFFF:7F00:1", "loopback", 4, "127.0.0.1"],
    ["LOCALHOST", "loopback", undefined, "localhost"],
    ["localhost.", "loopback", undefined, "localhost"],
    ["gpu.localhost", "loopback", undefined, "gpu.localhost"],
    ["10.0.0.5", "address", 4, "10.0.0.5"],
    ["::ffff:10.0.0.5", "address", 4, "10.0.0.5"],
    ["2001:DB8:0:0:0:0:0:1", "address", 6, "2001:db8::1"],
    ["fe80::1%eth0", "address", 6, "fe80::1%eth0"],
    ["GPU-Box.lan", "name", undefined, "gpu-box.lan"],
    ["256.1.1.1", "name", undefined, "256.1.1.1"],
    ["127.1", "name", undefined, "127.1"],
  ] as const)("%j is %s (family %s, key %s)", (text, kind, family, key) => {
    const host = model.parseHost(text);
    expect(host.kind).toBe(kind);
    expect(host.family).toBe(family);
    expect(host.key).toBe(key);
    expect(model.isWildcardHost(text)).toBe(kind === "wildcard");
    expect(model.isLoopbackHost(text)).toBe(kind === "loopback");
  });

  it("prints IPv6 as RFC 5952 says and reads back what it prints", () => {
    expect(model.formatIPv6(model.parseIPv6("2001:db8:0:0:1:0:0:1")!)).toBe("2001:db8::1:0:0:1");
    expect(model.formatIPv6(model.parseIPv6("2001:0db8:0000:0001:0001:0001:0001:0001")!)).toBe(
      "2001:db8:0:1:1:1:1:1",
    );
    expect(model.parseIPv6("1::2::3")).toBeUndefined();
    expect(model.parseIPv6("1:2:3:4:5:6:7:8:9")).toBeUndefined();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = model.formatIPv6(bytes);
        expect(model.parseIPv6(text)).toEqual(bytes);
        expect(model.formatIPv6(model.parseIPv6(text.toUpperCase())!)).toBe(text);
      }),
    );
  });
});

describe("formatHostPort and connectHost", () => {
  it("brackets IPv6 and connects to wildcard and localhost binds on 127.0.0.1", () => {
    expect(model.formatHostPort("::1", 4000)).toBe("[::1]:4000");
    expect(model.formatHostPort("0.0.0.0", 4000)).toBe("0.0.0.0:4000");
    expect(model.formatHostPort("", 4000)).toBe("*:4000");
    expect(model.connectHost("0.0.0.0")).toBe("127.0.0.1");
    expect(model.connectHost("[::]")).toBe("127.0.0.1");
    expect(model.connectHost("localhost")).toBe("127.0.0.1");
    expect(model.connectHost("::1")).toBe("[::1]");
    expect(model.connectHost("gpu-box")).toBe("gpu-box");
  });
});

describe("bindsOverlap", () => {
  it("pins the behaviour where the four old copies disagreed", () => {
    // The empty host and `*` bind everything (port-registry and audit said so; consistency did not).
    expect(model.bindsOverlap("", "10.0.0.5")).toBe(true);
    // Brackets, case and other spellings of `::` are the same wildcard (only audit knew 0:0:…:0).
    expect(model.bindsOverlap("[::]", "10.0.0.5")).toBe(true);
    expect(model.bindsOverlap("0:0:0:0:0:0:0:0", "127.0.0.1")).toBe(true);
    // `0.0.0.0` takes IPv4 only: `::1` can still be bound beside it (every copy said it clashed).
    expect(model.bindsOverlap("0.0.0.0", "::1")).toBe(false);
    expect(model.bindsOverlap("0.0.0.0", "2001:db8::1")).toBe(false);
    expect(model.bindsOverlap("::", "::1")).toBe(true);
    // IPv4-mapped addresses are their IPv4 address (no copy knew them).
    expect(model.bindsOverlap("::ffff:127.0.0.1", "127.0.0.1")).toBe(true);
    expect(model.bindsOverlap("::ffff:0.0.0.0", "10.0.0.5")).toBe(true);
    // localhost may resolve to 127.0.0.1 or ::1 (consistency folded it into 127.0.0.1 only).
    expect(model.bindsOverlap("localhost", "127.0.0.1")).toBe(true);
    expect(model.bindsOverlap("LOCALHOST", "::1")).toBe(true);
    expect(model.bindsOverlap("localhost", "127.0.0.2")).toBe(false);
    // Names are not resolved: a wildcard covers them, another address does not.
    expect(model.bindsOverlap("gpu-box", "0.0.0.0")).toBe(true);
    expect(model.bindsOverlap("gpu-box", "GPU-BOX.")).toBe(true);
    expect(model.bindsOverlap("gpu-box", "10.0.0.5")).toBe(false);
  });

  it("is symmetric", () => {
    const hosts = [
      "",
      "*",
      "0.0.0.0",
      "::",
      "127.0.0.1",
      "::1",
      "localhost",
      "10.0.0.5",
      "gpu",
      "::ffff:0.0.0.0",
    ];
    for (const a of hosts)
      for (const b of hosts) expect(model.bindsOverlap(a, b)).toBe(model.bindsOverlap(b, a));
  });

  // The kernel is the oracle: bind two real listeners on one port and see whether the second fails.
  it.skipIf(process.platform !== "linux")(
    "agrees with Linux on every pair of loopback-reachable binds",
    async () => {
      const hosts = [
        "0.0.0.0",
        "::",
        "127.0.0.1",
        "127.0.0.2",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:127.0.0.2",
        "::ffff:0.0.0.0",
      ];
      const listen = (host: string, port: number) =>
        new Promise<Server | NodeJS.ErrnoException>((resolve) => {
          const server = createServer();
          server.once("error", (error: NodeJS.ErrnoException) => resolve(error));
          server.listen({ host, port, exclusive: true }, () => resolve(server));
        });
      const close = (server: Server) => new Promise((resolve) => server.close(resolve));
      const mismatches: string[] = [];
      for (const a of hosts) {
        for (const b of hosts) {
          const first = await listen(a, 0);
          if (!(first instanceof Server)) throw first;
          const port = (first.address() as { port: number }).port;
          const second = await listen(b, port);
          const kernelSaysOverlap = !(second instanceof Server);
          if (second instanceof Server) await close(second);
          else if (second.code !== "EADDRINUSE") throw second;
          await close(first);
          if (kernelSaysOverlap !== model.bindsOverlap(a, b))
            mismatches.push(`${a} then ${b}: kernel ${kernelSaysOverlap}, model ${model.bindsOverlap(a, b)}`);
        }
      }
      expect(mismatches).toEqual([]);
    },
  );
});
