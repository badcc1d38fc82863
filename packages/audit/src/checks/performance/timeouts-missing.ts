import { entriesOf, field, listOf, numberField, stringField } from "@switchyard/config-schema/data";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5302: requests can wait (almost) forever: no global timeout and none on a provider or deployment. */
export const timeoutsMissing = defineCheck({
  id: "SY5302",
  name: "timeouts-missing",
  category: "performance",
  severity: "medium",
  title: "Requests have no timeout.",
  cause:
    "Neither a router-wide timeout (`routing.timeout_seconds` in model-mappings.yaml, `router_settings.timeout` or `litellm_settings.request_timeout` in the LiteLLM file) nor the provider's or deployment's own `timeout` is set. LiteLLM then waits up to its 6000-second default: a hung backend holds connections and workers for 100 minutes instead of failing over.",
  fix: "Set `routing.timeout_seconds` (e.g. 120) in model-mappings.yaml, and `timeouts.request_seconds` on slow providers; regenerate the LiteLLM file.",
  example: "routing:\n  timeout_seconds: 120",
  run(context) {
    const providers = parsedFile(context, "providers");
    const mappings = parsedFile(context, "model-mappings");
    const litellm = parsedFile(context, "litellm");
    if (!providers && !litellm) return notApplicable("no providers.yaml or litellm-unified.yaml");
    const findings: FindingDraft[] = [];
    const routingTimeout = mappings ? numberField(dataOf(mappings).routing, "timeout_seconds") : undefined;
    if (providers && routingTimeout === undefined) {
      for (const [id, provider] of entriesOf(dataOf(providers).providers)) {
        if (stringField(provider, "status") === "disabled") continue;
        if (numberField(field(provider, "timeouts"), "request_seconds") !== undefined) continue;
        findings.push({
          file: providers,
          path: ["providers", id],
          message: `Provider '${id}' has no request timeout and model-mappings.yaml sets no routing.timeout_seconds`,
        });
      }
    }
    if (litellm) {
      const data = dataOf(litellm);
      const global =
        numberField(data.router_settings, "timeout") ?? numberField(data.litellm_settings, "request_timeout");
      if (global === undefined) {
        listOf(data.model_list).forEach((deployment, index) => {
          if (numberField(field(deployment, "litellm_params"), "timeout") !== undefined) return;
          const name = stringField(deployment, "model_name") ?? `#${index}`;
          findings.push({
            file: litellm,
            path: ["model_list", index],
            message: `Deployment '${name}' has no timeout and neither router_settings.timeout nor litellm_settings.request_timeout is set`,
          });
        });
      }
    }
    return ran(findings);
  },
});
