import { q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : value === null ? "null" : String(value);
}

/** SY2050: load-balancing weights must be positive numbers. */
export const invalidWeight = defineRule({
  id: "SY2050",
  name: "invalid-weight",
  title: "A load-balancing deployment has a weight that is not a positive number.",
  severity: "error",
  supersedes: ["SY1032", "SY1034"],
  cause:
    "Weights are relative shares of a group's traffic. Zero or a negative number would take the deployment out of rotation in some routing strategies and break the weighted pick in others; a quoted number is a string, not a weight.",
  fix: "Use a positive number (the default is 1). To stop sending traffic to a deployment, remove it from the group or disable its provider.",
  example: "deployments:\n  - {provider: vllm, model: qwen, weight: 0}",
  *check(context) {
    for (const group of context.model.groups) {
      for (const deployment of group.deployments) {
        if (!deployment.hasWeight) continue;
        const weight = deployment.weight;
        if (typeof weight === "number" && Number.isFinite(weight) && weight > 0) continue;
        yield {
          message: `Deployment ${deployment.index + 1} of group ${q(group.name)} has weight ${show(weight)}; weights must be positive numbers`,
          ...context.at({ file: deployment.place.file, path: [...deployment.place.path, "weight"] }),
          hint: "Use a positive number (default 1); to take the deployment out of rotation, remove it or disable its provider.",
        };
      }
    }
  },
});
