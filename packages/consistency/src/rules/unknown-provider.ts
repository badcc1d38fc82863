import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { capitalize, fileName, listNames, q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

/** SY2001: routes, deployments and services must name a provider of providers.yaml. */
export const unknownProvider = defineRule({
  id: "SY2001",
  name: "unknown-provider",
  title: "A route, deployment or service names a provider that does not exist.",
  severity: "error",
  cause:
    "An exact match, pattern route or load-balancing deployment in model-mappings.yaml (or a service's `providers` list in ports.yaml) names a provider id that providers.yaml does not define, usually a typo or a provider that was renamed or removed. LiteLLM would get a deployment without a working backend and fail at request time.",
  fix: "Use the suggested provider id, or add the provider to providers.yaml.",
  example: "exact_matches:\n  gpt-4o:\n    provider: opnai   # providers.yaml defines 'openai'",
  *check(context) {
    const { model } = context;
    const providersFile = model.providersFile;
    if (!providersFile) return;
    const ids = [...model.providers.keys()];
    for (const ref of model.providerRefs) {
      if (model.providers.has(ref.provider)) continue;
      const suggestion = suggestName(ref.provider, ids);
      const suggested = suggestion !== undefined ? model.providers.get(suggestion) : undefined;
      yield {
        message: `${capitalize(ref.label)} names provider ${q(ref.provider)}, which ${fileName(providersFile)} does not define${didYouMean(suggestion)}`,
        ...context.at(ref.place),
        hint:
          suggestion !== undefined
            ? `Change it to ${q(suggestion)}, or add a provider ${q(ref.provider)} to ${fileName(providersFile)}.`
            : ids.length > 0
              ? `Use one of the defined providers (${listNames(ids)}), or add ${q(ref.provider)} to ${fileName(providersFile)}.`
              : `Add a provider ${q(ref.provider)} to ${fileName(providersFile)}.`,
        ...(suggestion !== undefined ? { suggestion } : {}),
        related: [
          suggested
            ? context.related(`provider ${q(suggested.id)} is defined here`, suggested.place, "key")
            : context.related(
                "providers are defined here",
                { file: providersFile, path: ["providers"] },
                "key",
              ),
        ],
      };
    }
  },
});
