import { findCycles } from "@switchyard/config-schema/graph";
import { arrowPath, listNames, MAX_RELATED, q } from "../internal/describe.js";
import { fallbackGraph } from "../internal/fallback-graph.js";
import { defineRule } from "../rule.js";

/** SY2012: fallbacks that loop back across models (one finding per loop, listing the whole cycle). */
export const fallbackCycle = defineRule({
  id: "SY2012",
  name: "fallback-cycle",
  title: "Fallbacks form a cycle across models.",
  severity: "error",
  cause:
    "Model A falls back to B and B (directly or through others) falls back to A. During an outage requests bounce between the models until LiteLLM's fallback budget runs out, multiplying load on providers that are already failing.",
  fix: "Break the cycle: remove one of the fallbacks listed, so that fallbacks always lead towards models that do not fall back to where they came from.",
  example:
    "exact_matches:\n  a: {provider: openai, fallbacks: [b]}\n  b: {provider: anthropic, fallbacks: [a]}",
  *check(context) {
    const graph = fallbackGraph(context);
    for (const { members, edges: cycle } of findCycles(graph.edges, graph.out, graph.scc)) {
      // A model falling back to itself is SY2011's finding (fallback-to-self).
      if (members.length < 2) continue;
      const start = members[0]!;
      const first = graph.edges[cycle[0]!];
      if (!first) continue;
      const names = [graph.ids.names[start]!, ...cycle.map((e) => graph.ids.names[graph.edges[e]!.to]!)];
      const more =
        members.length > cycle.length
          ? ` (part of a loop through ${members.length} models: ${listNames(
              members.map((n) => graph.ids.names[n]!),
              10,
            )})`
          : "";
      yield {
        message: `Fallback cycle: ${arrowPath(names)}${more}`,
        ...context.at(first.source.place),
        hint: "Remove one of these fallbacks so the chain ends at a model that does not lead back.",
        related: cycle.slice(1, MAX_RELATED + 1).map((e) => {
          const edge = graph.edges[e]!.source;
          return context.related(`${q(edge.from)} falls back to ${q(edge.to)} here`, edge.place);
        }),
      };
    }
  },
});
