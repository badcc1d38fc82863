import { q } from "../internal/describe.js";
import { GlobIndex, globIncludes } from "../internal/glob.js";
import type { PatternEntry } from "../model.js";
import { defineRule } from "../rule.js";

/** SY2040: a pattern route that an earlier pattern makes unreachable. */
export const shadowedPattern = defineRule({
  id: "SY2040",
  name: "shadowed-pattern",
  title: "A pattern route is shadowed by an earlier pattern.",
  severity: "warning",
  cause:
    "Pattern routes are tried in file order, and an earlier pattern matches every name this one matches (`gpt-*` before `gpt-4*`, or the same pattern twice), so this route never receives a request. Inclusion is decided on the globs themselves (`*` and `?`), conservatively: only certain shadowing is reported.",
  fix: "Move the more specific pattern above the general one, or remove the dead route.",
  example:
    "patterns:\n  - {pattern: 'gpt-*', provider: openrouter}\n  - {pattern: 'gpt-4*', provider: openai}   # never reached",
  *check(context) {
    const patterns = context.model.patterns;
    if (patterns.length < 2) return;
    const index = new GlobIndex(patterns);
    for (const pattern of patterns) {
      let by: PatternEntry | undefined;
      for (const candidate of index.candidates(pattern.glob.literalPrefix)) {
        if (candidate.index >= pattern.index || (by !== undefined && candidate.index >= by.index)) continue;
        if (globIncludes(candidate.glob, pattern.glob)) by = candidate;
      }
      if (!by) continue;
      const same = by.glob.source === pattern.glob.source;
      yield {
        message: same
          ? `Pattern ${q(pattern.glob.source)} repeats the earlier pattern route ${q(by.glob.source)}, so it is never used`
          : `Pattern ${q(pattern.glob.source)} is never used: the earlier pattern ${q(by.glob.source)} matches every name it matches`,
        ...context.at(pattern.place),
        hint: same
          ? "Remove the repeated route."
          : `Move ${q(pattern.glob.source)} above ${q(by.glob.source)}, or remove it.`,
        related: [context.related(`the earlier pattern ${q(by.glob.source)} is here`, by.place)],
      };
    }
  },
});
