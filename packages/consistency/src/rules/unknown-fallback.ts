import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { q } from "../internal/describe.js";
import { firstMatchingPattern } from "../internal/pattern-index.js";
import type { NamedItem } from "../model.js";
import { defineRule, type RuleContext, type RuleFinding } from "../rule.js";

/** Whether a name can be requested: a public name, or a name a pattern route serves. */
function isRoutable(context: RuleContext, name: string): boolean {
  return context.model.publicNames.has(name) || firstMatchingPattern(context, name) !== undefined;
}

function finding(context: RuleContext, item: NamedItem, message: (suffix: string) => string): RuleFinding {
  const suggestion = suggestName(item.name, context.model.publicNames.keys());
  const suggested = suggestion !== undefined ? context.model.publicNames.get(suggestion) : undefined;
  return {
    message: message(didYouMean(suggestion)),
    ...context.at(
      item.place,
      item.place.path[0] === "fallback_chains" && item.place.path.length === 2 ? "key" : "value",
    ),
    hint:
      suggestion !== undefined
        ? `Change it to ${q(suggestion)}, or add ${q(item.name)} to exact_matches or load_balancing.`
        : `Name a model defined in exact_matches or load_balancing, or add ${q(item.name)} there.`,
    ...(suggestion !== undefined ? { suggestion } : {}),
    ...(suggested
      ? { related: [context.related(`${q(suggested.name)} is defined here`, suggested.place, "key")] }
      : {}),
  };
}

/** SY2010: fallbacks and fallback chains must name public model names. */
export const unknownFallback = defineRule({
  id: "SY2010",
  name: "unknown-fallback",
  title: "A fallback names a model that does not exist.",
  severity: "error",
  cause:
    "A `fallbacks` entry or a `fallback_chains` key or entry names a public model that is neither an exact match nor a load-balancing group (nor served by a pattern route). LiteLLM never checks fallback targets: the fallback fails only when it is needed, during an outage.",
  fix: "Use the suggested name, or define the model in exact_matches or load_balancing.",
  example:
    "exact_matches:\n  gpt-4o:\n    provider: openai\n    fallbacks: [claude-sonet]   # defined: 'claude-sonnet'",
  *check(context) {
    const { model } = context;
    if (!model.mappingsFile) return;
    for (const key of model.fallbackChainKeys) {
      if (isRoutable(context, key.name)) continue;
      yield finding(
        context,
        key,
        (s) =>
          `fallback_chains has a chain for ${q(key.name)}, which is not a public model name, so it never fires${s}`,
      );
    }
    for (const edge of model.fallbackEdges) {
      if (isRoutable(context, edge.to)) continue;
      yield finding(
        context,
        { name: edge.to, place: edge.place },
        (s) => `Fallback ${q(edge.to)} of ${q(edge.from)} is not a public model name${s}`,
      );
    }
  },
});
