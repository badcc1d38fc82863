import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { parseProcNetTcp, readListeningSockets, readProcNet } from "./proc-net.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    servers.push(server);
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

const HEADER =
  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

describe("parseProcNetTcp", () => {
  test("decodes byte-reversed IPv4 addresses and hex ports of LISTEN rows only", () => {
    const text = [
      HEADER,
      "   0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0",
      "   1: 0100007F:1F90 0100007F:D4C2 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0000000000000000 20 4 30 10 -1",
      "   2: garbage",
      "   3: 0100007:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4444 1",
    ].join("\n");
    expect(parseProcNetTcp(text, 4)).toEqual([
      { protocol: "tcp", family: 4, address: "127.0.0.1", port: 11434, uid: 1000, inode: 4242 },
    ]);
  });

  test("decodes IPv6 words, dual-stack ::, and IPv4-mapped binds", () => {
    const text = [
      HEADER,
      "   0: 00000000000000000000000001000000:0FA0 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1",
      "   1: 00000000000000000000000000000000:1F41 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 778 1",
      "   2: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000    33        0 779 1",
      "   3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000    33        0 780 1",
    ].join("\n");
    expect(parseProcNetTcp(text, 6).map((s) => [s.address, s.port, s.uid])).toEqual([
      ["::1", 4000, 0],
      ["::", 8001, 0],
      ["::ffff:127.0.0.1", 80, 33],
      ["2001:db8::1", 80, 33],
    ]);
  });

  test("keeps unconnected UDP sockets (state 07) when reading /proc/net/udp", () => {
    const text = [
      HEADER,
      "  1: 00000000:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 555 2 0000000000000000 0",
      "  2: 0100007F:A1B2 0100007F:0035 01 00000000:00000000 00:00000000 00000000   101        0 556 2 0000000000000000 0",
    ].join("\n");
    expect(parseProcNetTcp(text, 4, "udp")).toEqual([
      { protocol: "udp", family: 4, address: "0.0.0.0", port: 5353, uid: 101, inode: 555 },
    ]);
  });

  test("says why when /proc/net/tcp cannot be read", () => {
    expect(readProcNet("/nonexistent-proc")).toEqual({
      ok: false,
      reason: "/nonexistent-proc/net/tcp cannot be read (no such file or directory)",
    });
  });
});

describe("readListeningSockets (real sockets)", () => {
  test.skipIf(process.platform !== "linux")(
    "finds a real IPv4 loopback listener, an IPv6 loopback one and a dual-stack one",
    async () => {
      const v4 = await listen("127.0.0.1");
      const v6 = await listen("::1");
      const dual = await listen("::");
      const sockets = await readListeningSockets();
      const me = process.getuid?.();
      expect(sockets).toContainEqual(
        expect.objectContaining({ family: 4, address: "127.0.0.1", port: v4, uid: me }),
      );
      expect(sockets).toContainEqual(expect.objectContaining({ family: 6, address: "::1", port: v6 }));
      // A dual-stack `::` listener appears only in tcp6.
      expect(sockets).toContainEqual(expect.objectContaining({ family: 6, address: "::", port: dual }));
      expect(sockets.some((s) => s.family === 4 && s.port === dual)).toBe(false);
    },
  );
});
