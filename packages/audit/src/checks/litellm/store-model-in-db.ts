import { field } from "@switchyard/config-schema/data";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5501: `store_model_in_db` lets database state override the file. */
export const storeModelInDb = defineCheck({
  id: "SY5501",
  name: "store-model-in-db",
  category: "litellm",
  severity: "medium",
  title: "`store_model_in_db` lets the database override this file.",
  cause:
    "With `general_settings.store_model_in_db: true` the proxy also loads models (and their keys) added through its UI or API from the database, and those can shadow or add to the deployments in this file. The file, which Switchyard validates and versions, then no longer says what the proxy serves.",
  fix: "Set it to false and keep every deployment in the source files; if UI-managed models are wanted, audit the database's model table as part of the config.",
  example: "general_settings:\n  store_model_in_db: true",
  run(context) {
    const file = parsedFile(context, "litellm");
    if (!file) return notApplicable("no litellm-unified.yaml");
    if (field(dataOf(file).general_settings, "store_model_in_db") !== true) return ran([]);
    return ran([
      {
        file,
        path: ["general_settings", "store_model_in_db"],
        message: "store_model_in_db is on: models in the proxy's database can override this file",
      },
    ]);
  },
});
