import { defineDoctorCheck, firstFinding } from "../context.js";

export const generated = defineDoctorCheck({
  id: "generated",
  title: "generated LiteLLM config",
  critical: true,
  async run(context) {
    const result = await context.generated();
    if (!result.ok)
      return {
        status: "fail",
        reason: `cannot generate: ${firstFinding(result.diagnostics)}`,
        fix: `switchyard generate --check${context.dirFlag}`,
        diagnostics: result.diagnostics,
      };
    if (result.status === "current") return { status: "pass", reason: result.message };
    const fix =
      result.status === "hand-edited" || result.status === "header-missing"
        ? `switchyard generate --force${context.dirFlag}`
        : `switchyard generate${context.dirFlag}`;
    return {
      status: "fail",
      reason: result.message,
      fix,
      ...(result.diagnostic ? { diagnostics: [result.diagnostic] } : {}),
    };
  },
});
