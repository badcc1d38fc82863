import { GlobIndex, globMatches } from "@switchyard/config-schema/glob";
import { compareLiteLLMPatternPrecedence } from "@switchyard/config-schema/litellm";
import type { PatternEntry } from "../model.js";
import type { RuleContext } from "../rule.js";

/** The pattern routes indexed by literal prefix, built once per run. */
function patternIndex(context: RuleContext): GlobIndex<PatternEntry> {
  return context.memo("pattern-index", () => new GlobIndex(context.model.patterns));
}

/**
 * Each pattern route's place in the order LiteLLM tries them (0 first): most specific first, as its
 * router sorts them (see config-schema's `compareLiteLLMPatternPrecedence`), file order for ties.
 */
export function litellmRank(context: RuleContext): ReadonlyMap<PatternEntry, number> {
  return context.memo("pattern-rank", () => {
    const sorted = [...context.model.patterns].sort(
      (a, b) => compareLiteLLMPatternPrecedence(a.glob.source, b.glob.source) || a.index - b.index,
    );
    return new Map(sorted.map((pattern, position) => [pattern, position]));
  });
}

/** The pattern route LiteLLM picks for `name` (the first, in its order, that matches), if any. */
export function firstMatchingPattern(context: RuleContext, name: string): PatternEntry | undefined {
  if (context.model.patterns.length === 0) return undefined;
  const rank = litellmRank(context);
  let best: PatternEntry | undefined;
  patternIndex(context).forEachCandidate(name, (candidate) => {
    if (best !== undefined && rank.get(candidate)! >= rank.get(best)!) return;
    if (globMatches(candidate.glob, name)) best = candidate;
  });
  return best;
}
