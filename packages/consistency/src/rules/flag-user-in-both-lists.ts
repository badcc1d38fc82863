import { q } from "../internal/describe.js";
import type { NamedItem } from "../model.js";
import { defineRule } from "../rule.js";

/** SY2070: a user in both the whitelist and the blacklist of a flag. */
export const flagUserInBothLists = defineRule({
  id: "SY2070",
  name: "flag-user-in-both-lists",
  title: "A user is in both the whitelist and the blacklist of a flag.",
  severity: "warning",
  reads: ["feature-flags"],
  cause:
    "The two lists contradict each other for this user; whichever the evaluator checks first decides, and readers of the file cannot tell what was meant.",
  fix: "Remove the user from one of the lists.",
  *check(context) {
    for (const flag of context.model.flags) {
      if (flag.whitelist.length === 0 || flag.blacklist.length === 0) continue;
      const blacklisted = new Map<string, NamedItem>();
      for (const item of flag.blacklist) if (!blacklisted.has(item.name)) blacklisted.set(item.name, item);
      const reported = new Set<string>();
      for (const item of flag.whitelist) {
        const other = blacklisted.get(item.name);
        if (!other || reported.has(item.name)) continue;
        reported.add(item.name);
        yield {
          message: `User ${q(item.name)} is in both the whitelist and the blacklist of flag ${q(flag.name)}`,
          ...context.at(item.place),
          hint: "Remove the user from one of the two lists.",
          related: [context.related(`${q(item.name)} is blacklisted here`, other.place)],
        };
      }
    }
  },
});
