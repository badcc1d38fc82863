import { describe, expect, test } from "vitest";
import { holdPorts } from "../../test/processes.js";
import { readListeners } from "./listeners.js";
import { lsofArguments, parseLsof } from "./lsof.js";

describe("parseLsof", () => {
  test("reads lsof -F fields: processes, their descriptors, families and wildcard names", () => {
    const text = [
      "p812",
      "credis-server",
      "u999",
      "Lredis",
      "f6",
      "tIPv4",
      "PTCP",
      "n127.0.0.1:6379",
      "f7",
      "tIPv6",
      "PTCP",
      "n[::1]:6379",
      "p901",
      "cnode",
      "u0",
      "Lroot",
      "f19",
      "tIPv6",
      "PTCP",
      "n*:4000",
      "f20",
      "tIPv4",
      "PTCP",
      "n*:4001",
      "f21",
      "tIPv4",
      "PUDP",
      "n127.0.0.1:5000->127.0.0.1:53",
      "",
    ].join("\n");
    expect(parseLsof(text)).toEqual([
      {
        protocol: "tcp",
        family: 4,
        address: "127.0.0.1",
        port: 6379,
        pid: 812,
        command: "redis-server",
        uid: 999,
        user: "redis",
      },
      {
        protocol: "tcp",
        family: 6,
        address: "::1",
        port: 6379,
        pid: 812,
        command: "redis-server",
        uid: 999,
        user: "redis",
      },
      {
        protocol: "tcp",
        family: 6,
        address: "::",
        port: 4000,
        pid: 901,
        command: "node",
        uid: 0,
        user: "root",
      },
      {
        protocol: "tcp",
        family: 4,
        address: "0.0.0.0",
        port: 4001,
        pid: 901,
        command: "node",
        uid: 0,
        user: "root",
      },
    ]);
  });

  test("asks for listening TCP sockets with numeric names in machine-readable fields", () => {
    expect(lsofArguments(["tcp"])).toEqual(["-nP", "+c0", "-iTCP", "-sTCP:LISTEN", "-F", "pcuLftPn"]);
  });
});

describe("the lsof fallback (where /proc is unreadable)", () => {
  test.skipIf(process.platform !== "linux")(
    "finds the same listeners, processes and names as /proc, and says it used lsof",
    async () => {
      const holder = await holdPorts("--title", "fake-ollama", "127.0.0.1/0", "::1/0", "::/0");
      try {
        const ports = holder.ports.map((p) => p.port);
        const viaLsof = await readListeners({ procRoot: "/nonexistent-proc" });
        const viaProc = await readListeners({ ports });
        expect(viaLsof.source).toBe("lsof");
        expect(viaLsof.detail).toContain("/nonexistent-proc/net/tcp cannot be read");
        // The command it says it ran is the one it ran.
        expect(viaLsof.detail).toMatch(/^lsof -nP \+c0 -iTCP -sTCP:LISTEN -F pcuLftPn \(/);
        expect(viaProc.source).toBe("proc");
        const mine = (snapshot: typeof viaProc) =>
          snapshot.listeners
            .filter((l) => ports.includes(l.port))
            .map((l) => ({
              address: l.address,
              port: l.port,
              family: l.family,
              pids: l.processes.map((p) => p.pid),
              comm: l.processes.map((p) => p.comm),
              first: l.processes.map((p) => p.cmdline[0]),
            }))
            .sort((a, b) => a.port - b.port);
        expect(mine(viaLsof)).toEqual(mine(viaProc));
        expect(mine(viaProc)).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ address: "::", pids: [holder.pid], comm: ["fake-ollama"] }),
          ]),
        );
      } finally {
        await holder.stop();
      }
    },
  );

  test("says where it looked when neither /proc nor lsof can be used", async () => {
    const snapshot = await readListeners({ procRoot: "/nonexistent-proc", lsof: "/nonexistent/lsof" });
    expect(snapshot).toEqual({
      source: "none",
      detail:
        "/nonexistent-proc/net/tcp cannot be read (no such file or directory); /nonexistent/lsof is not installed",
      listeners: [],
    });
  });
});
