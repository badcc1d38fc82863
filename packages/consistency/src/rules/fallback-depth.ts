import { longestPaths } from "@switchyard/config-schema/graph";
import { arrowPath, MAX_RELATED, q } from "../internal/describe.js";
import { fallbackGraph } from "../internal/fallback-graph.js";
import { defineRule } from "../rule.js";

/** SY2013: fallback chains longer than the configured depth. */
export const fallbackDepth = defineRule({
  id: "SY2013",
  name: "fallback-chain-too-deep",
  title: "A fallback chain is longer than the configured limit.",
  severity: "warning",
  cause:
    "Following fallbacks from a model, more attempts can be made than the limit (5 by default, LiteLLM's default `max_fallbacks`). A model's n-th fallback counts as n attempts (the ones before it are tried first), and a fallback's own fallbacks add theirs. Attempts past LiteLLM's limit never run, and each attempt adds a timeout's worth of latency.",
  fix: "Shorten the chain, or raise the limit with `options.max_fallback_depth` in .switchyard.yaml or `routing.max_fallback_depth` in model-mappings.yaml.",
  *check(context) {
    const graph = fallbackGraph(context);
    const limit = context.options.maxFallbackDepth;
    const { depth, next } = longestPaths(graph.edges, graph.out, graph.scc);
    const reached = new Uint8Array(graph.ids.size);
    for (const edge of graph.edges) {
      if (graph.scc.componentOf[edge.from] !== graph.scc.componentOf[edge.to]) reached[edge.to] = 1;
    }
    for (let node = 0; node < graph.ids.size; node++) {
      if (reached[node] || depth[node]! <= limit) continue;
      const chain = [graph.ids.names[node]!];
      const hops = [];
      for (let at = node, e = next[node]!; e >= 0; at = graph.edges[e]!.to, e = next[at]!) {
        const edge = graph.edges[e]!.source;
        hops.push(edge);
        chain.push(edge.position > 1 ? `${edge.to} (fallback #${edge.position})` : edge.to);
      }
      const first = hops[0];
      if (!first) continue;
      yield {
        message: `Fallback chain from ${q(chain[0]!)} can take ${depth[node]} attempts, over the limit of ${limit}: ${arrowPath(chain)}`,
        ...context.at(first.place),
        hint: "Shorten the chain, or raise `options.max_fallback_depth` in .switchyard.yaml if the depth is intended; LiteLLM stops after `max_fallbacks` attempts (5 by default).",
        related: hops
          .slice(1, MAX_RELATED + 1)
          .map((edge) => context.related(`${q(edge.from)} falls back to ${q(edge.to)} here`, edge.place)),
      };
    }
  },
});
