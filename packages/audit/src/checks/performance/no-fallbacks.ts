import { litellmFallbackKeys, litellmGroups, publicModels } from "../../internal/routes.js";
import type { FindingDraft } from "../../types.js";
import { defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5304: a public model has no fallback. */
export const noFallbacks = defineCheck({
  id: "SY5304",
  name: "no-fallbacks",
  category: "performance",
  severity: "medium",
  title: "A public model has no fallback.",
  cause:
    "When the only backend of a public model name is down, overloaded or out of context window, the request fails: LiteLLM has nothing to try next. Wildcard routes are not counted (LiteLLM does not support fallbacks on them).",
  fix: "Give the model a `fallbacks:` list (or a `fallback_chains` entry) naming other public models, ideally on another provider; regenerate the LiteLLM file.",
  example: "exact_matches:\n  llama3.1-8b:\n    provider: ollama\n    fallbacks: [qwen2.5-7b]",
  run(context) {
    const mappings = parsedFile(context, "model-mappings");
    const findings: FindingDraft[] = [];
    if (mappings) {
      const models = publicModels(mappings);
      if (models.length === 0) return notApplicable("model-mappings.yaml declares no public model");
      for (const model of models) {
        if (model.hasFallbacks) continue;
        findings.push({
          file: mappings,
          path: model.path,
          message: `Public model '${model.name}' has no fallback`,
        });
      }
      return ran(findings);
    }
    const litellm = parsedFile(context, "litellm");
    if (!litellm) return notApplicable("no model-mappings.yaml or litellm-unified.yaml");
    const groups = litellmGroups(litellm);
    if (groups.length === 0) return notApplicable("litellm-unified.yaml declares no model group");
    const { keys, hasDefault } = litellmFallbackKeys(litellm);
    if (hasDefault) return ran([]);
    for (const group of groups) {
      if (keys.has(group.name)) continue;
      findings.push({
        file: litellm,
        path: ["model_list", group.indexes[0] ?? 0, "model_name"],
        message: `Model group '${group.name}' has no fallback in router_settings.fallbacks`,
        remediation:
          "Add `{<group>: [<other group>, …]}` to `router_settings.fallbacks`, keyed by the real model group name.",
      });
    }
    return ran(findings);
  },
});
