import { GlobIndex, globIncludes } from "@switchyard/config-schema/glob";
import { compareLiteLLMPatternPrecedence } from "@switchyard/config-schema/litellm";
import { q } from "../internal/describe.js";
import { litellmRank } from "../internal/pattern-index.js";
import type { PatternEntry } from "../model.js";
import { defineRule } from "../rule.js";

/** SY2040: a pattern route that a pattern LiteLLM tries first makes unreachable. */
export const shadowedPattern = defineRule({
  id: "SY2040",
  name: "shadowed-pattern",
  title: "A pattern route is shadowed by a pattern LiteLLM tries first.",
  severity: "warning",
  cause:
    "LiteLLM tries wildcard routes most specific first, whatever their order in the file: its router sorts the patterns by the length of the regular expression each becomes, then by its count of regular-expression characters (`anthropic/*` before `*`), keeping the file order for ties. When a pattern tried earlier matches every name this one matches, this route never receives a request. Routes with the same pattern form one LiteLLM group and share the traffic, so they do not shadow each other. Inclusion is decided on the globs themselves, conservatively: only certain shadowing is reported.",
  fix: "Make the pattern more specific than the one that catches its names, or remove the dead route.",
  example:
    "patterns:\n  - {pattern: 'ab*', provider: openai}      # never reached:\n  - {pattern: 'a**', provider: openrouter}  # longer, so LiteLLM tries it first",
  *check(context) {
    const patterns = context.model.patterns;
    if (patterns.length < 2) return;
    const rank = litellmRank(context);
    const index = new GlobIndex(patterns);
    for (const pattern of patterns) {
      let by: PatternEntry | undefined;
      const own = rank.get(pattern)!;
      for (const candidate of index.candidates(pattern.glob.literalPrefix)) {
        const theirs = rank.get(candidate)!;
        if (theirs >= own || (by !== undefined && theirs >= rank.get(by)!)) continue;
        if (candidate.glob.source === pattern.glob.source) continue;
        if (globIncludes(candidate.glob, pattern.glob)) by = candidate;
      }
      if (!by) continue;
      const reordered =
        by.index > pattern.index && compareLiteLLMPatternPrecedence(by.glob.source, pattern.glob.source) < 0;
      yield {
        message: `Pattern ${q(pattern.glob.source)} is never used: LiteLLM tries ${
          reordered
            ? `the longer ${q(by.glob.source)} first, although it is listed later,`
            : `${q(by.glob.source)} first,`
        } and it matches every name ${q(pattern.glob.source)} matches`,
        ...context.at(pattern.place),
        hint: `Make ${q(pattern.glob.source)} more specific than ${q(by.glob.source)} (LiteLLM tries longer patterns first), or remove it.`,
        related: [context.related(`the pattern ${q(by.glob.source)} is here`, by.place)],
      };
    }
  },
});
