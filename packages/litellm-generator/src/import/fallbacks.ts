import { litellmWildcardMatches } from "../internal/glob.js";
import { isPlainRecord } from "../internal/records.js";
import type { LocatedSection } from "./includes.js";
import type { ImportLog } from "./log.js";
import type { Place } from "./source.js";

/** The model names the imported config serves. */
export interface ServedNames {
  /** Concrete public names with a modelled deployment (exact matches and groups). */
  readonly groups: ReadonlySet<string>;
  /** Modelled wildcard names. */
  readonly wildcards: readonly string[];
  /** Concrete names served only by verbatim deployments. */
  readonly verbatimGroups: ReadonlySet<string>;
  /** Wildcard names of verbatim deployments. */
  readonly verbatimWildcards: readonly string[];
}

/** `router_settings.fallbacks`, split by where they can live. */
export interface ImportedFallbacks {
  /** Fallbacks model-mappings.yaml holds: keyed by a modelled group, every target modelled. */
  readonly perModel: ReadonlyMap<string, readonly string[]>;
  /** Fallbacks involving verbatim deployments, kept in the passthrough's router_settings. */
  readonly passthrough: readonly Record<string, string[]>[];
}

function matchesAny(patterns: readonly string[], name: string): boolean {
  return patterns.some((pattern) => litellmWildcardMatches(pattern, name));
}

/**
 * Read LiteLLM's list of single-key maps. A key must be a real model group (LiteLLM never fires
 * fallbacks keyed by a wildcard or an unknown name); a target must be served by some deployment;
 * a model never falls back to itself; the first entry for a key wins, as in LiteLLM. Each drop is
 * reported (SY4215).
 */
export function readFallbacks(
  section: LocatedSection | undefined,
  names: ServedNames,
  log: ImportLog,
): ImportedFallbacks {
  const perModel = new Map<string, string[]>();
  const passthrough: Record<string, string[]>[] = [];
  if (!section || !isPlainRecord(section.value) || section.value.fallbacks === undefined)
    return { perModel, passthrough };
  const list = section.value.fallbacks;
  const base: Place = { ...section.place, path: [...section.place.path, "fallbacks"] };
  if (!Array.isArray(list)) {
    log.lossy(
      "SY4215",
      "router_settings.fallbacks is not a list and is not carried",
      base,
      "Write `fallbacks: [{model: [fallback]}]`.",
    );
    return { perModel, passthrough };
  }
  const seen = new Set<string>();
  const modelled = (name: string) => names.groups.has(name) || matchesAny(names.wildcards, name);
  const served = (name: string) =>
    modelled(name) || names.verbatimGroups.has(name) || matchesAny(names.verbatimWildcards, name);
  list.forEach((entry: unknown, index) => {
    if (!isPlainRecord(entry)) {
      log.lossy(
        "SY4215",
        `fallbacks[${index}] is not a mapping and is not carried`,
        { ...base, path: [...base.path, index] },
        "Write `- model: [fallback, ...]`.",
      );
      return;
    }
    for (const key of Object.keys(entry)) {
      const at: Place = { ...base, path: [...base.path, index, key] };
      const targets = entry[key];
      if (seen.has(key)) {
        log.lossy(
          "SY4215",
          `A second fallbacks entry for '${key}' is not carried: LiteLLM uses the first`,
          at,
          "Merge the lists into one entry.",
          { part: "key" },
        );
        continue;
      }
      seen.add(key);
      if (!names.groups.has(key) && !names.verbatimGroups.has(key)) {
        const why =
          matchesAny([...names.wildcards, ...names.verbatimWildcards], key) || key.includes("*")
            ? "LiteLLM does not support fallbacks on wildcard groups"
            : "no deployment has that model_name";
        log.lossy(
          "SY4215",
          `Fallbacks of '${key}' are not carried: they never fire, as ${why}`,
          at,
          "Key fallbacks by a model group's model_name.",
          { part: "key" },
        );
        continue;
      }
      if (!Array.isArray(targets) || !targets.every((t) => typeof t === "string")) {
        log.lossy(
          "SY4215",
          `Fallbacks of '${key}' are not a list of model names and are not carried`,
          at,
          "Write `- model: [fallback, ...]`.",
        );
        continue;
      }
      const kept: string[] = [];
      targets.forEach((target: string, position) => {
        const targetAt: Place = { ...at, path: [...at.path, position] };
        if (target === key) {
          log.lossy(
            "SY4215",
            `'${key}' lists itself as a fallback; the entry is not carried`,
            targetAt,
            "Retries of the same group are `num_retries`' job.",
          );
        } else if (!served(target)) {
          log.lossy(
            "SY4215",
            `Fallback '${target}' of '${key}' is not carried: no deployment serves it`,
            targetAt,
            "Point the fallback at a served model name.",
          );
        } else if (!kept.includes(target)) kept.push(target);
      });
      if (kept.length === 0) continue;
      if (names.groups.has(key) && kept.every(modelled)) perModel.set(key, kept);
      else passthrough.push({ [key]: kept });
    }
  });
  return { perModel, passthrough };
}
