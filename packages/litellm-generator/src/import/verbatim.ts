import { LiteLLMDeploymentSchema } from "@switchyard/config-schema";
import { copyRecord, isPlainRecord, setOwn } from "../internal/records.js";
import type { VerbatimDeployment } from "./classify.js";
import { referenceSecret } from "./extras.js";
import type { ImportLog } from "./log.js";
import type { SecretNames } from "./secrets.js";

/**
 * Deployments Switchyard cannot model, as they will be appended to the generated `model_list`:
 * unchanged except that literal secrets become `os.environ/NAME` references. One the LiteLLM
 * schema refuses is dropped (SY4215).
 */
export function carryVerbatim(
  deployments: readonly VerbatimDeployment[],
  secrets: SecretNames,
  log: ImportLog,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const d of deployments) {
    const entry = copyRecord(d.entry);
    if (isPlainRecord(entry.litellm_params)) {
      const params: Record<string, unknown> = {};
      for (const key of Object.keys(entry.litellm_params)) {
        const path = [...d.place.path, "litellm_params", key];
        setOwn(
          params,
          key,
          referenceSecret(
            key,
            entry.litellm_params[key],
            { place: { ...d.place, path }, label: `litellm_params.${key} of '${d.modelName}'` },
            secrets,
            log,
          ),
        );
      }
      entry.litellm_params = params;
    }
    if (!LiteLLMDeploymentSchema.safeParse(entry).success) {
      log.lossy(
        "SY4215",
        `Deployment '${d.modelName}' is not carried: ${d.reason}, and Switchyard's LiteLLM schema refuses it as written`,
        d.place,
        "Fix the deployment (see the LiteLLM schema) and add it under model_list in litellm-passthrough.yaml.",
      );
      continue;
    }
    log.note(
      "SY4210",
      `Deployment '${d.modelName}' is carried verbatim in litellm-passthrough.yaml: ${d.reason}`,
      d.place,
      "Switchyard appends it to the generated model_list as written; its own checks do not cover it.",
    );
    out.push(entry);
  }
  return out;
}
