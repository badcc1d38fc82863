/**
 * `@switchyard/config-schema/hosts`: the one host model: parsing IPv4 and IPv6 (IPv4-mapped too), wildcards,
 * loopback, overlapping binds and `host:port` text.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type { Host, HostKind } from "../hosts/host.js";
export {
  bindsOverlap,
  connectHost,
  formatHostPort,
  isLoopbackHost,
  isWildcardHost,
  parseHost,
} from "../hosts/host.js";
export { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from "../hosts/ip.js";
