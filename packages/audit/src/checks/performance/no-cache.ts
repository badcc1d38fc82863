import { field } from "@switchyard/config-schema/data";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5301: the LiteLLM response cache is off. */
export const noCache = defineCheck({
  id: "SY5301",
  name: "no-cache",
  category: "performance",
  severity: "low",
  title: "The LiteLLM response cache is off.",
  cause:
    "Without `litellm_settings.cache: true` every identical request goes to the model again: slower answers, more GPU time locally and more spend in the cloud.",
  fix: "Enable it with a Redis of its own: `cache: true` and `cache_params: {type: redis, host: 127.0.0.1, port: 6379, namespace: <env>, ttl: 3600}` (a separate Redis or DB from the router's).",
  example:
    "litellm_settings:\n  cache: true\n  cache_params: {type: redis, host: 127.0.0.1, port: 6379, ttl: 3600}",
  run(context) {
    const file = parsedFile(context, "litellm");
    if (!file) return notApplicable("no litellm-unified.yaml");
    const settings = dataOf(file).litellm_settings;
    if (field(settings, "cache") === true) return ran([]);
    return ran([
      {
        file,
        path:
          settings === undefined
            ? []
            : field(settings, "cache") === undefined
              ? ["litellm_settings"]
              : ["litellm_settings", "cache"],
        message: "The response cache is off (litellm_settings.cache is not true)",
      },
    ]);
  },
});
