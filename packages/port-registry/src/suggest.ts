import { readFileSync } from "node:fs";
import type { PortsFile } from "@switchyard/config-schema/schemas";
import { type Listener, readListeners } from "./live/listeners.js";
import { probeBind } from "./status/bind-probe.js";

/** Free ports near a service's own, each confirmed by binding it. */
export interface PortSuggestion {
  readonly service: string;
  /** The service's registered port. */
  readonly port: number;
  /** Free ports, nearest first (ties: the higher one first). */
  readonly suggestions: readonly number[];
  /** The kernel's ephemeral range, which suggestions stay below. */
  readonly ephemeralRange: readonly [number, number];
  /** Says what the answer is worth: a hint that can race. */
  readonly advisory: string;
}

/** Options of {@link suggestPorts}. */
export interface SuggestOptions {
  /** How many ports to suggest (default 3). */
  readonly count?: number;
  /** Where `/proc` is (default `/proc`). */
  readonly procRoot?: string;
  /** Listeners to avoid, instead of reading them (tests). */
  readonly listeners?: readonly Listener[];
}

/** `/proc/sys/net/ipv4/ip_local_port_range`, or Linux's default 32768–60999. */
export function ephemeralPortRange(procRoot = "/proc"): [number, number] {
  try {
    const [low, high] = readFileSync(`${procRoot}/sys/net/ipv4/ip_local_port_range`, "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low) && Number.isInteger(high) && low! > 0 && high! >= low!) return [low!, high!];
  } catch {}
  return [32768, 60999];
}

/**
 * The ports nearest to `service`'s own that no service of ports.yaml registers, nothing listens
 * on, and a bind on `::` (dual-stack, so every listener of either family is met) accepts. Stays
 * in 1024 up to the ephemeral range (where the kernel hands out client ports). Advisory: another
 * process may take a port between this check and your start. `undefined` for an unknown service.
 */
export async function suggestPorts(
  ports: PortsFile,
  service: string,
  options: SuggestOptions = {},
): Promise<PortSuggestion | undefined> {
  if (!Object.hasOwn(ports.services, service)) return undefined;
  const own = ports.services[service]!;
  const protocol = own.protocol ?? "tcp";
  const count = options.count ?? 3;
  const range = ephemeralPortRange(options.procRoot);
  const taken = new Set<number>();
  for (const [id, other] of Object.entries(ports.services))
    if (id !== service && (other.protocol ?? "tcp") === protocol) taken.add(other.port);
  const listeners =
    options.listeners ??
    (
      await readListeners({
        ...(options.procRoot ? { procRoot: options.procRoot } : {}),
        protocols: [protocol],
        ports: [],
      })
    ).listeners;
  for (const l of listeners) if (l.protocol === protocol) taken.add(l.port);
  const low = 1024;
  const high = range[0] - 1;
  const suggestions: number[] = [];
  // Outward from the service's port; a port above the range (an ephemeral one) walks down into it.
  for (let distance = 1; suggestions.length < count; distance++) {
    const candidates = [own.port + distance, own.port - distance];
    if (own.port + distance > high && own.port - distance < low) break;
    for (const port of candidates) {
      if (suggestions.length >= count || port < low || port > high || taken.has(port)) continue;
      const bind = await probeBind("::", port, protocol);
      if (bind.result === "free") suggestions.push(port);
    }
  }
  return {
    service,
    port: own.port,
    suggestions,
    ephemeralRange: range,
    advisory:
      "Checked by binding each port just now: a hint, not a reservation (another process can take it before your service starts).",
  };
}
