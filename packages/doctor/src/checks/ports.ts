import { plural } from "@switchyard/config-schema/text";
import { defineDoctorCheck } from "../context.js";

export const ports = defineDoctorCheck({
  id: "ports",
  title: "port states",
  critical: true,
  async run(context) {
    const report = await context.ports();
    if (!report) return { status: "skip", reason: "no valid ports.yaml to check" };
    const summary = `${report.counts.RUNNING} running, ${report.counts.AVAILABLE} free, ${report.counts.CONFLICT} in conflict, ${report.counts.UNKNOWN} unknown (${report.source})`;
    const failure = report.failures[0];
    if (failure) {
      const status = report.services.find((s) => s.service === failure.service);
      return {
        status: "fail",
        reason: `${failure.service}: ${failure.reason}${report.failures.length > 1 ? ` (+${plural(report.failures.length - 1, "more problem")})` : ""}`,
        fix: status?.hint ?? `switchyard ports${context.dirFlag}`,
        data: report,
      };
    }
    const unknown = report.services.find((s) => s.state === "UNKNOWN");
    if (unknown)
      return {
        status: "warn",
        reason: `${unknown.service}: ${unknown.reason}`,
        fix: unknown.hint ?? `sudo switchyard ports${context.dirFlag}`,
        data: report,
      };
    return { status: "pass", reason: summary, data: report };
  },
});
