import { entriesOf, listOf, stringField } from "@switchyard/config-schema/data";
import { publicModels } from "../../internal/routes.js";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5404: an active provider that no route uses. */
export const unroutedProvider = defineCheck({
  id: "SY5404",
  name: "unrouted-provider",
  category: "completeness",
  severity: "low",
  title: "An active provider has no route.",
  cause:
    "No exact match, pattern or load-balancing deployment in model-mappings.yaml names the provider, so it receives no traffic although it is `active`: an unfinished change, or a provider that should be disabled.",
  fix: "Route a public model to it in model-mappings.yaml, or set `status: disabled` (or remove it) in providers.yaml.",
  run(context) {
    const providers = parsedFile(context, "providers");
    const mappings = parsedFile(context, "model-mappings");
    if (!providers) return notApplicable("no providers.yaml");
    if (!mappings) return notApplicable("no model-mappings.yaml");
    const active = entriesOf(dataOf(providers).providers).filter(
      ([, p]) => stringField(p, "status") !== "disabled",
    );
    if (active.length === 0) return notApplicable("no active provider");
    const routed = new Set<string>(publicModels(mappings).flatMap((m) => m.providers));
    for (const pattern of listOf(dataOf(mappings).patterns)) {
      const provider = stringField(pattern, "provider");
      if (provider !== undefined) routed.add(provider);
    }
    const findings: FindingDraft[] = active
      .filter(([id]) => !routed.has(id))
      .map(([id]) => ({
        file: providers,
        path: ["providers", id],
        message: `Active provider '${id}' has no route in model-mappings.yaml`,
      }));
    return ran(findings);
  },
});
