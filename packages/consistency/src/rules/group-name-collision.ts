import { q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

/** SY2051: a load-balancing group named like an exact match. */
export const groupNameCollision = defineRule({
  id: "SY2051",
  name: "group-name-collision",
  title: "A load-balancing group has the same name as an exact match.",
  severity: "error",
  cause:
    "Both become LiteLLM deployments with the same `model_name`, and LiteLLM merges deployments that share a name into one group: the exact match silently joins the load balancing (with weight 1), or the group's weights stop meaning what they say.",
  fix: "Rename the group or the exact match, or move the exact match's deployment into the group's `deployments`.",
  *check(context) {
    for (const group of context.model.groups) {
      const other = context.model.publicNames.get(group.name);
      if (other?.kind !== "exact") continue;
      yield {
        message: `${q(group.name)} is both a load-balancing group and an exact match; LiteLLM would merge them into one model group`,
        ...context.at(group.place, "key"),
        hint: `Rename one of them, or move the exact match's deployment into the group's deployments.`,
        related: [context.related(`exact match ${q(other.name)} is here`, other.place, "key")],
      };
    }
  },
});
