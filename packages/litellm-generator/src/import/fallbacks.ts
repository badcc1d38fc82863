import { litellmPatternMatches } from "@switchyard/config-schema/litellm";
import { isPlainRecord } from "../internal/records.js";
import type { LocatedSection } from "./includes.js";
import type { ImportLog } from "./log.js";

/** The model names the imported config serves. */
export interface ServedNames {
  /** Concrete public names with a modelled deployment (exact matches and groups). */
  readonly groups: ReadonlySet<string>;
  /** Modelled wildcard names. */
  readonly wildcards: readonly string[];
  /** Every concrete `model_name` of the config, modelled or verbatim. */
  readonly allGroups: ReadonlySet<string>;
  /** Every wildcard `model_name` of the config, modelled or verbatim. */
  readonly allWildcards: readonly string[];
}

/** `router_settings.fallbacks`: modelled per model, or kept as written. */
export interface ImportedFallbacks {
  /** Fallbacks model-mappings.yaml holds, when the whole list can be modelled exactly. */
  readonly perModel: ReadonlyMap<string, readonly string[]>;
  /** The list as written, carried in the passthrough's router_settings, when it cannot. */
  readonly verbatim?: unknown;
}

/**
 * Read LiteLLM's list of single-key maps. It is modelled (as per-model `fallbacks:`, which the
 * generator writes back as the same entries) only when every entry is a single-key map with its own
 * key, keyed by a modelled model group, listing distinct names the config serves, never itself.
 * Otherwise the whole list is carried as written (LiteLLM reads only the first key of an entry and
 * the first entry for a key, and never checks targets; keeping the list keeps what it does), with a
 * note saying why.
 */
export function readFallbacks(
  section: LocatedSection | undefined,
  names: ServedNames,
  log: ImportLog,
): ImportedFallbacks {
  const perModel = new Map<string, string[]>();
  if (!section || !isPlainRecord(section.value) || section.value.fallbacks === undefined) return { perModel };
  const list = section.value.fallbacks;
  const place = { ...section.place, path: [...section.place.path, "fallbacks"] };
  const served = (name: string) =>
    names.allGroups.has(name) || names.allWildcards.some((pattern) => litellmPatternMatches(pattern, name));
  const why = ((): string | undefined => {
    if (!Array.isArray(list)) return "it is not a list";
    for (const entry of list) {
      if (!isPlainRecord(entry) || Object.keys(entry).length !== 1) return "an entry is not a single-key map";
      const [key] = Object.keys(entry) as [string];
      const targets = entry[key];
      if (perModel.has(key)) return `'${key}' has two entries (LiteLLM uses the first)`;
      if (!names.groups.has(key))
        return names.allGroups.has(key)
          ? `'${key}' is a model group Switchyard carries verbatim`
          : `'${key}' is not a model group of this config`;
      if (!Array.isArray(targets) || !targets.every((t) => typeof t === "string"))
        return `the fallbacks of '${key}' are not a list of names`;
      if (new Set(targets).size !== targets.length) return `'${key}' lists a fallback twice`;
      const unserved = targets.find((t) => t === key || !served(t));
      if (unserved !== undefined)
        return unserved === key ? `'${key}' lists itself` : `no deployment serves '${unserved}'`;
      perModel.set(key, targets as string[]);
    }
    return undefined;
  })();
  if (why === undefined) return { perModel };
  log.note(
    "SY4223",
    `router_settings.fallbacks is carried as written in litellm-passthrough.yaml, not in model-mappings.yaml: ${why}`,
    place,
    "Switchyard checks fallbacks it models (cycles, unknown targets); fix the list and move it to the models' `fallbacks:` to get those checks.",
  );
  return { perModel: new Map(), verbatim: list };
}
