import type { PatternEntry } from "../model.js";
import type { RuleContext } from "../rule.js";
import { GlobIndex, globMatches } from "./glob.js";

/** The pattern routes indexed by literal prefix, built once per run. */
function patternIndex(context: RuleContext): GlobIndex<PatternEntry> {
  return context.memo("pattern-index", () => new GlobIndex(context.model.patterns));
}

/** The first pattern route (in file order) that matches `name`, if any. */
export function firstMatchingPattern(context: RuleContext, name: string): PatternEntry | undefined {
  if (context.model.patterns.length === 0) return undefined;
  let best: PatternEntry | undefined;
  patternIndex(context).forEachCandidate(name, (candidate) => {
    if (best !== undefined && candidate.index >= best.index) return;
    if (globMatches(candidate.glob, name)) best = candidate;
  });
  return best;
}
