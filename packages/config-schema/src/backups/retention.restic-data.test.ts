/**
 * Restic's own golden results for `forget`, ported: the snapshot list of
 * `internal/restic/snapshot_policy_test.go` (TestApplyPolicy) and the kept snapshots of
 * `internal/restic/testdata/policy_keep_snapshots_<n>`, plus the worked example of
 * `doc/060_forget.rst`. Reason strings are restic's without " snapshot"
 * ("daily snapshot" → "daily", "oldest yearly snapshot" → "oldest yearly").
 */
import { describe, expect, test } from "vitest";
import type { NaiveTime } from "./naive-time.js";
import { applyRetention, type RetentionPolicy } from "./retention.js";

interface Snap {
  /** `YYYY-MM-DD HH:MM:SS[.1][ #k]`: unique per snapshot. */
  label: string;
  time: NaiveTime;
  /** Sub-second part, which restic compares but a backup stamp cannot hold. */
  fraction: number;
}

// TestApplyPolicy's list, in its order. Five snapshots share 2015-10-22 10:20:30
// (restic gives them different tags/paths); they are told apart here by "#k".
const RESTIC_TIMES = `
2014-09-01 10:20:30, 2014-09-02 10:20:30, 2014-09-05 10:20:30, 2014-09-06 10:20:30, 2014-09-08 10:20:30,
2014-09-09 10:20:30, 2014-09-10 10:20:30, 2014-09-11 10:20:30, 2014-09-20 10:20:30, 2014-09-22 10:20:30,
2014-08-08 10:20:30, 2014-08-10 10:20:30, 2014-08-12 10:20:30, 2014-08-13 10:20:30, 2014-08-13 10:20:30.1,
2014-08-15 10:20:30, 2014-08-18 10:20:30, 2014-08-20 10:20:30, 2014-08-21 10:20:30, 2014-08-22 10:20:30,
2014-10-01 10:20:30, 2014-10-02 10:20:30, 2014-10-05 10:20:30, 2014-10-06 10:20:30, 2014-10-08 10:20:30,
2014-10-09 10:20:30, 2014-10-10 10:20:30, 2014-10-11 10:20:30, 2014-10-20 10:20:30, 2014-10-22 10:20:30,
2014-11-08 10:20:30, 2014-11-10 10:20:30, 2014-11-12 10:20:30, 2014-11-13 10:20:30, 2014-11-13 10:20:30.1,
2014-11-15 10:20:30, 2014-11-18 10:20:30, 2014-11-20 10:20:30, 2014-11-21 10:20:30, 2014-11-22 10:20:30,
2015-09-01 10:20:30, 2015-09-02 10:20:30, 2015-09-05 10:20:30, 2015-09-06 10:20:30, 2015-09-08 10:20:30,
2015-09-09 10:20:30, 2015-09-10 10:20:30, 2015-09-11 10:20:30, 2015-09-20 10:20:30, 2015-09-22 10:20:30,
2015-08-08 10:20:30, 2015-08-10 10:20:30, 2015-08-12 10:20:30, 2015-08-13 10:20:30, 2015-08-13 10:20:30.1,
2015-08-15 10:20:30, 2015-08-18 10:20:30, 2015-08-20 10:20:30, 2015-08-21 10:20:30, 2015-08-22 10:20:30,
2015-10-01 10:20:30, 2015-10-02 10:20:30, 2015-10-05 10:20:30, 2015-10-06 10:20:30, 2015-10-08 10:20:30,
2015-10-09 10:20:30, 2015-10-10 10:20:30, 2015-10-11 10:20:30, 2015-10-20 10:20:30, 2015-10-22 10:20:30,
2015-10-22 10:20:30, 2015-10-22 10:20:30, 2015-10-22 10:20:30, 2015-10-22 10:20:30,
2015-11-08 10:20:30, 2015-11-10 10:20:30, 2015-11-12 10:20:30, 2015-11-13 10:20:30, 2015-11-13 10:20:30.1,
2015-11-15 10:20:30, 2015-11-18 10:20:30, 2015-11-20 10:20:30, 2015-11-21 10:20:30, 2015-11-22 10:20:30,
2016-01-01 01:02:03, 2016-01-01 01:03:03, 2016-01-01 07:08:03, 2016-01-03 07:02:03, 2016-01-04 10:23:03,
2016-01-04 11:23:03, 2016-01-04 12:23:03, 2016-01-04 12:24:03, 2016-01-04 12:28:03, 2016-01-04 12:30:03,
2016-01-04 16:23:03, 2016-01-05 09:02:03, 2016-01-06 08:02:03, 2016-01-07 10:02:03, 2016-01-08 20:02:03,
2016-01-09 21:02:03, 2016-01-12 21:02:03, 2016-01-12 21:08:03, 2016-01-18 12:02:03`;

function parseTime(text: string): { time: NaiveTime; fraction: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(text);
  if (!m) throw new Error(`bad time ${text}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { time: { year, month, day, hour, minute, second }, fraction: Number(m[7] ?? 0) };
}

function resticSnapshots(): Snap[] {
  const seen = new Map<string, number>();
  const snaps = RESTIC_TIMES.split(",").map((raw) => {
    const text = raw.trim();
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return { label: n === 1 ? text : `${text} #${n}`, ...parseTime(text) };
  });
  // restic sorts by full time (sub-seconds included), stable; a backup stamp has whole
  // seconds, so pre-sort here and let applyRetention's stable sort keep this order.
  const key = (s: Snap) =>
    [s.time.year, s.time.month, s.time.day, s.time.hour, s.time.minute, s.time.second + s.fraction] as const;
  return snaps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      const ka = key(a.s);
      const kb = key(b.s);
      for (let j = 0; j < ka.length; j++) if (ka[j] !== kb[j]) return kb[j]! - ka[j]!;
      return a.i - b.i;
    })
    .map(({ s }) => s);
}

const SNAPSHOTS = resticSnapshots();

function kept(policy: RetentionPolicy, snaps: readonly Snap[] = SNAPSHOTS): [string, string[]][] {
  return applyRetention(snaps, (s) => s.time, policy)
    .filter((d) => d.keep)
    .map((d) => [d.item.label, d.reasons]);
}

describe("restic TestApplyPolicy golden files", () => {
  test("the ported list has restic's 103 snapshots", () => {
    expect(SNAPSHOTS).toHaveLength(103);
  });

  test("policy_keep_snapshots_6: daily 3", () => {
    expect(kept({ daily: 3 })).toEqual([
      ["2016-01-18 12:02:03", ["daily"]],
      ["2016-01-12 21:08:03", ["daily"]],
      ["2016-01-09 21:02:03", ["daily"]],
    ]);
  });

  test("policy_keep_snapshots_9: last 5, daily 5", () => {
    expect(kept({ last: 5, daily: 5 })).toEqual([
      ["2016-01-18 12:02:03", ["last", "daily"]],
      ["2016-01-12 21:08:03", ["last", "daily"]],
      ["2016-01-12 21:02:03", ["last"]],
      ["2016-01-09 21:02:03", ["last", "daily"]],
      ["2016-01-08 20:02:03", ["last", "daily"]],
      ["2016-01-07 10:02:03", ["daily"]],
    ]);
  });

  test("policy_keep_snapshots_10: last 2, daily 10", () => {
    expect(kept({ last: 2, daily: 10 })).toEqual([
      ["2016-01-18 12:02:03", ["last", "daily"]],
      ["2016-01-12 21:08:03", ["last", "daily"]],
      ["2016-01-09 21:02:03", ["daily"]],
      ["2016-01-08 20:02:03", ["daily"]],
      ["2016-01-07 10:02:03", ["daily"]],
      ["2016-01-06 08:02:03", ["daily"]],
      ["2016-01-05 09:02:03", ["daily"]],
      ["2016-01-04 16:23:03", ["daily"]],
      ["2016-01-03 07:02:03", ["daily"]],
      ["2016-01-01 07:08:03", ["daily"]],
    ]);
  });

  test("policy_keep_snapshots_11: weekly 2", () => {
    expect(kept({ weekly: 2 })).toEqual([
      ["2016-01-18 12:02:03", ["weekly"]],
      ["2016-01-12 21:08:03", ["weekly"]],
    ]);
  });

  test("policy_keep_snapshots_12: weekly 4 (2016-01-03 is the newest of 2015-W53)", () => {
    expect(kept({ weekly: 4 })).toEqual([
      ["2016-01-18 12:02:03", ["weekly"]],
      ["2016-01-12 21:08:03", ["weekly"]],
      ["2016-01-09 21:02:03", ["weekly"]],
      ["2016-01-03 07:02:03", ["weekly"]],
    ]);
  });

  test("policy_keep_snapshots_13: daily 3, weekly 4", () => {
    expect(kept({ daily: 3, weekly: 4 })).toEqual([
      ["2016-01-18 12:02:03", ["daily", "weekly"]],
      ["2016-01-12 21:08:03", ["daily", "weekly"]],
      ["2016-01-09 21:02:03", ["daily", "weekly"]],
      ["2016-01-03 07:02:03", ["weekly"]],
    ]);
  });

  // The stored golden files 16 and 17 predate restic 0.17's "keep the oldest snapshot
  // while a rule has slots left"; with it, yearly (7 slots left) also keeps 2014-08-08,
  // exactly as policy_keep_snapshots_39 shows for the same situation.
  test("policy_keep_snapshots_16: yearly 10, plus the oldest", () => {
    expect(kept({ yearly: 10 })).toEqual([
      ["2016-01-18 12:02:03", ["yearly"]],
      ["2015-11-22 10:20:30", ["yearly"]],
      ["2014-11-22 10:20:30", ["yearly"]],
      ["2014-08-08 10:20:30", ["oldest yearly"]],
    ]);
  });

  test("policy_keep_snapshots_17: daily 7, weekly 2, monthly 3, yearly 10, plus the oldest", () => {
    expect(kept({ daily: 7, weekly: 2, monthly: 3, yearly: 10 })).toEqual([
      ["2016-01-18 12:02:03", ["daily", "weekly", "monthly", "yearly"]],
      ["2016-01-12 21:08:03", ["daily", "weekly"]],
      ["2016-01-09 21:02:03", ["daily"]],
      ["2016-01-08 20:02:03", ["daily"]],
      ["2016-01-07 10:02:03", ["daily"]],
      ["2016-01-06 08:02:03", ["daily"]],
      ["2016-01-05 09:02:03", ["daily"]],
      ["2015-11-22 10:20:30", ["monthly", "yearly"]],
      ["2015-10-22 10:20:30", ["monthly"]],
      ["2014-11-22 10:20:30", ["yearly"]],
      ["2014-08-08 10:20:30", ["oldest yearly"]],
    ]);
  });

  test("policy_keep_snapshots_36: last unlimited keeps everything", () => {
    const result = kept({ last: -1 });
    expect(result.map(([label]) => label)).toEqual(SNAPSHOTS.map((s) => s.label));
    expect(result.every(([, reasons]) => reasons.join() === "last")).toBe(true);
  });

  // Golden 38: the newest snapshot of every hour; these are the ones it drops.
  const NOT_HOURLY = [
    "2016-01-12 21:02:03",
    "2016-01-04 12:28:03",
    "2016-01-04 12:24:03",
    "2016-01-04 12:23:03",
    "2016-01-01 01:02:03",
    "2015-11-13 10:20:30",
    "2015-10-22 10:20:30 #2",
    "2015-10-22 10:20:30 #3",
    "2015-10-22 10:20:30 #4",
    "2015-10-22 10:20:30 #5",
    "2015-08-13 10:20:30",
    "2014-11-13 10:20:30",
    "2014-08-13 10:20:30",
  ];

  test("policy_keep_snapshots_38: hourly unlimited", () => {
    const result = kept({ hourly: -1 });
    expect(result.map(([label]) => label)).toEqual(
      SNAPSHOTS.map((s) => s.label).filter((label) => !NOT_HOURLY.includes(label)),
    );
    expect(result).toHaveLength(90);
    expect(result.every(([, reasons]) => reasons.join() === "hourly")).toBe(true);
    expect(result.at(-1)).toEqual(["2014-08-08 10:20:30", ["hourly"]]);
  });

  test("policy_keep_snapshots_37: last and hourly unlimited", () => {
    const result = kept({ last: -1, hourly: -1 });
    expect(result).toHaveLength(103);
    for (const [label, reasons] of result) {
      expect(reasons).toEqual(NOT_HOURLY.includes(label) ? ["last"] : ["last", "hourly"]);
    }
  });

  // Golden 39 was recorded before restic labelled such keeps "oldest …"
  // (`if val == b.Last && nr == len(list)-1`); the kept set is the same.
  test("policy_keep_snapshots_39: daily 3, weekly 2, monthly and yearly unlimited", () => {
    expect(kept({ daily: 3, weekly: 2, monthly: -1, yearly: -1 })).toEqual([
      ["2016-01-18 12:02:03", ["daily", "weekly", "monthly", "yearly"]],
      ["2016-01-12 21:08:03", ["daily", "weekly"]],
      ["2016-01-09 21:02:03", ["daily"]],
      ["2015-11-22 10:20:30", ["monthly", "yearly"]],
      ["2015-10-22 10:20:30", ["monthly"]],
      ["2015-09-22 10:20:30", ["monthly"]],
      ["2015-08-22 10:20:30", ["monthly"]],
      ["2014-11-22 10:20:30", ["monthly", "yearly"]],
      ["2014-10-22 10:20:30", ["monthly"]],
      ["2014-09-22 10:20:30", ["monthly"]],
      ["2014-08-22 10:20:30", ["monthly"]],
      ["2014-08-08 10:20:30", ["oldest monthly", "oldest yearly"]],
    ]);
  });
});

describe("restic documentation (doc/060_forget.rst)", () => {
  test("one backup every Sunday for 12 weeks, --keep-daily 4 keeps the last four Sundays", () => {
    const sundays = [
      "2019-09-01",
      "2019-09-08",
      "2019-09-15",
      "2019-09-22",
      "2019-09-29",
      "2019-10-06",
      "2019-10-13",
      "2019-10-20",
      "2019-10-27",
      "2019-11-03",
      "2019-11-10",
      "2019-11-17",
    ].map((d) => ({ label: d, ...parseTime(`${d} 11:00:00`) }));
    expect(kept({ daily: 4 }, sundays)).toEqual([
      ["2019-11-17", ["daily"]],
      ["2019-11-10", ["daily"]],
      ["2019-11-03", ["daily"]],
      ["2019-10-27", ["daily"]],
    ]);
  });
});
