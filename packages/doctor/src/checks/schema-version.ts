import { defineDoctorCheck, firstFinding } from "../context.js";

export const schemaVersion = defineDoctorCheck({
  id: "schema-version",
  title: "schema version",
  critical: false,
  async run(context) {
    const plan = await context.migration();
    if (plan.status === "current") return { status: "pass", reason: `current (${plan.target})` };
    if (plan.status === "outdated")
      return {
        status: "fail",
        reason: `at ${plan.from}, the current schema is ${plan.target}`,
        fix: `switchyard migrate --auto${context.dirFlag}`,
        data: plan.files,
      };
    return {
      status: "fail",
      reason: `cannot tell: ${firstFinding(plan.diagnostics) || plan.status}`,
      fix: `switchyard migrate --check${context.dirFlag}`,
      diagnostics: plan.diagnostics,
    };
  },
});
