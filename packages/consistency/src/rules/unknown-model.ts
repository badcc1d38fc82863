import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { capitalize, fileName, q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

/** SY2003: a mapped model must be in its provider's `models` list. */
export const unknownModel = defineRule({
  id: "SY2003",
  name: "unknown-model",
  title: "A mapped model is not in its provider's `models` list.",
  severity: "error",
  cause:
    "The `model` of an exact match, pattern route or deployment (or, when no `model` is written, the public name itself) is not one of the models the provider lists. Usually a typo or a tag that changed (`llama3:8b` for `llama3.1:8b`); the provider would answer 'model not found' at request time.",
  fix: "Use the suggested model name, or add the model to the provider's `models` in providers.yaml.",
  example:
    "exact_matches:\n  local-chat:\n    provider: ollama\n    model: llama3:8b   # ollama lists 'llama3.1:8b'",
  *check(context) {
    const { model } = context;
    for (const ref of model.providerRefs) {
      const provider = model.providers.get(ref.provider);
      if (!provider?.models) continue;
      for (const wanted of ref.models) {
        if (provider.models.has(wanted.name)) continue;
        const suggestion = suggestName(wanted.name, provider.models.keys());
        const suggestedIndex = suggestion !== undefined ? provider.models.get(suggestion) : undefined;
        const where = `provider ${q(ref.provider)} in ${fileName(provider.place.file)}`;
        const message = wanted.implicit
          ? `${capitalize(ref.label)} has no \`model\`, so it maps to ${q(wanted.name)}, which ${where} does not list${didYouMean(suggestion)}`
          : `${wanted.field === "model" ? "Model" : "Health-check model"} ${q(wanted.name)} of ${ref.label} is not in the models of ${where}${didYouMean(suggestion)}`;
        yield {
          message,
          ...context.at(wanted.place, wanted.implicit ? "key" : "value"),
          hint:
            suggestion !== undefined
              ? wanted.implicit
                ? `Add \`model: ${suggestion}\`, or add ${q(wanted.name)} to the models of ${q(ref.provider)}.`
                : `Change it to ${q(suggestion)}, or add ${q(wanted.name)} to the models of ${q(ref.provider)}.`
              : `Add ${q(wanted.name)} to the models of ${q(ref.provider)} in ${fileName(provider.place.file)}, or map to a model it serves.`,
          ...(suggestion !== undefined ? { suggestion } : {}),
          related: [
            suggestedIndex !== undefined
              ? context.related(`model ${q(suggestion ?? "")} of ${q(ref.provider)} is listed here`, {
                  file: provider.place.file,
                  path: [...provider.place.path, "models", suggestedIndex, "name"],
                })
              : context.related(
                  `models of ${q(ref.provider)} are listed here`,
                  { file: provider.place.file, path: [...provider.place.path, "models"] },
                  "key",
                ),
          ],
        };
      }
    }
  },
});
