import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { applySeverityOverrides, applySuppressions, resolveSeverityOverrides } from "./apply.js";
import type { CodeScope, Suppression } from "./types.js";

const scope: CodeScope = {
  owns: (code) => /^SY[12]\d{3}$/.test(code),
  known: new Set(["SY1001", "SY1040", "SY1090", "SY2001", "SY2003", "SY2041"]),
  adjustable: (code) => code !== "SY1001",
};

function finding(code: string, line: number, path: string[] = ["a"]): Diagnostic {
  return {
    code,
    severity: "error",
    message: `${code} at ${line}`,
    file: "config/m.yaml",
    path,
    range: { start: { line, column: 3, offset: 0 }, end: { line, column: 5, offset: 2 } },
  };
}

function inline(codes: string[], line: number, commentLine = line): Suppression {
  return {
    origin: "inline",
    codes,
    reason: "because",
    file: "config/m.yaml",
    line,
    at: {
      file: "config/m.yaml",
      range: {
        start: { line: commentLine, column: 10, offset: 0 },
        end: { line: commentLine, column: 20, offset: 10 },
      },
    },
  };
}

describe("applySuppressions", () => {
  it("hides a finding on the covered line with a listed code and records it", () => {
    const out = applySuppressions(
      [finding("SY2003", 4), finding("SY2001", 4), finding("SY2003", 5)],
      [inline(["SY2003"], 4)],
      { scope },
    );
    expect(out.diagnostics.map((d) => d.message)).toEqual(["SY2001 at 4", "SY2003 at 5"]);
    expect(out.suppressed.map((s) => [s.diagnostic.message, s.suppression.reason])).toEqual([
      ["SY2003 at 4", "because"],
    ]);
  });

  it("reports each unused code of a suppression (SY1090) at the comment", () => {
    const out = applySuppressions([finding("SY2003", 4)], [inline(["SY2003", "SY2041"], 4, 3)], { scope });
    expect(out.diagnostics).toEqual([
      expect.objectContaining({
        code: "SY1090",
        severity: "warning",
        message: "Suppression of SY2041 is unused: no such finding on line 4",
        file: "config/m.yaml",
        range: expect.objectContaining({ start: expect.objectContaining({ line: 3 }) }),
      }),
    ]);
  });

  it("reports unknown codes with a suggestion, and leaves codes of other commands alone", () => {
    const out = applySuppressions([], [inline(["SY2300", "SY5001"], 4)], { scope });
    expect(out.diagnostics.map((d) => [d.code, d.message, d.suggestion])).toEqual([
      [
        "SY1093",
        "Suppression names SY2300, which is not a Switchyard code — did you mean 'SY2003'?",
        "SY2003",
      ],
    ]);
  });

  it("refuses to suppress fixed codes and findings about suppressions", () => {
    const out = applySuppressions([finding("SY1001", 4)], [inline(["SY1001"], 4), inline(["SY1090"], 9)], {
      scope,
    });
    expect(out.diagnostics.map((d) => d.code).sort()).toEqual(["SY1001", "SY1095", "SY1095"]);
  });

  it("applies settings suppressions by file and path prefix, and reports expired ones", () => {
    const settings = (path: string | undefined, expires?: string): Suppression => ({
      origin: "settings",
      codes: ["SY2003"],
      reason: "accepted",
      file: "config/m.yaml",
      ...(path !== undefined ? { path } : {}),
      ...(expires !== undefined ? { expires } : {}),
      at: { file: "config/.switchyard.yaml", path: ["suppressions", 0] },
    });
    const findings = [
      finding("SY2003", 4, ["exact_matches", "gpt-4o", "model"]),
      finding("SY2003", 9, ["exact_matches", "gpt-4o-mini", "model"]),
    ];
    const now = new Date("2026-07-01T00:00:00Z");
    const byPath = applySuppressions(findings, [settings("exact_matches.gpt-4o")], { scope, now });
    expect(byPath.suppressed.map((s) => s.diagnostic.range?.start.line)).toEqual([4]);
    const wholeFile = applySuppressions(findings, [settings(undefined, "2026-07-01")], { scope, now });
    expect(wholeFile.suppressed).toHaveLength(2);
    const expired = applySuppressions(findings, [settings(undefined, "2026-06-30")], { scope, now });
    expect(expired.suppressed).toEqual([]);
    expect(expired.diagnostics.map((d) => d.code)).toEqual(["SY1092", "SY2003", "SY2003"]);
  });

  it("expires like a flag's end_date: through the whole named UTC day, a date-time at its instant", () => {
    const suppression = (expires: string): Suppression => ({
      origin: "settings",
      codes: ["SY2003"],
      reason: "accepted",
      file: "config/m.yaml",
      expires,
      at: { file: "config/.switchyard.yaml", path: ["suppressions", 0] },
    });
    const findings = [finding("SY2003", 4, ["exact_matches", "gpt-4o", "model"])];
    const applies = (expires: string, now: string) =>
      applySuppressions(findings, [suppression(expires)], { scope, now: new Date(now) }).suppressed.length ===
      1;
    expect(applies("2026-06-30", "2026-06-30T12:00:00Z")).toBe(true);
    expect(applies("2026-06-30", "2026-06-30T23:59:59.999Z")).toBe(true);
    expect(applies("2026-06-30", "2026-07-01T00:00:00Z")).toBe(false);
    expect(applies("2026-06-30T12:00:00Z", "2026-06-30T11:59:59Z")).toBe(true);
    expect(applies("2026-06-30T12:00:00Z", "2026-06-30T12:00:00Z")).toBe(false);
    expect(applies("2026-06-30T12:00", "2026-06-30T12:00:00Z")).toBe(false);
  });
});

describe("severity overrides", () => {
  const at = { file: "config/.switchyard.yaml" };

  it("rewrites severities and drops codes set to off", () => {
    const { overrides, diagnostics } = resolveSeverityOverrides(
      [
        { code: "SY2003", setting: "warning", at },
        { code: "SY2041", setting: "off", at },
      ],
      scope,
    );
    expect(diagnostics).toEqual([]);
    const out = applySeverityOverrides(
      [finding("SY2003", 1), finding("SY2041", 2), finding("SY2001", 3)],
      overrides,
    );
    expect(out.map((d) => [d.code, d.severity])).toEqual([
      ["SY2003", "warning"],
      ["SY2001", "error"],
    ]);
  });

  it("reports overrides of unknown and fixed codes and ignores them", () => {
    const { overrides, diagnostics } = resolveSeverityOverrides(
      [
        { code: "SY2033", setting: "off", at },
        { code: "SY1001", setting: "off", at },
        { code: "SY1090", setting: "off", at },
      ],
      scope,
    );
    expect([...overrides]).toEqual([["SY1090", "off"]]);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["SY1093", "Severity override names SY2033, which is not a Switchyard code — did you mean 'SY2003'?"],
      ["SY1095", "Severity override names SY1001, which cannot be changed"],
    ]);
  });
});
