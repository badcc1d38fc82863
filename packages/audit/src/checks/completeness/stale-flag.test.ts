import { afterAll, describe, expect, it } from "vitest";
import { auditDir, cleanupStacks, makeStack } from "../../../test/helpers.js";

afterAll(cleanupStacks);

// The config-date boundary, as the flag evaluator sees it: a plain `end_date` keeps the flag on
// through that whole UTC day, so the audit calls it ended only from midnight UTC the next day.
describe("SY5406 stale-flag: where end_date ends", () => {
  const ended = async (endDate: string, now: string) => {
    const dir = await makeStack({
      files: { "feature-flags.yaml": (t) => t.replace('"2099-12-31"', `"${endDate}"`) },
      git: false,
    });
    const result = await auditDir(dir, { now: new Date(now) });
    return result.findings.some((f) => f.id === "SY5406" && /ended on/.test(f.message));
  };

  it("a plain end_date is not stale at 12:00 UTC on that day (the evaluator still says on)", async () => {
    expect(await ended("2026-01-15", "2026-01-15T12:00:00Z")).toBe(false);
    expect(await ended("2026-01-15", "2026-01-15T23:59:59.999Z")).toBe(false);
  });

  it("it is stale from 00:00 UTC the next day", async () => {
    expect(await ended("2026-01-15", "2026-01-16T00:00:00Z")).toBe(true);
  });

  it("a date-time end_date ends at that instant; one without a zone is UTC", async () => {
    expect(await ended("2026-01-15T12:00:00Z", "2026-01-15T11:59:59Z")).toBe(false);
    expect(await ended("2026-01-15T12:00:00Z", "2026-01-15T12:00:00Z")).toBe(true);
    expect(await ended("2026-01-15T12:00", "2026-01-15T12:00:00Z")).toBe(true);
    expect(await ended("2026-01-15T14:00:00+02:00", "2026-01-15T12:00:00Z")).toBe(true);
  });
});
