import { entriesOf, field, listOf } from "@switchyard/config-schema/data";
import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import type { LoadedFile } from "@switchyard/config-schema/load";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5303: a timeout so short that normal requests fail, or so long that it protects nothing. */
export const timeoutsExtreme = defineCheck({
  id: "SY5303",
  name: "timeouts-extreme",
  category: "performance",
  severity: "low",
  title: "A timeout is extremely short or extremely long.",
  cause:
    "Timeouts under 1 second fail ordinary requests (a model's first token alone often takes longer); timeouts over 600 seconds hold connections and workers for 10 minutes before a fallback is tried. The limits are the `minTimeoutSeconds` and `maxTimeoutSeconds` thresholds.",
  fix: "Pick a timeout between the limits: 30–180 seconds for chat requests is typical; give slow local models their own `timeouts.request_seconds` instead of raising the global one.",
  example: "routing:\n  timeout_seconds: 3600   # an hour: pick 120",
  run(context) {
    const { minTimeoutSeconds: min, maxTimeoutSeconds: max } = context.thresholds;
    const seen: { file: LoadedFile; path: YamlPath; value: number }[] = [];
    const collect = (file: LoadedFile, path: YamlPath, value: unknown): void => {
      if (typeof value === "number" && Number.isFinite(value)) seen.push({ file, path, value });
    };
    const providers = parsedFile(context, "providers");
    if (providers) {
      for (const [id, provider] of entriesOf(dataOf(providers).providers)) {
        for (const [key, value] of entriesOf(field(provider, "timeouts")))
          collect(providers, ["providers", id, "timeouts", key], value);
      }
    }
    const mappings = parsedFile(context, "model-mappings");
    if (mappings)
      collect(mappings, ["routing", "timeout_seconds"], field(dataOf(mappings).routing, "timeout_seconds"));
    const litellm = parsedFile(context, "litellm");
    if (litellm) {
      const data = dataOf(litellm);
      collect(litellm, ["router_settings", "timeout"], field(data.router_settings, "timeout"));
      collect(litellm, ["router_settings", "stream_timeout"], field(data.router_settings, "stream_timeout"));
      collect(
        litellm,
        ["litellm_settings", "request_timeout"],
        field(data.litellm_settings, "request_timeout"),
      );
      listOf(data.model_list).forEach((deployment, index) => {
        const params = field(deployment, "litellm_params");
        collect(litellm, ["model_list", index, "litellm_params", "timeout"], field(params, "timeout"));
        collect(
          litellm,
          ["model_list", index, "litellm_params", "stream_timeout"],
          field(params, "stream_timeout"),
        );
      });
    }
    if (seen.length === 0) return notApplicable("no timeout is set (see SY5302)");
    const findings: FindingDraft[] = seen
      .filter((t) => t.value < min || t.value > max)
      .map((t) => ({
        file: t.file,
        path: t.path,
        message: `${formatYamlPath(t.path)} is ${t.value} s, ${t.value < min ? `under the ${min} s minimum` : `over the ${max} s maximum`}`,
      }));
    return ran(findings);
  },
});
