import { describe, expect, it } from "vitest";
import { auditExitCode } from "./gate.js";
import type { AuditFinding, AuditResult, AuditSeverity } from "./types.js";

function result(
  overall: number | null,
  severities: AuditSeverity[] = [],
  status: AuditResult["status"] = "complete",
): AuditResult {
  const findings = severities.map(
    (severity, i): AuditFinding => ({
      id: "SY5301",
      check: "no-cache",
      category: "performance",
      severity,
      message: `finding ${i}`,
      remediation: "fix it",
      key: `SY5301||#${i}`,
    }),
  );
  return { status, overall, findings } as unknown as AuditResult;
}

describe("auditExitCode", () => {
  it("maps the overall score to the default bands", () => {
    expect(auditExitCode(result(100))).toBe(0);
    expect(auditExitCode(result(80))).toBe(0);
    expect(auditExitCode(result(79))).toBe(1);
    expect(auditExitCode(result(60))).toBe(1);
    expect(auditExitCode(result(59))).toBe(2);
    expect(auditExitCode(result(null))).toBe(0);
  });

  it("exits 3 when the audit did not run or is incomplete, whatever the gate", () => {
    expect(auditExitCode(result(null, [], "error"))).toBe(3);
    expect(auditExitCode(result(100, [], "incomplete"), { minScore: 0 })).toBe(3);
  });

  it("lets --min-score replace the bands", () => {
    expect(auditExitCode(result(70), { minScore: 70 })).toBe(0);
    expect(auditExitCode(result(69), { minScore: 70 })).toBe(2);
    expect(auditExitCode(result(50), { minScore: 40 })).toBe(0);
  });

  it("lets --fail-on fail on an open finding at or above a severity", () => {
    expect(auditExitCode(result(95, ["medium"]), { failOn: "high" })).toBe(0);
    expect(auditExitCode(result(95, ["medium"]), { failOn: "medium" })).toBe(2);
    expect(auditExitCode(result(95, ["critical"]), { failOn: "low" })).toBe(2);
  });

  it("fails when either explicit gate fails", () => {
    expect(auditExitCode(result(95, ["low"]), { minScore: 90, failOn: "low" })).toBe(2);
    expect(auditExitCode(result(85, []), { minScore: 90, failOn: "low" })).toBe(2);
    expect(auditExitCode(result(95, []), { minScore: 90, failOn: "low" })).toBe(0);
  });
});
