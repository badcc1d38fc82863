import { field } from "@switchyard/config-schema/data";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5104: the LiteLLM proxy has no `master_key`, so it does not enforce authentication. */
export const noMasterKey = defineCheck({
  id: "SY5104",
  name: "no-master-key",
  category: "security",
  severity: "high",
  title: "The LiteLLM proxy has no `master_key`: authentication is not enforced.",
  cause:
    "Without `general_settings.master_key` the proxy accepts every request without a key and lists its models to anyone who can reach it, spending the provider keys it holds. (LiteLLM also reads `LITELLM_MASTER_KEY` from its environment; the file does not show that it is set.)",
  fix: "Add `master_key: os.environ/LITELLM_MASTER_KEY` under `general_settings` and give clients virtual keys. `switchyard generate` always writes it (`--master-key-env` picks the variable), so a generated file without it was edited by hand.",
  example: "general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY",
  run(context) {
    const file = parsedFile(context, "litellm");
    if (!file) return notApplicable("no litellm-unified.yaml");
    const general = dataOf(file).general_settings;
    const key = field(general, "master_key");
    if (typeof key === "string" && key.trim() !== "") return ran([]);
    return ran([
      {
        file,
        path: general === undefined ? [] : ["general_settings"],
        message: "general_settings.master_key is not set, so the proxy serves unauthenticated requests",
      },
    ]);
  },
});
