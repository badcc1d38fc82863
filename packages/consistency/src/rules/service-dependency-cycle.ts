import { arrowPath, listNames, MAX_RELATED, q } from "../internal/describe.js";
import {
  adjacency,
  cycleThrough,
  type Edge,
  NodeIds,
  stronglyConnectedComponents,
} from "../internal/graph.js";
import type { NamedItem } from "../model.js";
import { defineRule } from "../rule.js";

/** SY2061: services whose `depends_on` form a cycle (one finding per cycle). */
export const serviceDependencyCycle = defineRule({
  id: "SY2061",
  name: "service-dependency-cycle",
  title: "Service dependencies form a cycle.",
  severity: "error",
  cause:
    "Service A depends on B and B (directly or through others) on A, so no start order exists: each waits for the other. Docker Compose refuses such files for the same reason.",
  fix: "Remove one of the dependencies listed, so that dependencies always point towards services that start first.",
  example:
    "services:\n  litellm: {port: 4000, depends_on: [redis]}\n  redis: {port: 6379, depends_on: [litellm]}",
  *check(context) {
    const services = context.model.services;
    const ids = new NodeIds();
    for (const id of services.keys()) ids.id(id);
    const edges: (Edge & { item: NamedItem; from: number })[] = [];
    for (const service of services.values()) {
      for (const item of service.dependsOn) {
        if (!services.has(item.name)) continue;
        edges.push({ from: ids.id(service.id), to: ids.id(item.name), item });
      }
    }
    const out = adjacency(ids.size, edges);
    const scc = stronglyConnectedComponents(ids.size, edges, out);
    for (const component of scc.components) {
      const start = component[0]!;
      if (component.length === 1) {
        const self = (out[start] ?? []).map((e) => edges[e]!).find((e) => e.to === start);
        if (!self) continue;
        yield {
          message: `Service ${q(ids.names[start]!)} depends on itself`,
          ...context.at(self.item.place),
          hint: "Remove the service from its own depends_on.",
        };
        continue;
      }
      const cycle = cycleThrough(start, edges, out, scc.componentOf);
      const first = edges[cycle[0]!];
      if (!first) continue;
      const names = [ids.names[start]!, ...cycle.map((e) => ids.names[edges[e]!.to]!)];
      const more =
        component.length > cycle.length
          ? ` (part of a loop through ${component.length} services: ${listNames(
              component.map((n) => ids.names[n]!),
              10,
            )})`
          : "";
      yield {
        message: `Service dependency cycle: ${arrowPath(names)}${more}`,
        ...context.at(first.item.place),
        hint: "Remove one of these dependencies; services in a cycle can never start in order.",
        related: cycle.slice(1, MAX_RELATED + 1).map((e) => {
          const edge = edges[e]!;
          return context.related(
            `${q(ids.names[edge.from]!)} depends on ${q(edge.item.name)} here`,
            edge.item.place,
          );
        }),
      };
    }
  },
});
