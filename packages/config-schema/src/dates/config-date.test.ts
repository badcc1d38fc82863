import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlagSchema } from "../schemas/feature-flags.js";
import { isWithinWindow, parseConfigDate, windowEnd, windowIsEmpty, windowStart } from "./config-date.js";

const at = (iso: string) => Date.parse(iso);

describe("config dates", () => {
  it("reads a plain date as the whole UTC day", () => {
    expect(parseConfigDate("2026-06-30")).toEqual({
      kind: "date",
      from: at("2026-06-30T00:00:00Z"),
      until: at("2026-07-01T00:00:00Z"),
    });
    expect(windowStart("2026-06-30")).toBe(at("2026-06-30T00:00:00Z"));
    expect(windowEnd("2026-06-30")).toBe(at("2026-07-01T00:00:00Z"));
    expect(windowEnd("2028-02-28")).toBe(at("2028-02-29T00:00:00Z"));
    expect(windowEnd("2026-12-31")).toBe(at("2027-01-01T00:00:00Z"));
  });

  it("reads a date-time with a zone as that instant, and one without a zone as UTC (never host time)", () => {
    expect(windowEnd("2026-06-30T12:00:00Z")).toBe(at("2026-06-30T12:00:00Z"));
    expect(windowEnd("2026-06-30T14:00:00+02:00")).toBe(at("2026-06-30T12:00:00Z"));
    expect(windowEnd("2026-06-30T12:00")).toBe(at("2026-06-30T12:00:00Z"));
    expect(windowEnd("2026-06-30 12:00:00")).toBe(at("2026-06-30T12:00:00Z"));
    expect(windowStart("2026-06-30T12:00:00.250")).toBe(at("2026-06-30T12:00:00.250Z"));
    expect(parseConfigDate(new Date("2026-06-30T12:00:00Z"))?.kind).toBe("date-time");
  });

  it("rejects what is not a calendar date", () => {
    for (const bad of ["2026-02-30", "2027-02-29", "2026-04-31", "2026/01/31", "March", "", 20260101, null]) {
      expect(parseConfigDate(bad)).toBeUndefined();
    }
    expect(parseConfigDate("2028-02-29")?.kind).toBe("date");
    expect(FlagSchema.safeParse({ enabled: true, end_date: "2026-02-30" }).success).toBe(false);
    expect(FlagSchema.safeParse({ enabled: true, end_date: "2026-02-28" }).success).toBe(true);
  });

  it("windows are half-open: start inclusive, end exclusive, a plain end includes its day", () => {
    const start = windowStart("2026-06-01");
    const end = windowEnd("2026-06-30");
    expect(isWithinWindow(at("2026-05-31T23:59:59.999Z"), start, end)).toBe(false);
    expect(isWithinWindow(at("2026-06-01T00:00:00Z"), start, end)).toBe(true);
    expect(isWithinWindow(at("2026-06-30T12:00:00Z"), start, end)).toBe(true);
    expect(isWithinWindow(at("2026-06-30T23:59:59.999Z"), start, end)).toBe(true);
    expect(isWithinWindow(at("2026-07-01T00:00:00Z"), start, end)).toBe(false);
    expect(isWithinWindow(at("2026-06-30T12:00:00Z"), undefined, windowEnd("2026-06-30T12:00:00Z"))).toBe(
      false,
    );
    expect(isWithinWindow(0, undefined, undefined)).toBe(true);
  });

  it("a window is empty only when it starts at or after its exclusive end", () => {
    expect(windowIsEmpty("2026-03-01", "2026-03-01")).toBe(false);
    expect(windowIsEmpty("2026-03-02", "2026-03-01")).toBe(true);
    expect(windowIsEmpty("2026-03-01T10:00", "2026-03-01")).toBe(false);
    expect(windowIsEmpty("2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00Z")).toBe(true);
    expect(windowIsEmpty("March", "2026-03-01")).toBeUndefined();
  });

  it("property: a plain date's day contains exactly the instants whose UTC date is that day", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }), (time) => {
        const day = new Date(time).toISOString().slice(0, 10);
        expect(isWithinWindow(time, windowStart(day), windowEnd(day))).toBe(true);
        expect(windowEnd(day)! - windowStart(day)!).toBe(86_400_000);
      }),
    );
  });
});
