import { describe, expect, it } from "vitest";
import { base, check, lines, relatedLines, yaml } from "../test-support.js";

const flags = (body: string) => ({ ...base, "feature-flags": `schema_version: "2.0.0"\nflags:\n${body}` });

describe("SY2070 flag-user-in-both-lists", () => {
  it("reports each user in both lists once, with both places", () => {
    const report = check(
      flags("  beta:\n    enabled: true\n    whitelist: [ann, bob, ann]\n    blacklist: [bob, ann]\n"),
    );
    expect(lines(report)).toEqual([
      "config/feature-flags.yaml:5:17 warning SY2070 User 'ann' is in both the whitelist and the blacklist of flag 'beta'",
      "config/feature-flags.yaml:5:22 warning SY2070 User 'bob' is in both the whitelist and the blacklist of flag 'beta'",
    ]);
    expect(relatedLines(report, "SY2070")).toEqual([
      "config/feature-flags.yaml:6:22 'ann' is blacklisted here",
      "config/feature-flags.yaml:6:17 'bob' is blacklisted here",
    ]);
  });
});

describe("SY2071 flag-dates-inverted", () => {
  it.each([
    ["2026-03-01", "2026-02-01", "after"],
    // A plain end_date includes its whole UTC day: it ends at 2026-03-02T00:00:00Z.
    ["2026-03-02", "2026-03-01", "when"],
    ["2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00Z", "when"],
    ["2026-03-02T10:00", "2026-03-01", "after"],
    ["2026-03-01T12:00", "2026-03-01T12:00:00Z", "when"],
  ])("reports start %s against end %s", (start, end, word) => {
    const report = check(
      flags(
        yaml`
      beta:
        enabled: true
        start_date: "${start}"
        end_date: "${end}"
    `.replace(/^/gm, "  "),
      ),
    );
    expect(lines(report)).toEqual([
      `config/feature-flags.yaml:5:17 error SY2071 Flag 'beta' starts (start_date ${start}) ${word} it ends (end_date ${end}), so it is never on`,
    ]);
    expect(relatedLines(report, "SY2071")).toEqual([
      "config/feature-flags.yaml:6:15 end_date of 'beta' is here",
    ]);
  });

  it("accepts a one-day window (start and end on the same plain date) and a start later that day", () => {
    for (const [start, end] of [
      ["2026-03-01", "2026-03-01"],
      ["2026-03-01T12:00:00Z", "2026-03-01"],
      ["2026-03-01T23:59:59.999", "2026-03-01"],
    ]) {
      expect(
        check(flags(`  beta:\n    enabled: true\n    start_date: "${start}"\n    end_date: "${end}"\n`))
          .diagnostics,
      ).toEqual([]);
    }
  });

  it("accepts a window that is open for at least an instant, and leaves bad dates to the schema", () => {
    expect(
      check(
        flags(
          '  beta:\n    enabled: true\n    start_date: "2026-03-01"\n    end_date: "2026-03-01T00:00:01Z"\n',
        ),
      ).diagnostics,
    ).toEqual([]);
    expect(
      check(
        flags('  beta:\n    enabled: true\n    start_date: "March"\n    end_date: "2026-03-01"\n'),
      ).diagnostics.map((d) => d.code),
    ).toEqual(["SY1035"]);
  });
});
