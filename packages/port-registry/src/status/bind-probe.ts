import { createSocket } from "node:dgram";
import { createServer } from "node:net";
import type { Protocol } from "../live/proc-net.js";

/** What binding a port said: free, in use, or nothing (the address is not this machine's, ...). */
export type BindResult =
  | { readonly result: "free"; readonly address: string }
  | { readonly result: "in-use"; readonly address: string }
  | { readonly result: "cannot-tell"; readonly address: string; readonly reason: string };

function bindOnce(
  address: string,
  port: number,
  protocol: Protocol,
): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    if (protocol === "udp") {
      const socket = createSocket({ type: address.includes(":") ? "udp6" : "udp4" });
      socket.once("error", (error: NodeJS.ErrnoException) => {
        socket.close();
        resolve(error);
      });
      socket.bind({ address, port, exclusive: true }, () => socket.close(() => resolve(undefined)));
      return;
    }
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/**
 * Try to bind `address:port` and let go at once. `::` is dual-stack, so one bind there meets
 * every listener of either family (a probe on 127.0.0.1 misses `::1` and IPv6-only listeners);
 * where IPv6 is off, `0.0.0.0` is tried instead. Advisory: another process may take the port a
 * moment later.
 */
export async function probeBind(
  address: string,
  port: number,
  protocol: Protocol = "tcp",
): Promise<BindResult> {
  let error = await bindOnce(address, port, protocol);
  let used = address;
  if (address === "::" && error && (error.code === "EAFNOSUPPORT" || error.code === "EADDRNOTAVAIL")) {
    used = "0.0.0.0";
    error = await bindOnce(used, port, protocol);
  }
  if (!error) return { result: "free", address: used };
  if (error.code === "EADDRINUSE") return { result: "in-use", address: used };
  return {
    result: "cannot-tell",
    address: used,
    reason:
      error.code === "EADDRNOTAVAIL"
        ? `${used} is not an address of this machine`
        : error.code === "EACCES"
          ? `binding port ${port} needs privileges`
          : `bind failed: ${error.code ?? error.message}`,
  };
}
