import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compareNaiveTime, isoWeek, type NaiveTime } from "./naive-time.js";
import {
  applyRetention,
  DEFAULT_RETENTION,
  describeRetention,
  RETENTION_RULES,
  type RetentionPolicy,
  type RetentionRule,
} from "./retention.js";

function at(text: string): NaiveTime {
  const [date, time = "00:00:00"] = text.split(" ") as [string, string?];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute, second] = time.split(":").map(Number) as [number, number, number];
  return { year, month, day, hour, minute, second };
}

/** Kept labels with reasons, newest first. */
function keep(labels: readonly string[], policy: RetentionPolicy): [string, string[]][] {
  return applyRetention(labels, at, policy)
    .filter((d) => d.keep)
    .map((d) => [d.item, d.reasons]);
}

function days(from: string, count: number, time = "12:00:00"): string[] {
  const start = at(from);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    return `${d.toISOString().slice(0, 10)} ${time}`;
  });
}

describe("applyRetention: hand-built timelines", () => {
  test("decisions come newest first whatever the input order, with removed ones marked", () => {
    const result = applyRetention(["2026-01-01", "2026-03-01", "2026-02-01"], at, { last: 2 });
    expect(result).toEqual([
      { item: "2026-03-01", keep: true, reasons: ["last"] },
      { item: "2026-02-01", keep: true, reasons: ["last"] },
      { item: "2026-01-01", keep: false, reasons: [] },
    ]);
  });

  test("a rule keeps the newest backup of each period, and empty days do not count", () => {
    const backups = [
      "2026-11-26 18:00:00",
      "2026-11-26 09:00:00",
      "2026-11-10 23:00:00",
      "2026-01-01 00:00:01",
    ];
    expect(keep(backups, { daily: 2 })).toEqual([
      ["2026-11-26 18:00:00", ["daily"]],
      ["2026-11-10 23:00:00", ["daily"]],
    ]);
  });

  test("day boundary: 23:59:59 and 00:00:00 are different days", () => {
    expect(keep(["2026-11-26 00:00:00", "2026-11-25 23:59:59", "2026-11-25 00:00:00"], { daily: 2 })).toEqual(
      [
        ["2026-11-26 00:00:00", ["daily"]],
        ["2026-11-25 23:59:59", ["daily"]],
      ],
    );
  });

  test("month boundary", () => {
    const backups = [
      "2026-02-01 12:00:00",
      "2026-02-01 00:00:00",
      "2026-01-31 23:59:59",
      "2026-01-01 00:00:00",
    ];
    expect(keep(backups, { monthly: 2 })).toEqual([
      ["2026-02-01 12:00:00", ["monthly"]],
      ["2026-01-31 23:59:59", ["monthly"]],
    ]);
  });

  test("year boundary: New Year's Eve and New Year's Day share an ISO week but not a year", () => {
    const backups = [
      "2026-01-01 01:00:00",
      "2025-12-31 23:00:00",
      "2025-12-28 12:00:00",
      "2025-06-01 12:00:00",
    ];
    expect(keep(backups, { weekly: 2, yearly: 2 })).toEqual([
      ["2026-01-01 01:00:00", ["weekly", "yearly"]],
      ["2025-12-31 23:00:00", ["yearly"]],
      ["2025-12-28 12:00:00", ["weekly"]],
    ]);
  });

  test("ISO week 53: 2015-12-28 .. 2016-01-03 is one week", () => {
    const backups = [...days("2015-12-21", 7), ...days("2015-12-28", 7), "2016-01-04 12:00:00"];
    expect(keep(backups, { weekly: 3 })).toEqual([
      ["2016-01-04 12:00:00", ["weekly"]], // 2016-W01
      ["2016-01-03 12:00:00", ["weekly"]], // 2015-W53 (Monday 2015-12-28 .. Sunday 2016-01-03)
      ["2015-12-27 12:00:00", ["weekly"]], // 2015-W52
    ]);
  });

  test("ISO week 53 of 2020 spans New Year too", () => {
    const backups = [...days("2020-12-28", 7), ...days("2021-01-04", 2)];
    expect(keep(backups, { weekly: 2 })).toEqual([
      ["2021-01-05 12:00:00", ["weekly"]],
      ["2021-01-03 12:00:00", ["weekly"]],
    ]);
    expect(isoWeek(at("2020-12-28"))).toEqual({ year: 2020, week: 53 });
  });

  test("hourly buckets are calendar hours", () => {
    const backups = [
      "2026-11-26 13:00:00",
      "2026-11-26 12:59:59",
      "2026-11-26 12:00:00",
      "2026-11-26 11:59:59",
    ];
    expect(keep(backups, { hourly: 3 })).toEqual([
      ["2026-11-26 13:00:00", ["hourly"]],
      ["2026-11-26 12:59:59", ["hourly"]],
      ["2026-11-26 11:59:59", ["hourly"]],
    ]);
  });

  test("ties keep input order: the first of equal times is the one kept", () => {
    const times = { a: "2026-11-26 12:00:00", b: "2026-11-26 12:00:00", c: "2026-11-25 12:00:00" };
    const timeOf = (k: keyof typeof times) => at(times[k]);
    const kept = (order: (keyof typeof times)[]) =>
      applyRetention(order, timeOf, { daily: 1 })
        .filter((d) => d.keep)
        .map((d) => d.item);
    expect(kept(["a", "b", "c"])).toEqual(["a"]);
    expect(kept(["b", "a", "c"])).toEqual(["b"]);
    expect(applyRetention(["b", "c", "a"], timeOf, { last: 3 }).map((d) => d.item)).toEqual(["b", "a", "c"]);
  });

  test("a backup kept by several rules spends a slot in each and lists every rule", () => {
    const backups = [
      "2026-11-26 18:00:00",
      "2026-11-26 12:00:00",
      "2026-11-25 12:00:00",
      "2026-11-24 12:00:00",
    ];
    expect(keep(backups, { last: 1, daily: 2 })).toEqual([
      ["2026-11-26 18:00:00", ["last", "daily"]],
      ["2026-11-25 12:00:00", ["daily"]],
    ]);
  });

  describe("the oldest backup", () => {
    const twoPerDay = [
      "2026-11-26 18:00:00",
      "2026-11-26 06:00:00",
      "2026-11-25 18:00:00",
      "2026-11-25 06:00:00",
      "2026-11-24 18:00:00",
      "2026-11-24 06:00:00",
    ];

    test("a rule with slots left at the end also keeps the oldest backup, marked oldest", () => {
      expect(keep(twoPerDay, { daily: 5 })).toEqual([
        ["2026-11-26 18:00:00", ["daily"]],
        ["2026-11-25 18:00:00", ["daily"]],
        ["2026-11-24 18:00:00", ["daily"]],
        ["2026-11-24 06:00:00", ["oldest daily"]],
      ]);
    });

    test("a rule whose slots are spent does not", () => {
      expect(keep(twoPerDay, { daily: 3 })).toEqual([
        ["2026-11-26 18:00:00", ["daily"]],
        ["2026-11-25 18:00:00", ["daily"]],
        ["2026-11-24 18:00:00", ["daily"]],
      ]);
    });

    test("an oldest backup alone in its period is kept as a plain period keep", () => {
      const backups = ["2026-11-26 18:00:00", "2026-11-25 18:00:00", "2026-11-24 06:00:00"];
      expect(keep(backups, { daily: 5 }).at(-1)).toEqual(["2026-11-24 06:00:00", ["daily"]]);
    });

    test("-1 (unlimited) keeps every period and the oldest", () => {
      expect(keep(twoPerDay, { daily: -1, weekly: 1 })).toEqual([
        ["2026-11-26 18:00:00", ["daily", "weekly"]],
        ["2026-11-25 18:00:00", ["daily"]],
        ["2026-11-24 18:00:00", ["daily"]],
        ["2026-11-24 06:00:00", ["oldest daily"]],
      ]);
    });

    test("a single backup is kept by every rule that is on", () => {
      expect(keep(["2026-11-26 12:00:00"], { last: 1, daily: 2, yearly: -1 })).toEqual([
        ["2026-11-26 12:00:00", ["last", "daily", "yearly"]],
      ]);
    });
  });

  test("the default policy keeps 10 last, 7 daily, 4 weekly", () => {
    expect(DEFAULT_RETENTION).toEqual({ last: 10, daily: 7, weekly: 4 });
    // Four backups a day for 60 days.
    const backups = days("2026-09-01", 60).flatMap((d) => {
      const day = d.slice(0, 10);
      return [`${day} 06:00:00`, `${day} 12:00:00`, `${day} 18:00:00`, `${day} 23:00:00`];
    });
    const result = keep(backups, DEFAULT_RETENTION);
    expect(result.slice(0, 10).every(([, r]) => r.includes("last"))).toBe(true);
    expect(result.filter(([, r]) => r.includes("daily")).map(([l]) => l)).toEqual(
      days("2026-10-24", 7, "23:00:00").reverse(),
    );
    // 2026-10-30 is a Friday: the newest of this week, then the Sundays before it.
    expect(result.filter(([, r]) => r.includes("weekly")).map(([l]) => l)).toEqual([
      "2026-10-30 23:00:00",
      "2026-10-25 23:00:00",
      "2026-10-18 23:00:00",
      "2026-10-11 23:00:00",
    ]);
    // 10 last (three days' 23:00 among them) + 4 more dailies + 2 more weeklies (10-18, 10-11).
    expect(result).toHaveLength(10 + 4 + 2);
  });

  test("a policy with no rule on keeps everything", () => {
    const result = applyRetention(["2026-01-01", "2026-01-02"], at, { last: 0 });
    expect(result.map((d) => [d.item, d.keep, d.reasons])).toEqual([
      ["2026-01-02", true, ["policy is empty"]],
      ["2026-01-01", true, ["policy is empty"]],
    ]);
  });

  test("no backups, no decisions", () => {
    expect(applyRetention([], at, DEFAULT_RETENTION)).toEqual([]);
  });

  test.each([-2, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("a count of %s is refused", (count) => {
    expect(() => applyRetention(["2026-01-01"], at, { daily: count })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const timeArb: fc.Arbitrary<NaiveTime> = fc.record({
  year: fc.integer({ min: 2014, max: 2017 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.constantFrom(0, 30),
  second: fc.constant(0),
});

/** Small timelines, sometimes dense (many backups in a few periods), sometimes sparse. */
const timelineArb = fc.oneof(
  fc.array(timeArb, { minLength: 1, maxLength: 40 }),
  fc.array(
    fc.record({
      year: fc.constant(2015),
      month: fc.constant(12),
      day: fc.integer({ min: 20, max: 31 }),
      hour: fc.integer({ min: 22, max: 23 }),
      minute: fc.constantFrom(0, 30),
      second: fc.constant(0),
    }),
    { minLength: 1, maxLength: 30 },
  ),
);

const countArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.constant(-1));
const policyArb: fc.Arbitrary<RetentionPolicy> = fc.record(
  {
    last: countArb,
    hourly: countArb,
    daily: countArb,
    weekly: countArb,
    monthly: countArb,
    yearly: countArb,
  },
  { requiredKeys: [] },
);
const activePolicyArb = policyArb.filter((p) => RETENTION_RULES.some((r) => (p[r] ?? 0) !== 0));

interface Item {
  id: number;
  time: NaiveTime;
}

function items(times: readonly NaiveTime[]): Item[] {
  return times.map((time, id) => ({ id, time }));
}

function keptIds(list: readonly Item[], policy: RetentionPolicy): Set<number> {
  return new Set(
    applyRetention(list, (i) => i.time, policy)
      .filter((d) => d.keep)
      .map((d) => d.item.id),
  );
}

function periodOf(rule: RetentionRule, t: NaiveTime, id: number): string {
  const w = isoWeek(t);
  return {
    last: `${id}`,
    hourly: `${t.year}/${t.month}/${t.day}/${t.hour}`,
    daily: `${t.year}/${t.month}/${t.day}`,
    weekly: `${w.year}/W${w.week}`,
    monthly: `${t.year}/${t.month}`,
    yearly: `${t.year}`,
  }[rule];
}

/**
 * The field guide's rules stated declaratively, as an oracle: per rule, group the
 * backups by period; keep the newest backup of each of the `count` newest periods; if
 * there are fewer periods than `count`, keep the oldest backup too.
 */
function referenceKept(list: readonly Item[], policy: RetentionPolicy): Set<number> {
  const sorted = list
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compareNaiveTime(b.item.time, a.item.time) || a.index - b.index)
    .map(({ item }) => item);
  const active = RETENTION_RULES.filter((r) => (policy[r] ?? 0) !== 0);
  if (active.length === 0) return new Set(list.map((i) => i.id));
  const result = new Set<number>();
  for (const rule of active) {
    const count = policy[rule] === -1 ? Number.POSITIVE_INFINITY : (policy[rule] as number);
    const newestOfPeriod = new Map<string, Item>();
    for (const item of sorted) {
      const period = periodOf(rule, item.time, item.id);
      if (!newestOfPeriod.has(period)) newestOfPeriod.set(period, item);
    }
    const periods = [...newestOfPeriod.values()];
    for (const item of periods.slice(0, count)) result.add(item.id);
    if (periods.length < count) result.add(sorted.at(-1)!.id);
  }
  return result;
}

describe("applyRetention: properties", () => {
  test("agrees with the declarative statement of the rules", () => {
    fc.assert(
      fc.property(timelineArb, policyArb, (times, policy) => {
        const list = items(times);
        expect(keptIds(list, policy)).toEqual(referenceKept(list, policy));
      }),
      { numRuns: 500 },
    );
  });

  test("the newest backup is always kept when any rule is on", () => {
    fc.assert(
      fc.property(timelineArb, activePolicyArb, (times, policy) => {
        const decisions = applyRetention(items(times), (i) => i.time, policy);
        expect(decisions[0]!.keep).toBe(true);
        const newest = [...times].sort((a, b) => compareNaiveTime(b, a))[0]!;
        expect(compareNaiveTime(decisions[0]!.item.time, newest)).toBe(0);
      }),
    );
  });

  test("the result does not depend on input order when times are distinct", () => {
    const distinct = fc.uniqueArray(timeArb, {
      minLength: 1,
      maxLength: 40,
      selector: (t) => `${t.year}-${t.month}-${t.day}-${t.hour}-${t.minute}`,
    });
    fc.assert(
      fc.property(
        distinct.chain((times) =>
          fc.tuple(fc.constant(times), fc.shuffledSubarray(times, { minLength: times.length })),
        ),
        policyArb,
        ([times, shuffled], policy) => {
          const byTime = (list: NaiveTime[]) =>
            applyRetention(list, (t) => t, policy).map((d) => [JSON.stringify(d.item), d.keep, d.reasons]);
          expect(byTime(shuffled)).toEqual(byTime(times));
        },
      ),
    );
  });

  test("raising a count (or making it unlimited) never removes a kept backup", () => {
    fc.assert(
      fc.property(
        timelineArb,
        policyArb,
        fc.constantFrom(...RETENTION_RULES),
        fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(Number.POSITIVE_INFINITY)),
        (times, policy, rule, raise) => {
          const before = policy[rule] ?? 0;
          if (before === -1) return;
          const raised: RetentionPolicy = {
            ...policy,
            [rule]: raise === Number.POSITIVE_INFINITY ? -1 : before + raise,
          };
          // Turning the first rule on changes an empty policy (keep all) into a real one.
          if (RETENTION_RULES.every((r) => (policy[r] ?? 0) === 0)) return;
          const list = items(times);
          const keptBefore = keptIds(list, policy);
          const keptAfter = keptIds(list, raised);
          for (const id of keptBefore) expect(keptAfter.has(id)).toBe(true);
        },
      ),
    );
  });

  test("never keeps more than the counts add up to", () => {
    fc.assert(
      fc.property(timelineArb, activePolicyArb, (times, policy) => {
        if (RETENTION_RULES.some((r) => policy[r] === -1)) return;
        const sum = RETENTION_RULES.reduce((s, r) => s + (policy[r] ?? 0), 0);
        expect(keptIds(items(times), policy).size).toBeLessThanOrEqual(sum);
      }),
    );
  });

  test("every kept backup has a reason and every removed one has none", () => {
    fc.assert(
      fc.property(timelineArb, policyArb, (times, policy) => {
        for (const d of applyRetention(items(times), (i) => i.time, policy)) {
          expect(d.reasons.length > 0).toBe(d.keep);
        }
      }),
    );
  });
});

describe("describeRetention", () => {
  test("says the default policy as the messages print it", () => {
    expect(describeRetention(DEFAULT_RETENTION)).toBe(
      "the last 10, one a day for 7 days, one a week for 4 weeks",
    );
  });

  test("every rule, unlimited counts and an empty policy", () => {
    expect(describeRetention({ last: -1, hourly: 1, monthly: 12, yearly: -1 })).toBe(
      "every backup, one an hour for 1 hour, one a month for 12 months, one every year",
    );
    expect(describeRetention({})).toBe("every backup (the policy is empty)");
  });
});
