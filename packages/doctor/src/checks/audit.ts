import { AUDIT_EXIT_CODES, auditExitCode } from "@switchyard/audit";
import { defineDoctorCheck } from "../context.js";

export const audit = defineDoctorCheck({
  id: "audit",
  title: "audit score",
  critical: false,
  async run(context) {
    const result = await context.audit();
    const gate = context.auditGate;
    const data = { overall: result.overall, counts: result.counts, capped: result.capped };
    const fix = `switchyard audit${context.dirFlag}${gate.minScore !== undefined ? ` --min-score ${gate.minScore}` : ""}${gate.failOn !== undefined ? ` --fail-on ${gate.failOn}` : ""}`;
    // The audit's own gate decides: its exit code is the verdict (pass, warn, fail, could not run).
    const code = auditExitCode(result, gate);
    const counts = `${result.counts.critical} critical, ${result.counts.high} high, ${result.counts.medium} medium`;
    const score = result.overall === null ? "no score" : `score ${result.overall}`;
    if (code === AUDIT_EXIT_CODES.error)
      return { status: "fail", reason: `the audit could not run completely (${result.status})`, fix, data };
    if (code === AUDIT_EXIT_CODES.pass) return { status: "pass", reason: `${score} (${counts})`, data };
    const why =
      gate.minScore !== undefined || gate.failOn !== undefined
        ? "below the gate"
        : code === AUDIT_EXIT_CODES.warn
          ? "below 80"
          : "below 60";
    return {
      status: code === AUDIT_EXIT_CODES.warn ? "warn" : "fail",
      reason: `${score}, ${why}${result.capped ? " (capped by a critical finding)" : ""} (${counts})`,
      fix,
      data,
    };
  },
});
