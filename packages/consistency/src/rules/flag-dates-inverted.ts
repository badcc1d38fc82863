import { CONFIG_DATE_SEMANTICS, windowEnd, windowStart } from "@switchyard/config-schema/dates";
import { q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

function show(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** SY2071: a flag whose start_date is not before its end_date. */
export const flagDatesInverted = defineRule({
  id: "SY2071",
  name: "flag-dates-inverted",
  title: "A flag's date window is empty: it starts when or after it ends.",
  severity: "error",
  reads: ["feature-flags"],
  cause: `\`start_date\` is inclusive and \`end_date\` exclusive, so a flag whose start is on or after its end is never on. A plain \`end_date\` keeps the flag on through that whole day, so a flag starting and ending on the same plain date is on for that one day. ${CONFIG_DATE_SEMANTICS}`,
  fix: "Swap the dates, or correct the one that was mistyped.",
  example:
    "flags:\n  new-router:\n    enabled: true\n    start_date: '2026-03-01'\n    end_date: '2026-02-01'",
  *check(context) {
    for (const flag of context.model.flags) {
      if (!flag.startDate || !flag.endDate) continue;
      const start = windowStart(flag.startDate.value);
      const end = windowEnd(flag.endDate.value);
      if (start === undefined || end === undefined || start < end) continue;
      yield {
        message: `Flag ${q(flag.name)} starts (start_date ${show(flag.startDate.value)}) ${start === end ? "when" : "after"} it ends (end_date ${show(flag.endDate.value)}), so it is never on`,
        ...context.at(flag.startDate.place),
        hint: "Swap the dates or correct the mistyped one; start_date is inclusive, end_date exclusive (a plain end_date includes its whole day).",
        related: [context.related(`end_date of ${q(flag.name)} is here`, flag.endDate.place)],
      };
    }
  },
});
