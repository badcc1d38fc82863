import { dependencyOrder } from "@switchyard/config-schema/graph";
import type { PortsFile } from "@switchyard/config-schema/schemas";

/** The start order of ports.yaml's services. */
export interface StartOrder {
  /** Services that can start together, in order: each depends only on services of earlier waves. */
  readonly waves: readonly (readonly string[])[];
  /** Dependency cycles, each as its path (`["litellm", "redis", "litellm"]`) and as text (`litellm -> redis -> litellm`). */
  readonly cycles: readonly { readonly path: readonly string[]; readonly text: string }[];
  /** Services that cannot start: on a cycle or depending on one. */
  readonly blocked: readonly string[];
  /** `depends_on` entries naming no service (consistency reports them as SY2062); ignored for the order. */
  readonly unknown: readonly { readonly service: string; readonly dependsOn: string }[];
}

/**
 * Start order from `depends_on`: Kahn's waves (services in file order within a wave) and cycles
 * named with their path, from config-schema's `dependencyOrder`, the computation consistency's
 * SY2061 rule reports cycles from.
 */
export function startOrder(ports: PortsFile): StartOrder {
  const services = ports.services;
  const unknown: { service: string; dependsOn: string }[] = [];
  const dependencies = Object.entries(services).flatMap(([id, service]) =>
    (service.depends_on ?? []).flatMap((to) => {
      if (!Object.hasOwn(services, to)) {
        unknown.push({ service: id, dependsOn: to });
        return [];
      }
      return [{ from: id, to, data: undefined }];
    }),
  );
  const order = dependencyOrder(Object.keys(services), dependencies);
  return {
    waves: order.waves,
    cycles: order.cycles.map((c) => ({ path: c.path, text: c.path.join(" -> ") })),
    blocked: order.blocked,
    unknown,
  };
}
