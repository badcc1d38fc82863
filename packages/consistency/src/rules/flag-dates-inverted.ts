import { DATE_PATTERN } from "@switchyard/config-schema";
import { q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

/** The instant a flag date stands for (bare dates and date-times without offset are read as UTC), or undefined. */
function instant(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== "string" || !DATE_PATTERN.test(value)) return undefined;
  const iso = value.replace(" ", "T");
  const withZone = /T/.test(iso) && !/(?:Z|[+-]\d{2}:\d{2})$/.test(iso) ? `${iso}Z` : iso;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? undefined : time;
}

function show(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** SY2071: a flag whose start_date is not before its end_date. */
export const flagDatesInverted = defineRule({
  id: "SY2071",
  name: "flag-dates-inverted",
  title: "A flag's start_date is not before its end_date.",
  severity: "error",
  cause:
    "`start_date` is inclusive and `end_date` exclusive, so a flag whose start is on or after its end is never on. Dates without a time are midnight UTC; date-times without an offset are read as UTC.",
  fix: "Swap the dates, or correct the one that was mistyped.",
  example:
    "flags:\n  new-router:\n    enabled: true\n    start_date: '2026-03-01'\n    end_date: '2026-02-01'",
  *check(context) {
    for (const flag of context.model.flags) {
      if (!flag.startDate || !flag.endDate) continue;
      const start = instant(flag.startDate.value);
      const end = instant(flag.endDate.value);
      if (start === undefined || end === undefined || start < end) continue;
      yield {
        message: `Flag ${q(flag.name)} starts (start_date ${show(flag.startDate.value)}) ${start === end ? "when" : "after"} it ends (end_date ${show(flag.endDate.value)}), so it is never on`,
        ...context.at(flag.startDate.place),
        hint: "Swap the dates or correct the mistyped one; start_date is inclusive and end_date exclusive.",
        related: [context.related(`end_date of ${q(flag.name)} is here`, flag.endDate.place)],
      };
    }
  },
});
