import { plural } from "../text/plural.js";
import { compareNaiveTime, isoWeek, type NaiveTime } from "./naive-time.js";

/** The rules of a retention policy, in the order they are evaluated and reported. */
export type RetentionRule = "last" | "hourly" | "daily" | "weekly" | "monthly" | "yearly";

/** All rules, in evaluation order. */
export const RETENTION_RULES: readonly RetentionRule[] = [
  "last",
  "hourly",
  "daily",
  "weekly",
  "monthly",
  "yearly",
];

/**
 * How many backups each rule keeps (restic's `forget --keep-*`). `-1` keeps every
 * period ("unlimited"); `0` or absent turns the rule off. Counts are of periods that
 * have backups, not of calendar periods: empty days do not count.
 */
export interface RetentionPolicy {
  /** The N newest backups. */
  last?: number;
  /** The newest backup of each of the N most recent hours that have backups. */
  hourly?: number;
  /** … of each of the N most recent days that have backups. */
  daily?: number;
  /** … of each of the N most recent ISO weeks (Monday to Sunday) that have backups. */
  weekly?: number;
  /** … of each of the N most recent months that have backups. */
  monthly?: number;
  /** … of each of the N most recent years that have backups. */
  yearly?: number;
}

/**
 * Switchyard's default (the legacy scripts' baseline): the 10 newest, one a day for 7 days, one a
 * week for 4 weeks. The one place this policy is written down: every write that backs a file up
 * prunes by it ({@link pruneAfterWrite}).
 */
export const DEFAULT_RETENTION: RetentionPolicy = { last: 10, daily: 7, weekly: 4 };

const PERIOD: Readonly<Record<Exclude<RetentionRule, "last">, string>> = {
  hourly: "hour",
  daily: "day",
  weekly: "week",
  monthly: "month",
  yearly: "year",
};

/**
 * A policy in words, for messages: `{ last: 10, daily: 7, weekly: 4 }` is "the last 10, one a day
 * for 7 days, one a week for 4 weeks". A count of -1 is "every".
 */
export function describeRetention(policy: RetentionPolicy): string {
  const parts: string[] = [];
  for (const rule of RETENTION_RULES) {
    const count = policy[rule];
    if (count === undefined || count === 0) continue;
    if (rule === "last") parts.push(count < 0 ? "every backup" : `the last ${count}`);
    else {
      const period = PERIOD[rule];
      const a = period === "hour" ? "an" : "a";
      parts.push(count < 0 ? `one every ${period}` : `one ${a} ${period} for ${plural(count, period)}`);
    }
  }
  return parts.length === 0 ? "every backup (the policy is empty)" : parts.join(", ");
}

/** Whether one backup is kept, and every rule that keeps it. */
export interface RetentionDecision<T> {
  item: T;
  keep: boolean;
  /**
   * The rules that keep it, in rule order: `"last"`, `"daily"`, …, or `"oldest weekly"`
   * when a rule with slots left keeps the oldest backup although its period was already
   * kept. `["policy is empty"]` when no rule is on (then everything is kept). Empty when removed.
   */
  reasons: string[];
}

/** The reason given to every backup when no rule is on. */
export const EMPTY_POLICY_REASON = "policy is empty";

/** The period of a time under one rule; equal keys mean "same period". */
function bucketKey(rule: RetentionRule, t: NaiveTime, index: number): string {
  switch (rule) {
    case "last":
      return `#${index}`;
    case "hourly":
      return `${t.year}-${t.month}-${t.day}T${t.hour}`;
    case "daily":
      return `${t.year}-${t.month}-${t.day}`;
    case "weekly": {
      const w = isoWeek(t);
      return `${w.year}-W${w.week}`;
    }
    case "monthly":
      return `${t.year}-${t.month}`;
    case "yearly":
      return `${t.year}`;
  }
}

function checkCount(rule: RetentionRule, count: number | undefined): number {
  if (count === undefined) return 0;
  if (!Number.isInteger(count) || count < -1) {
    throw new RangeError(`retention ${rule}: expected a whole number ≥ 0, or -1 for unlimited; got ${count}`);
  }
  return count;
}

/**
 * Decide which backups to keep, exactly as restic's `forget` does:
 *
 * - backups are sorted newest first (stable: equal times keep their input order);
 * - each rule walks that list once and keeps a backup when its period (hour, day, ISO
 *   week, month, year; every backup for `last`) differs from the period of the last
 *   backup *that rule* kept, until its count is spent — so it keeps the newest backup of
 *   each of the N most recent periods that have backups, independent of today's date;
 * - when the walk reaches the oldest backup and a rule still has slots left, that rule
 *   keeps the oldest backup too (reason `"oldest <rule>"` when its period was already kept);
 * - the kept set is the union of all rules; a backup kept by several rules spends a slot
 *   in each and lists every rule in `reasons`.
 *
 * Pure; `timeOf` reads each item's naive time. A policy with no rule on keeps everything
 * (restic refuses to forget with an empty policy).
 *
 * @returns one decision per item, newest first.
 * @throws RangeError when a count is not a whole number ≥ -1.
 */
export function applyRetention<T>(
  items: readonly T[],
  timeOf: (item: T) => NaiveTime,
  policy: RetentionPolicy,
): RetentionDecision<T>[] {
  const rules = RETENTION_RULES.map((rule) => ({ rule, remaining: checkCount(rule, policy[rule]) })).filter(
    (r) => r.remaining !== 0,
  );
  const sorted = items
    .map((item) => ({ item, time: timeOf(item) }))
    .sort((a, b) => compareNaiveTime(b.time, a.time));
  if (rules.length === 0) {
    return sorted.map(({ item }) => ({ item, keep: true, reasons: [EMPTY_POLICY_REASON] }));
  }
  const state = rules.map((r) => ({ ...r, lastKey: undefined as string | undefined }));
  const oldest = sorted.length - 1;
  return sorted.map(({ item, time }, index) => {
    const reasons: string[] = [];
    for (const rule of state) {
      if (rule.remaining === 0) continue;
      const key = bucketKey(rule.rule, time, index);
      if (key === rule.lastKey && index !== oldest) continue;
      reasons.push(key === rule.lastKey ? `oldest ${rule.rule}` : rule.rule);
      rule.lastKey = key;
      if (rule.remaining > 0) rule.remaining--;
    }
    return { item, keep: reasons.length > 0, reasons };
  });
}
