import { entriesOf, field, listOf } from "@switchyard/config-schema/data";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5403: a provider lists no models. */
export const providerWithoutModels = defineCheck({
  id: "SY5403",
  name: "provider-without-models",
  category: "completeness",
  severity: "medium",
  title: "A provider lists no models.",
  cause:
    "A provider with an empty `models` list produces no deployment: nothing can be routed to it, and routes that name it fail validation.",
  fix: "List the models it serves (for Ollama, `GET /api/tags` on the server shows them), or remove the provider or set `status: disabled`.",
  run(context) {
    const file = parsedFile(context, "providers");
    if (!file) return notApplicable("no providers.yaml");
    const providers = entriesOf(dataOf(file).providers);
    if (providers.length === 0) return notApplicable("providers.yaml declares no provider");
    const findings: FindingDraft[] = providers
      .filter(([, provider]) => listOf(field(provider, "models")).length === 0)
      .map(([id, provider]) => ({
        file,
        path: field(provider, "models") === undefined ? ["providers", id] : ["providers", id, "models"],
        message: `Provider '${id}' lists no models`,
      }));
    return ran(findings);
  },
});
