import { dependencyOrder } from "@switchyard/config-schema/graph";
import { arrowPath, listNames, MAX_RELATED, q } from "../internal/describe.js";
import type { NamedItem } from "../model.js";
import { defineRule } from "../rule.js";

/**
 * SY2061: services whose `depends_on` form a cycle (one finding per cycle). The cycles come from
 * config-schema's `dependencyOrder`, the same start-order computation `switchyard ports order` uses,
 * so the rule and the start order can never disagree.
 */
export const serviceDependencyCycle = defineRule({
  id: "SY2061",
  name: "service-dependency-cycle",
  title: "Service dependencies form a cycle.",
  severity: "error",
  reads: ["ports"],
  cause:
    "Service A depends on B and B (directly or through others) on A, so no start order exists: each waits for the other. Docker Compose refuses such files for the same reason.",
  fix: "Remove one of the dependencies listed, so that dependencies always point towards services that start first.",
  example:
    "services:\n  litellm: {port: 4000, depends_on: [redis]}\n  redis: {port: 6379, depends_on: [litellm]}",
  *check(context) {
    const services = context.model.services;
    const order = dependencyOrder<NamedItem>(
      services.keys(),
      [...services.values()].flatMap((service) =>
        service.dependsOn.map((item) => ({ from: service.id, to: item.name, data: item })),
      ),
    );
    for (const cycle of order.cycles) {
      const [first, ...rest] = cycle.dependencies;
      if (!first) continue;
      if (cycle.members.length === 1) {
        yield {
          message: `Service ${q(first.from)} depends on itself`,
          ...context.at(first.data.place),
          hint: "Remove the service from its own depends_on.",
        };
        continue;
      }
      const more =
        cycle.members.length > cycle.dependencies.length
          ? ` (part of a loop through ${cycle.members.length} services: ${listNames(cycle.members, 10)})`
          : "";
      yield {
        message: `Service dependency cycle: ${arrowPath(cycle.path)}${more}`,
        ...context.at(first.data.place),
        hint: "Remove one of these dependencies; services in a cycle can never start in order.",
        related: rest
          .slice(0, MAX_RELATED)
          .map((d) => context.related(`${q(d.from)} depends on ${q(d.to)} here`, d.data.place)),
      };
    }
  },
});
