import type { Place } from "../model.js";
import type { RuleContext } from "../rule.js";

/** A URL-valued field of the config: providers' `base_url` and services' `health_url`. */
export interface UrlField {
  /** How messages name it: `base_url of provider 'ollama'`. */
  readonly label: string;
  readonly value: unknown;
  readonly place: Place;
  /** The provider type for `base_url`, undefined for health URLs. */
  readonly providerType?: string;
  readonly kind: "base_url" | "health_url";
}

/** Every URL field of the set, in file order. */
export function urlFields(context: RuleContext): UrlField[] {
  return context.memo("url-fields", () => {
    const out: UrlField[] = [];
    for (const provider of context.model.providers.values()) {
      if (provider.baseUrl === undefined) continue;
      out.push({
        label: `base_url of provider '${provider.id}'`,
        value: provider.baseUrl,
        place: { file: provider.place.file, path: [...provider.place.path, "base_url"] },
        ...(provider.type !== undefined ? { providerType: provider.type } : {}),
        kind: "base_url",
      });
    }
    for (const service of context.model.services.values()) {
      if (service.healthUrl === undefined) continue;
      out.push({
        label: `health_url of service '${service.id}'`,
        value: service.healthUrl,
        place: { file: service.place.file, path: [...service.place.path, "health_url"] },
        kind: "health_url",
      });
    }
    return out;
  });
}
