/** ports.yaml read into the model: services, their ports, hosts and dependencies. */
import { field, forEachEntry, nonEmptyText as text } from "@switchyard/config-schema/data";
import { parseHost } from "@switchyard/config-schema/hosts";
import type { LoadedFile } from "@switchyard/config-schema/load";
import { namedItems } from "./shared.js";
import type { ServiceEntry } from "./types.js";

/** The services of `ports.yaml` by id: port, protocol, host, health URL, providers and dependencies. */
export function readServices(file: LoadedFile<"ports"> | undefined): Map<string, ServiceEntry> {
  const services = new Map<string, ServiceEntry>();
  if (!file) return services;
  forEachEntry(field(file.data, "services"), (id, raw) => {
    const path = ["services", id];
    const port = field(raw, "port");
    const protocol = field(raw, "protocol");
    const host = text(field(raw, "host")) ?? "127.0.0.1";
    services.set(id, {
      id,
      place: { file, path },
      port:
        typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined,
      protocol: typeof protocol === "string" ? protocol : "tcp",
      host: parseHost(host),
      healthUrl: field(raw, "health_url"),
      providers: namedItems(file, field(raw, "providers"), [...path, "providers"]),
      dependsOn: namedItems(file, field(raw, "depends_on"), [...path, "depends_on"]),
    });
  });
  return services;
}
