import { readFileSync } from "node:fs";
import { endianness } from "node:os";
import { describeFsError } from "@switchyard/config-schema/fs";
import { formatIPv4, formatIPv6 } from "@switchyard/config-schema/hosts";

/** The transport of a socket or a service. */
export type Protocol = "tcp" | "udp";

/**
 * A socket that holds a local port: a TCP socket in LISTEN, or a bound, unconnected UDP socket, as
 * the kernel lists it in `/proc/net/{tcp,tcp6,udp,udp6}`.
 */
export interface ListeningSocket {
  readonly protocol: Protocol;
  readonly family: 4 | 6;
  /**
   * The bound address in config-schema's canonical text (`127.0.0.1`, `::`, `::1`, `0.0.0.0`); an
   * IPv4-mapped IPv6 bind is shown as `::ffff:a.b.c.d`.
   */
  readonly address: string;
  readonly port: number;
  /** The uid that created the socket. */
  readonly uid: number;
  /** Socket inode, to find the owning process through `/proc/<pid>/fd`. */
  readonly inode: number;
}

const TCP_LISTEN = "0A";
/** TCP_CLOSE: what an unconnected UDP socket shows. */
const UDP_UNCONNECTED = "07";

const LITTLE_ENDIAN = endianness() === "LE";

function hexBytes(hex: string, family: 4 | 6): Uint8Array {
  // The kernel prints each 32-bit word in host byte order: byte-reversed on little-endian machines.
  const bytes = new Uint8Array(family === 4 ? 4 : 16);
  for (let w = 0; w < bytes.length / 4; w++) {
    for (let b = 0; b < 4; b++) {
      const at = w * 8 + (LITTLE_ENDIAN ? 3 - b : b) * 2;
      bytes[w * 4 + b] = Number.parseInt(hex.slice(at, at + 2), 16);
    }
  }
  return bytes;
}

/**
 * Parse the text of `/proc/net/tcp` (family 4) or `/proc/net/tcp6` (family 6), keeping LISTEN
 * rows; with `protocol: "udp"`, the text of `/proc/net/udp{,6}`, keeping unconnected sockets.
 * Malformed rows are skipped.
 */
export function parseProcNetTcp(text: string, family: 4 | 6, protocol: Protocol = "tcp"): ListeningSocket[] {
  const wanted = protocol === "tcp" ? TCP_LISTEN : UDP_UNCONNECTED;
  const out: ListeningSocket[] = [];
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i]!.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== wanted) continue;
    const [addressHex, portHex] = fields[1]!.split(":");
    if (addressHex === undefined || portHex === undefined) continue;
    if (addressHex.length !== (family === 4 ? 8 : 32) || !/^[0-9A-Fa-f]+$/.test(addressHex)) continue;
    const port = Number.parseInt(portHex, 16);
    const uid = Number(fields[7]);
    const inode = Number(fields[9]);
    if (!Number.isInteger(port) || !Number.isInteger(uid) || !Number.isInteger(inode)) continue;
    const bytes = hexBytes(addressHex, family);
    out.push({
      protocol,
      family,
      address: family === 4 ? formatIPv4(bytes) : formatIPv6(bytes),
      port,
      uid,
      inode,
    });
  }
  return out;
}

/** What {@link readProcNet} found, or why it could not read. */
export type ProcNetReading =
  | { readonly ok: true; readonly sockets: ListeningSocket[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Every listening TCP socket (and, when asked, bound UDP socket) of this network namespace, from
 * `/proc/net/tcp` and `/proc/net/tcp6` (a dual-stack `::` listener appears only in the latter).
 * Not ok when `/proc/net/tcp` cannot be read (no `/proc`: macOS, some containers); a missing
 * `tcp6` (IPv6 disabled) is not an error.
 */
export function readProcNet(procRoot = "/proc", protocols: readonly Protocol[] = ["tcp"]): ProcNetReading {
  const sockets: ListeningSocket[] = [];
  for (const protocol of protocols) {
    for (const family of [4, 6] as const) {
      const name = `${procRoot}/net/${protocol}${family === 6 ? "6" : ""}`;
      let text: string;
      try {
        text = readFileSync(name, "latin1");
      } catch (error) {
        if (family === 6) continue;
        return { ok: false, reason: `${name} cannot be read (${describeFsError(error)})` };
      }
      for (const socket of parseProcNetTcp(text, family, protocol)) sockets.push(socket);
    }
  }
  return { ok: true, sockets };
}

/**
 * Every listening TCP socket on this Linux host, from `/proc/net/tcp` and `/proc/net/tcp6`.
 * Returns `[]` where `/proc` is absent (use `readListeners` for a fallback and owners).
 */
export async function readListeningSockets(procRoot = "/proc"): Promise<ListeningSocket[]> {
  const reading = readProcNet(procRoot);
  return reading.ok ? reading.sockets : [];
}
