import { q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

/** SY2011: a model that falls back to itself. */
export const fallbackToSelf = defineRule({
  id: "SY2011",
  name: "fallback-to-self",
  title: "A model falls back to itself.",
  severity: "error",
  cause:
    "A model lists its own name among its fallbacks, so a failure is retried against the very deployment that just failed, using up the fallback budget.",
  fix: "Remove the model from its own fallbacks; retries of the same model are set with `routing.num_retries`.",
  *check(context) {
    for (const edge of context.model.fallbackEdges) {
      if (edge.from !== edge.to) continue;
      const definition = context.model.publicNames.get(edge.from);
      yield {
        message: `${q(edge.from)} falls back to itself`,
        ...context.at(edge.place),
        hint: `Remove ${q(edge.to)} from its own fallbacks; to retry the same model use \`routing.num_retries\`.`,
        ...(definition
          ? { related: [context.related(`${q(edge.from)} is defined here`, definition.place, "key")] }
          : {}),
      };
    }
  },
});
