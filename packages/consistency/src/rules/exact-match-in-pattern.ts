import { capitalize, q } from "../internal/describe.js";
import { firstMatchingPattern } from "../internal/pattern-index.js";
import { defineRule } from "../rule.js";

/** SY2041: an exact name that a pattern route also matches, routed elsewhere. */
export const exactMatchInPattern = defineRule({
  id: "SY2041",
  name: "exact-match-in-pattern",
  title: "An exact match or group name also matches a pattern route that routes it elsewhere.",
  severity: "warning",
  cause:
    "An exact match (or load-balancing group) and a pattern route both claim the name, with different providers or models. LiteLLM always prefers the exact name, so the pattern route never sees it; the config reads ambiguously, and renaming the exact match silently moves its traffic to the pattern's provider.",
  fix: "If the exact match is meant to override the pattern, say so with `# switchyard-ignore SY2041: <reason>`; otherwise rename the exact match or narrow the pattern.",
  *check(context) {
    for (const name of context.model.publicNames.values()) {
      const pattern = firstMatchingPattern(context, name.name);
      if (pattern?.provider === undefined) continue;
      const otherProvider = !name.providers.includes(pattern.provider);
      const otherModel =
        name.kind === "exact" &&
        pattern.model !== undefined &&
        !pattern.model.includes("*") &&
        name.model !== undefined &&
        pattern.model !== name.model;
      if (!otherProvider && !otherModel) continue;
      const label =
        name.kind === "exact" ? `exact match ${q(name.name)}` : `load-balancing group ${q(name.name)}`;
      const target = otherProvider ? `provider ${q(pattern.provider)}` : `model ${q(pattern.model ?? "")}`;
      yield {
        message: `${capitalize(label)} also matches pattern ${q(pattern.glob.source)}, which routes to ${target}; the exact name always wins, so the pattern route never sees ${q(name.name)}`,
        ...context.at(name.place, "key"),
        hint: `Rename ${q(name.name)} or narrow the pattern; if the override is intended, add \`# switchyard-ignore SY2041: <reason>\`.`,
        related: [context.related(`pattern ${q(pattern.glob.source)} is here`, pattern.place)],
      };
    }
  },
});
