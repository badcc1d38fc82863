import type { Carrier } from "./carry.js";
import type { VerbatimDeployment } from "./classify.js";
import type { ImportLog } from "./log.js";

/**
 * Deployments Switchyard cannot model, as they will be appended to the generated `model_list`:
 * unchanged except that literal secrets become `os.environ/NAME` references.
 */
export function carryVerbatim(
  deployments: readonly VerbatimDeployment[],
  carrier: Carrier,
  log: ImportLog,
): Record<string, unknown>[] {
  return deployments.map((d) => {
    log.note(
      "SY4210",
      `Deployment '${d.modelName}' is carried verbatim in litellm-passthrough.yaml: ${d.reason}`,
      d.where.place,
      "Switchyard appends it to the generated model_list as written; its own checks do not cover it.",
    );
    return carrier.map(d.entry, d.where);
  });
}
