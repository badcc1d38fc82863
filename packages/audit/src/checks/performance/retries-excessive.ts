import { entriesOf, field, listOf } from "@switchyard/config-schema/data";
import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import type { LoadedFile } from "@switchyard/config-schema/load";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5306: retry counts beyond any useful bound. */
export const retriesExcessive = defineCheck({
  id: "SY5306",
  name: "retries-excessive",
  category: "performance",
  severity: "medium",
  title: "Retries are effectively unbounded.",
  cause:
    "A retry count above `maxRetries` (5) multiplies the load on a backend that is already failing (retry storms), and multiplies again when router retries and per-deployment `max_retries` combine; each retry also waits out the timeout, so callers hang for minutes.",
  fix: "Keep retries at 0–3, and let fallbacks and cooldowns (`allowed_fails`, `cooldown_seconds`) move traffic away from a failing backend instead.",
  example: "routing:\n  num_retries: 20   # 2 is plenty",
  run(context) {
    const seen: { file: LoadedFile; path: YamlPath; value: number }[] = [];
    const collect = (file: LoadedFile, path: YamlPath, value: unknown): void => {
      if (typeof value === "number" && Number.isFinite(value)) seen.push({ file, path, value });
    };
    const providers = parsedFile(context, "providers");
    const mappings = parsedFile(context, "model-mappings");
    const litellm = parsedFile(context, "litellm");
    if (!providers && !mappings && !litellm)
      return notApplicable("no providers, model-mappings or LiteLLM file");
    if (providers) {
      for (const [id, provider] of entriesOf(dataOf(providers).providers)) {
        collect(providers, ["providers", id, "max_retries"], field(provider, "max_retries"));
      }
    }
    if (mappings)
      collect(mappings, ["routing", "num_retries"], field(dataOf(mappings).routing, "num_retries"));
    if (litellm) {
      const data = dataOf(litellm);
      collect(litellm, ["router_settings", "num_retries"], field(data.router_settings, "num_retries"));
      collect(litellm, ["litellm_settings", "num_retries"], field(data.litellm_settings, "num_retries"));
      for (const [kind, value] of entriesOf(field(data.router_settings, "retry_policy"))) {
        collect(litellm, ["router_settings", "retry_policy", kind], value);
      }
      listOf(data.model_list).forEach((deployment, index) => {
        collect(
          litellm,
          ["model_list", index, "litellm_params", "max_retries"],
          field(field(deployment, "litellm_params"), "max_retries"),
        );
      });
    }
    const max = context.thresholds.maxRetries;
    const findings: FindingDraft[] = seen
      .filter((r) => r.value > max)
      .map((r) => ({
        file: r.file,
        path: r.path,
        message: `${formatYamlPath(r.path)} is ${r.value}, over the ${max}-retry bound`,
      }));
    return ran(findings);
  },
});
