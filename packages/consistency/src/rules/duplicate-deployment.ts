import { q } from "../internal/describe.js";
import type { DeploymentEntry } from "../model.js";
import { defineRule } from "../rule.js";

/** SY2052: the same provider and model twice in one group. */
export const duplicateDeployment = defineRule({
  id: "SY2052",
  name: "duplicate-deployment",
  title: "A load-balancing group lists the same deployment twice.",
  severity: "warning",
  cause:
    "Two deployments of one group name the same provider and model. It doubles that deployment's share of traffic in a way its `weight` does not show, and usually means a copy-paste was not finished.",
  fix: "Remove the repeat; to send the deployment more traffic, raise its `weight`.",
  *check(context) {
    for (const group of context.model.groups) {
      const seen = new Map<string, DeploymentEntry>();
      for (const deployment of group.deployments) {
        if (deployment.provider === undefined || deployment.model === undefined) continue;
        const key = `${deployment.provider}\0${deployment.model}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, deployment);
          continue;
        }
        yield {
          message: `Deployment ${deployment.index + 1} of group ${q(group.name)} repeats deployment ${first.index + 1} (provider ${q(deployment.provider)}, model ${q(deployment.model)})`,
          ...context.at(deployment.place),
          hint: "Remove the repeat; to send this deployment more traffic, raise its `weight`.",
          related: [context.related(`deployment ${first.index + 1} is here`, first.place)],
        };
      }
    }
  },
});
