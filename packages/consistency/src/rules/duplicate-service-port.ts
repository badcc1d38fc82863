import { q } from "../internal/describe.js";
import type { ServiceEntry } from "../model.js";
import { defineRule } from "../rule.js";

function hostsOverlap(a: string, b: string): boolean {
  return a === b || a === "*" || b === "*";
}

function showHost(host: string): string {
  return host === "*" ? "all addresses" : host.includes(":") ? `[${host}]` : host;
}

/** SY2020: two services on one host, port and protocol. */
export const duplicateServicePort = defineRule({
  id: "SY2020",
  name: "duplicate-service-port",
  title: "Two services share a host, port and protocol.",
  severity: "error",
  cause:
    "ports.yaml registers two services on the same port and protocol with overlapping bind addresses (the same address, or one of them binding all addresses with `0.0.0.0` or `::`). Only one process can listen there; the other fails to start or, with SO_REUSEPORT, silently shares the traffic.",
  fix: "Give one of the services another port, or bind the two to different addresses.",
  example: "services:\n  ollama: {port: 11434}\n  ollama-gpu1: {port: 11434}",
  *check(context) {
    const buckets = new Map<string, ServiceEntry[]>();
    for (const service of context.model.services.values()) {
      if (service.port === undefined) continue;
      const key = `${service.port}/${service.protocol}`;
      const bucket = buckets.get(key);
      const earlier = bucket?.find((other) => hostsOverlap(other.host, service.host));
      if (bucket) bucket.push(service);
      else buckets.set(key, [service]);
      if (!earlier) continue;
      const host = service.host === "*" ? earlier.host : service.host;
      yield {
        message: `Services ${q(earlier.id)} and ${q(service.id)} both listen on ${showHost(host)}:${service.port}/${service.protocol}`,
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
