import { defineDoctorCheck } from "../context.js";

export const audit = defineDoctorCheck({
  id: "audit",
  title: "audit score",
  critical: false,
  async run(context) {
    const result = await context.audit();
    const data = { overall: result.overall, counts: result.counts, capped: result.capped };
    if (result.status === "error" || result.overall === null)
      return {
        status: "fail",
        reason: "the audit could not run",
        fix: `switchyard audit${context.dirFlag}`,
        data,
      };
    const counts = `${result.counts.critical} critical, ${result.counts.high} high, ${result.counts.medium} medium`;
    if (result.overall >= 80) return { status: "pass", reason: `score ${result.overall} (${counts})`, data };
    return {
      status: result.overall >= 60 ? "warn" : "fail",
      reason: `score ${result.overall}, below ${result.overall >= 60 ? 80 : 60}${result.capped ? " (capped by a critical finding)" : ""} (${counts})`,
      fix: `switchyard audit${context.dirFlag}`,
      data,
    };
  },
});
