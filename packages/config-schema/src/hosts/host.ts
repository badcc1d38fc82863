/**
 * The one host model of Switchyard: what a `host` of ports.yaml, a URL's host or a listening
 * socket's address names, and which binds overlap. Every package asks here whether a host binds
 * all interfaces, stays on loopback, or clashes with another bind (consistency's SY2020, the
 * generator's cache host, the audit's exposure checks, port-registry's live port states).
 *
 * The bind rules follow Linux (checked against the kernel in `host.test.ts`): `0.0.0.0` takes
 * every IPv4 address; `::` is dual-stack (Linux's default, and Node's) and takes every address of
 * both families; an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is the IPv4 address itself.
 */
import { formatIPv4, formatIPv6, isIPv4Mapped, parseIPv4, parseIPv6 } from "./ip.js";

/**
 * What a host is: a `wildcard` (binds every interface), `loopback` (127.0.0.0/8, `::1`,
 * `localhost`), another IP `address`, or a DNS `name` whose addresses are unknown here.
 */
export type HostKind = "wildcard" | "loopback" | "address" | "name";

/** A host, parsed. */
export interface Host {
  /** The text as given. */
  readonly text: string;
  readonly kind: HostKind;
  /**
   * 4 or 6 for addresses (an IPv4-mapped IPv6 address is 4) and the wildcards `0.0.0.0` (4) and
   * `::` (6, dual-stack); undefined for names and for the family-less wildcards `*` and the empty
   * host.
   */
  readonly family?: 4 | 6;
  /**
   * The canonical text: dotted-quad IPv4 (IPv4-mapped addresses folded to it), RFC 5952 IPv6
   * (`::1`, `::`; a zone kept as `%zone`), lower-case names without a trailing dot, `*` for the
   * family-less wildcards. Two hosts with the same key are the same host.
   */
  readonly key: string;
}

function localhostName(name: string): boolean {
  return name === "localhost" || name.endsWith(".localhost");
}

/**
 * Parse a host as ports.yaml, a URL or `/proc/net/tcp` writes it: surrounding space and IPv6
 * brackets are ignored, case does not matter. `""`, `*`, `0.0.0.0`, `::` (in any spelling, e.g.
 * `0:0:0:0:0:0:0:0`) and `::ffff:0.0.0.0` are wildcards; 127.0.0.0/8, `::1`, their IPv4-mapped
 * forms, `localhost` and `*.localhost` (RFC 6761) are loopback. Never throws.
 */
export function parseHost(text: string): Host {
  let h = text.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h === "" || h === "*") return { text, kind: "wildcard", key: "*" };
  const v4 = parseIPv4(h);
  if (v4) return ipv4Host(text, v4);
  const zoneAt = h.indexOf("%");
  const zone = zoneAt === -1 ? "" : h.slice(zoneAt);
  const v6 = parseIPv6(zoneAt === -1 ? h : h.slice(0, zoneAt));
  if (v6) {
    if (isIPv4Mapped(v6)) return ipv4Host(text, v6.subarray(12));
    const key = `${formatIPv6(v6)}${zone}`;
    if (v6.every((b) => b === 0)) return { text, kind: "wildcard", family: 6, key: "::" };
    const loopback = v6.subarray(0, 15).every((b) => b === 0) && v6[15] === 1;
    return { text, kind: loopback ? "loopback" : "address", family: 6, key };
  }
  const name = h.endsWith(".") ? h.slice(0, -1) : h;
  return { text, kind: localhostName(name) ? "loopback" : "name", key: name };
}

function ipv4Host(text: string, bytes: Uint8Array): Host {
  const key = formatIPv4(bytes);
  if (key === "0.0.0.0") return { text, kind: "wildcard", family: 4, key };
  return { text, kind: bytes[0] === 127 ? "loopback" : "address", family: 4, key };
}

function asHost(host: string | Host): Host {
  return typeof host === "string" ? parseHost(host) : host;
}

/** Whether a host binds every interface (`0.0.0.0`, `::`, `*`, the empty host, ...). */
export function isWildcardHost(host: string | Host): boolean {
  return asHost(host).kind === "wildcard";
}

/** Whether a host stays on this machine's loopback (127.0.0.0/8, `::1`, `localhost`, `*.localhost`). */
export function isLoopbackHost(host: string | Host): boolean {
  return asHost(host).kind === "loopback";
}

/** A `localhost` name resolves to 127.0.0.1 and/or ::1, whichever the resolver returns first. */
function localhostMatches(other: Host): boolean {
  if (other.kind === "loopback" && other.family === undefined) return true;
  return other.key === "127.0.0.1" || other.key === "::1";
}

/**
 * Whether two binds on one port and protocol collide, as Linux decides: a family-less wildcard
 * (`*`, empty) and the dual-stack `::` collide with everything; `0.0.0.0` with every IPv4 address
 * and every name (which may resolve to one), not with IPv6 addresses such as `::1`; `localhost`
 * with 127.0.0.1 and ::1; otherwise only the same address (or the same name) collides. Names are
 * not resolved: two different names, or a name and an address, do not collide.
 */
export function bindsOverlap(a: string | Host, b: string | Host): boolean {
  const x = asHost(a);
  const y = asHost(b);
  if ((x.kind === "wildcard" && x.family !== 4) || (y.kind === "wildcard" && y.family !== 4)) return true;
  if (x.kind === "wildcard") return y.family !== 6;
  if (y.kind === "wildcard") return x.family !== 6;
  if (x.key === y.key) return true;
  const xLocal = x.kind === "loopback" && x.family === undefined;
  const yLocal = y.kind === "loopback" && y.family === undefined;
  if (xLocal) return localhostMatches(y);
  if (yLocal) return localhostMatches(x);
  return false;
}

/**
 * `host:port` for messages and URLs: IPv6 in brackets (`[::1]:4000`), IPv4 and names as they are;
 * the family-less wildcard as `*:port`.
 */
export function formatHostPort(host: string | Host, port: number): string {
  const { key } = asHost(host);
  return key.includes(":") ? `[${key}]:${port}` : `${key}:${port}`;
}

/**
 * The address to connect to for a service bound to `host`: a wildcard or `localhost` bind is
 * reached on `127.0.0.1` (never `localhost`, which Node may resolve to ::1 first), `::` on
 * `127.0.0.1` as well (it is dual-stack), anything else as it is (IPv6 in brackets, for URLs).
 */
export function connectHost(host: string | Host): string {
  const parsed = asHost(host);
  if (parsed.kind === "wildcard") return "127.0.0.1";
  if (parsed.kind === "loopback" && parsed.family === undefined) return "127.0.0.1";
  return parsed.key.includes(":") ? `[${parsed.key}]` : parsed.key;
}
