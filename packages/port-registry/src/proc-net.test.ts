import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { parseProcNetTcp, readListeningSockets } from "./proc-net.js";

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

describe("parseProcNetTcp", () => {
  test("decodes byte-reversed IPv4 addresses and hex ports of LISTEN rows only", () => {
    const text = [
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0",
      "   1: 0100007F:1F90 0100007F:D4C2 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0000000000000000 20 4 30 10 -1",
    ].join("\n");
    expect(parseProcNetTcp(text, 4)).toEqual([
      { family: 4, address: "127.0.0.1", port: 11434, uid: 1000, inode: 4242 },
    ]);
  });

  test("decodes IPv6 words", () => {
    const text = [
      "  sl  local_address                         remote_address                        st",
      "   0: 00000000000000000000000001000000:0FA0 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1",
      "   1: 00000000000000000000000000000000:1F41 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 778 1",
    ].join("\n");
    const sockets = parseProcNetTcp(text, 6);
    expect(sockets.map((s) => [s.address, s.port])).toEqual([
      ["::1", 4000],
      ["::", 8001],
    ]);
  });
});

describe("readListeningSockets (real sockets)", () => {
  test.skipIf(process.platform !== "linux")(
    "finds a real IPv4 loopback listener and a dual-stack one",
    async () => {
      const v4 = await listen("127.0.0.1");
      const dual = await listen("::");
      const sockets = await readListeningSockets();
      expect(sockets).toContainEqual(expect.objectContaining({ family: 4, address: "127.0.0.1", port: v4 }));
      // A dual-stack `::` listener appears only in tcp6.
      expect(sockets).toContainEqual(expect.objectContaining({ family: 6, address: "::", port: dual }));
      expect(sockets.some((s) => s.family === 4 && s.port === dual)).toBe(false);
    },
  );
});
