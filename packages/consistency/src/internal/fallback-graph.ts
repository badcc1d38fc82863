import {
  adjacency,
  type Components,
  type Edge,
  NodeIds,
  stronglyConnectedComponents,
} from "@switchyard/config-schema/graph";
import type { FallbackEdge } from "../model.js";
import type { RuleContext } from "../rule.js";

/** The fallback graph of a config set: public names as nodes, one edge per fallback entry. */
export interface FallbackGraph {
  readonly ids: NodeIds;
  /** Edges in file order; `weight` is the fallback's position in its source's merged list. */
  readonly edges: readonly (Edge & { readonly source: FallbackEdge })[];
  readonly out: readonly (readonly number[])[];
  readonly scc: Components;
}

/** The fallback graph, built once per run and shared by the fallback rules. */
export function fallbackGraph(context: RuleContext): FallbackGraph {
  return context.memo("fallback-graph", () => {
    const ids = new NodeIds();
    const edges = context.model.fallbackEdges.map((source) => ({
      from: ids.id(source.from),
      to: ids.id(source.to),
      weight: source.position,
      source,
    }));
    const out = adjacency(ids.size, edges);
    return { ids, edges, out, scc: stronglyConnectedComponents(ids.size, edges, out) };
  });
}
