/** providers.yaml read into the model. */
import { field, forEachEntry, nonEmptyText as text } from "@switchyard/config-schema/data";
import type { LoadedFile } from "@switchyard/config-schema/load";
import type { ProviderEntry } from "./types.js";

/** The providers of `providers.yaml` by id, with their models' names and places. */
export function readProviders(file: LoadedFile<"providers"> | undefined): Map<string, ProviderEntry> {
  const providers = new Map<string, ProviderEntry>();
  if (!file) return providers;
  forEachEntry(field(file.data, "providers"), (id, raw) => {
    const models = field(raw, "models");
    let names: Map<string, number> | undefined;
    if (Array.isArray(models)) {
      names = new Map();
      models.forEach((model, index) => {
        const name = text(field(model, "name"));
        if (name !== undefined && !names?.has(name)) names?.set(name, index);
      });
    }
    providers.set(id, {
      id,
      place: { file, path: ["providers", id] },
      type: text(field(raw, "type")),
      baseUrl: field(raw, "base_url"),
      disabled: field(raw, "status") === "disabled",
      models: names,
    });
  });
  return providers;
}
