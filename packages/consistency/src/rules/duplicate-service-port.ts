import { bindsOverlap, formatHostPort, type Host } from "@switchyard/config-schema/hosts";
import { q } from "../internal/describe.js";
import type { ServiceEntry } from "../model.js";
import { defineRule } from "../rule.js";

/** Where two overlapping binds meet, for the message: the more specific of the two hosts. */
function meetingPoint(a: Host, b: Host, port: number): string {
  const rank = (h: Host) => (h.kind === "wildcard" ? 0 : h.kind === "name" || h.family === undefined ? 1 : 2);
  const host = rank(b) > rank(a) ? b : a;
  return host.kind === "wildcard" ? `all addresses:${port}` : formatHostPort(host, port);
}

/**
 * SY2020: two services on one port and protocol whose binds overlap, as config-schema's host
 * model decides (`bindsOverlap`). The one port-clash rule: port-registry's former SY6001 is
 * reported as this code.
 */
export const duplicateServicePort = defineRule({
  id: "SY2020",
  name: "duplicate-service-port",
  title: "Two services share a host, port and protocol.",
  severity: "error",
  reads: ["ports"],
  cause:
    "ports.yaml registers two services on the same port and protocol with overlapping bind addresses: the same address, `localhost` and 127.0.0.1 or ::1, or one of them binding all addresses (`0.0.0.0` takes every IPv4 address, `::`, `*` and the empty host take every address; an IPv4-mapped `::ffff:a.b.c.d` is a.b.c.d). Only one process can listen there; the other fails to start or, with SO_REUSEPORT, silently shares the traffic.",
  fix: "Give one of the services another port, or bind the two to different addresses.",
  example: "services:\n  ollama: {port: 11434}\n  ollama-gpu1: {port: 11434}",
  aliases: ["SY6001"],
  *check(context) {
    const buckets = new Map<string, ServiceEntry[]>();
    for (const service of context.model.services.values()) {
      if (service.port === undefined) continue;
      const key = `${service.port}/${service.protocol}`;
      const bucket = buckets.get(key);
      const earlier = bucket?.find((other) => bindsOverlap(other.host, service.host));
      if (bucket) bucket.push(service);
      else buckets.set(key, [service]);
      if (!earlier) continue;
      yield {
        message: `Services ${q(earlier.id)} and ${q(service.id)} both listen on ${meetingPoint(earlier.host, service.host, service.port)}/${service.protocol}`,
        ...context.at({ file: service.place.file, path: [...service.place.path, "port"] }),
        hint: `Give ${q(service.id)} or ${q(earlier.id)} another port, or bind them to different addresses.`,
        related: [
          context.related(`${q(earlier.id)} uses the same port here`, {
            file: earlier.place.file,
            path: [...earlier.place.path, "port"],
          }),
        ],
      };
    }
  },
});
