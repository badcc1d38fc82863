import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  compareNaiveTime,
  daysFromCivil,
  formatNaiveStamp,
  isoWeek,
  isoWeekday,
  isValidNaiveTime,
  type NaiveTime,
  naiveTimeFromDate,
  parseNaiveStamp,
} from "./naive-time.js";

function date(text: string): NaiveTime {
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  return { year: y, month: m, day: d, hour: 0, minute: 0, second: 0 };
}

/** Naive times with real dates, years 1900..2100. */
const naiveTimeArb: fc.Arbitrary<NaiveTime> = fc
  .date({
    min: new Date(Date.UTC(1900, 0, 1)),
    max: new Date(Date.UTC(2100, 11, 31, 23, 59, 59)),
    noInvalidDate: true,
  })
  .map((d) => ({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  }));

describe("isoWeek", () => {
  // Values checked against Python's date.isocalendar().
  test.each([
    ["2015-12-28", 2015, 53],
    ["2016-01-01", 2015, 53],
    ["2016-01-03", 2015, 53],
    ["2016-01-04", 2016, 1],
    ["2020-12-31", 2020, 53],
    ["2021-01-03", 2020, 53],
    ["2021-01-04", 2021, 1],
    ["2019-12-30", 2020, 1],
    ["2018-12-31", 2019, 1],
    ["2008-12-29", 2009, 1],
    ["2010-01-03", 2009, 53],
    ["2004-12-31", 2004, 53],
    ["2005-01-02", 2004, 53],
    ["2026-11-26", 2026, 48],
    ["2000-02-29", 2000, 9],
    ["1999-01-01", 1998, 53],
    ["2024-12-30", 2025, 1],
    ["2027-01-01", 2026, 53],
  ])("%s is %i-W%i", (text, year, week) => {
    expect(isoWeek(date(text))).toEqual({ year, week });
  });

  test("2015-12-28 .. 2016-01-03 is one week, 2015-W53", () => {
    const days = [
      "2015-12-28",
      "2015-12-29",
      "2015-12-30",
      "2015-12-31",
      "2016-01-01",
      "2016-01-02",
      "2016-01-03",
    ];
    expect(new Set(days.map((d) => JSON.stringify(isoWeek(date(d)))))).toEqual(
      new Set([JSON.stringify({ year: 2015, week: 53 })]),
    );
  });

  test("weeks start on Monday", () => {
    expect(isoWeekday(2026, 11, 23)).toBe(1);
    expect(isoWeekday(2026, 11, 29)).toBe(7);
    expect(isoWeek(date("2026-11-29"))).toEqual(isoWeek(date("2026-11-23")));
    expect(isoWeek(date("2026-11-30")).week).toBe(isoWeek(date("2026-11-29")).week + 1);
  });

  test("agrees with a Date-based reference (nearest Thursday) on any date", () => {
    fc.assert(
      fc.property(naiveTimeArb, (t) => {
        const d = new Date(Date.UTC(t.year, t.month - 1, t.day));
        const dayNum = d.getUTCDay() || 7;
        d.setUTCDate(d.getUTCDate() + 4 - dayNum);
        const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
        const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
        expect(isoWeek(t)).toEqual({ year: d.getUTCFullYear(), week });
      }),
    );
  });
});

describe("calendar helpers", () => {
  test("daysFromCivil counts days from 1970-01-01 like Date.UTC", () => {
    fc.assert(
      fc.property(naiveTimeArb, (t) => {
        expect(daysFromCivil(t.year, t.month, t.day)).toBe(Date.UTC(t.year, t.month - 1, t.day) / 86_400_000);
      }),
    );
  });

  test("stamps round-trip and sort like times", () => {
    fc.assert(
      fc.property(naiveTimeArb, naiveTimeArb, (a, b) => {
        expect(parseNaiveStamp(formatNaiveStamp(a))).toEqual(a);
        const byStamp =
          formatNaiveStamp(a) < formatNaiveStamp(b) ? -1 : formatNaiveStamp(a) > formatNaiveStamp(b) ? 1 : 0;
        expect(Math.sign(compareNaiveTime(a, b))).toBe(byStamp);
      }),
    );
  });

  test("impossible stamps are refused", () => {
    expect(parseNaiveStamp("20260230_120000")).toBeUndefined();
    expect(parseNaiveStamp("20250229_120000")).toBeUndefined();
    expect(parseNaiveStamp("20240229_120000")).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      hour: 12,
      minute: 0,
      second: 0,
    });
    expect(parseNaiveStamp("21000229_000000")).toBeUndefined();
    expect(parseNaiveStamp("20261126_240000")).toBeUndefined();
    expect(parseNaiveStamp("20261126_126000")).toBeUndefined();
    expect(parseNaiveStamp("20261326_120000")).toBeUndefined();
    expect(parseNaiveStamp("2026112_1215000")).toBeUndefined();
    expect(isValidNaiveTime({ year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0.5 })).toBe(false);
  });

  test("naiveTimeFromDate reads the local wall clock", () => {
    expect(naiveTimeFromDate(new Date(2026, 10, 26, 12, 15, 0))).toEqual({
      year: 2026,
      month: 11,
      day: 26,
      hour: 12,
      minute: 15,
      second: 0,
    });
  });
});
