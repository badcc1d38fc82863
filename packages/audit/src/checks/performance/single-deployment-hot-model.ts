import { field, listOf, numberField, stringField } from "@switchyard/config-schema/data";
import { fallbackTargetCounts, litellmGroups, publicModels } from "../../internal/routes.js";
import type { FindingDraft } from "../../types.js";
import { defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5305: a heavily used model is served by a single deployment. */
export const singleDeploymentHotModel = defineCheck({
  id: "SY5305",
  name: "single-deployment-hot-model",
  category: "performance",
  severity: "low",
  title: "A heavily used model is served by one deployment, without load balancing.",
  cause:
    "A model counts as heavily used when its declared `rpm` or `tpm` reaches the `heavyRpm` (300) or `heavyTpm` (1 000 000) threshold, or when at least `heavyFallbackTargets` (3) other models fall back to it. One deployment serving it is a bottleneck and a single point of failure for all of that traffic.",
  fix: "Serve it from a `load_balancing` group with two or more deployments (another GPU, another host, or a cloud provider as overflow), each with its `weight`.",
  example:
    "load_balancing:\n  llama3.1-8b:\n    deployments:\n      - {provider: ollama-a, model: llama3.1:8b}\n      - {provider: ollama-b, model: llama3.1:8b}",
  run(context) {
    const t = context.thresholds;
    const findings: FindingDraft[] = [];
    const mappings = parsedFile(context, "model-mappings");
    if (mappings) {
      const targets = fallbackTargetCounts(mappings);
      let heavy = 0;
      for (const model of publicModels(mappings)) {
        const reasons: string[] = [];
        if (model.rpm !== undefined && model.rpm >= t.heavyRpm) reasons.push(`rpm ${model.rpm}`);
        if (model.tpm !== undefined && model.tpm >= t.heavyTpm) reasons.push(`tpm ${model.tpm}`);
        const fallers = targets.get(model.name) ?? 0;
        if (fallers >= t.heavyFallbackTargets) reasons.push(`fallback of ${fallers} models`);
        if (reasons.length === 0) continue;
        heavy++;
        if (model.deployments >= 2) continue;
        findings.push({
          file: mappings,
          path: model.path,
          message: `Model '${model.name}' is heavily used (${reasons.join(", ")}) but served by a single deployment`,
        });
      }
      return heavy === 0 ? notApplicable("no heavily used model") : ran(findings);
    }
    const litellm = parsedFile(context, "litellm");
    if (!litellm) return notApplicable("no model-mappings.yaml or litellm-unified.yaml");
    const list = listOf(field(litellm.data, "model_list"));
    let heavy = 0;
    for (const group of litellmGroups(litellm)) {
      const index = group.indexes[0] ?? 0;
      const deployment = list[index];
      const params = field(deployment, "litellm_params");
      const rpm = numberField(params, "rpm") ?? numberField(deployment, "rpm");
      const tpm = numberField(params, "tpm") ?? numberField(deployment, "tpm");
      if (!((rpm !== undefined && rpm >= t.heavyRpm) || (tpm !== undefined && tpm >= t.heavyTpm))) continue;
      heavy++;
      if (group.indexes.length >= 2) continue;
      findings.push({
        file: litellm,
        path: ["model_list", index],
        message: `Model group '${stringField(deployment, "model_name") ?? group.name}' is heavily used (${rpm !== undefined ? `rpm ${rpm}` : `tpm ${tpm}`}) but has a single deployment`,
      });
    }
    return heavy === 0 ? notApplicable("no heavily used model") : ran(findings);
  },
});
