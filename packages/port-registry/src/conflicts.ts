import type { Diagnostic, LoadedFile } from "@switchyard/config-schema";

/** Two or more services of `ports.yaml` that claim the same host, port and protocol. */
export interface PortClaim {
  readonly host: string;
  readonly port: number;
  readonly protocol: "tcp" | "udp";
  readonly services: readonly string[];
}

const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "*", ""]);

function claimsOverlap(a: string, b: string): boolean {
  return a === b || WILDCARD_HOSTS.has(a) || WILDCARD_HOSTS.has(b);
}

/**
 * Services that claim the same port and protocol on overlapping hosts (a wildcard host overlaps every
 * host). The result lists each clash once, services in file order.
 */
export function findPortClaims(ports: LoadedFile<"ports">): PortClaim[] {
  const services = ports.value?.services ?? {};
  const entries = Object.entries(services).map(([id, s]) => ({
    id,
    host: s.host ?? "127.0.0.1",
    port: s.port,
    protocol: s.protocol ?? "tcp",
  }));
  const byPort = new Map<string, typeof entries>();
  for (const entry of entries) {
    const key = `${entry.protocol}:${entry.port}`;
    const list = byPort.get(key) ?? [];
    list.push(entry);
    byPort.set(key, list);
  }
  const claims: PortClaim[] = [];
  for (const list of byPort.values()) {
    if (list.length < 2) continue;
    const first = list[0]!;
    const clashing = list.filter((e) => list.some((o) => o !== e && claimsOverlap(o.host, e.host)));
    if (clashing.length < 2) continue;
    claims.push({
      host: first.host,
      port: first.port,
      protocol: first.protocol,
      services: clashing.map((e) => e.id),
    });
  }
  return claims;
}

/** Port claims as diagnostics (SY6001), located at each service's `port`. */
export function portClaimDiagnostics(ports: LoadedFile<"ports">): Diagnostic[] {
  return findPortClaims(ports).map((claim) => {
    const [first, ...rest] = claim.services;
    const range = ports.source.rangeOf(["services", first!, "port"]);
    return {
      code: "SY6001",
      severity: "error",
      message: `Services ${claim.services.map((s) => `'${s}'`).join(", ")} all claim ${claim.protocol} port ${claim.port}`,
      file: ports.file,
      path: ["services", first!, "port"],
      ...(range ? { range } : {}),
      hint: "Give each service its own port, or bind them to different hosts.",
      related: rest.map((id) => {
        const r = ports.source.rangeOf(["services", id, "port"]);
        return { message: `'${id}' claims it here`, file: ports.file, ...(r ? { range: r } : {}) };
      }),
    };
  });
}
