/** model-mappings.yaml read into the model: routes, groups, patterns and fallbacks. */
import { asRecord, field, forEachEntry, listOf, nonEmptyText as text } from "@switchyard/config-schema/data";
import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import { compileGlob } from "@switchyard/config-schema/glob";
import type { LoadedFile } from "@switchyard/config-schema/load";
import { quote } from "./shared.js";
import type {
  DeploymentEntry,
  FallbackEdge,
  GroupEntry,
  ModelRef,
  NamedItem,
  PatternEntry,
  Place,
  ProviderRef,
  PublicName,
} from "./types.js";

/*
 * Entries of the largest sections are classes whose locations are computed on access: a config
 * with 50,000 exact matches then keeps a few objects per entry instead of a dozen, and rules pay
 * for a location only when they report one.
 */

/** An exact match as a public name. */
class ExactName implements PublicName {
  readonly kind = "exact";
  readonly #file: LoadedFile;
  readonly #provider: string | undefined;

  constructor(
    file: LoadedFile,
    readonly name: string,
    provider: string | undefined,
    readonly model: string | undefined,
  ) {
    this.#file = file;
    this.#provider = provider;
  }

  get place(): Place {
    return { file: this.#file, path: ["exact_matches", this.name] };
  }

  get providers(): readonly string[] {
    return this.#provider !== undefined ? [this.#provider] : [];
  }
}

/** An exact match as a reference to its provider (and model). */
class ExactRef implements ProviderRef {
  readonly kind = "exact";
  readonly #file: LoadedFile;
  readonly #model: string | undefined;
  readonly #implicit: boolean;

  constructor(
    file: LoadedFile,
    readonly name: string,
    readonly provider: string,
    model: string | undefined,
    implicit: boolean,
  ) {
    this.#file = file;
    this.#model = model;
    this.#implicit = implicit;
  }

  get label(): string {
    return `exact match ${quote(this.name)}`;
  }

  get place(): Place {
    return { file: this.#file, path: ["exact_matches", this.name, "provider"] };
  }

  get models(): readonly ModelRef[] {
    if (this.#model === undefined) return [];
    const path = this.#implicit ? ["exact_matches", this.name] : ["exact_matches", this.name, "model"];
    return [
      { name: this.#model, place: { file: this.#file, path }, implicit: this.#implicit, field: "model" },
    ];
  }
}

/** A fallback entry; its location is the list item. */
class Fallback implements FallbackEdge {
  readonly #file: LoadedFile;
  readonly #list: YamlPath;
  readonly #index: number;

  constructor(
    file: LoadedFile,
    list: YamlPath,
    index: number,
    readonly from: string,
    readonly to: string,
    readonly position: number,
  ) {
    this.#file = file;
    this.#list = list;
    this.#index = index;
  }

  get place(): Place {
    return { file: this.#file, path: [...this.#list, this.#index] };
  }
}

/** What {@link readMappings} reads; the service references are added by the caller. */
export interface MappingsModel {
  providerRefs: ProviderRef[];
  publicNames: Map<string, PublicName>;
  exactMatches: PublicName[];
  groups: GroupEntry[];
  patterns: PatternEntry[];
  fallbackEdges: FallbackEdge[];
  fallbackTargets: Map<string, string[]>;
  fallbackChainKeys: NamedItem[];
  maxFallbackDepth?: number;
}

/** The routes, groups, patterns and fallbacks of `model-mappings.yaml`, and the providers they name. */
export function readMappings(file: LoadedFile<"model-mappings"> | undefined): MappingsModel {
  const out: MappingsModel = {
    providerRefs: [],
    publicNames: new Map(),
    exactMatches: [],
    groups: [],
    patterns: [],
    fallbackEdges: [],
    fallbackTargets: new Map(),
    fallbackChainKeys: [],
  };
  if (!file) return out;
  const data = file.data;
  // Each source's distinct targets in order (all its lists merged): a list while short, plus an index once it grows.
  const indexes = new Map<string, Map<string, number>>();
  const addFallbacks = (from: string, list: unknown, path: YamlPath) => {
    if (!Array.isArray(list)) return;
    let targets = out.fallbackTargets.get(from);
    if (!targets) {
      targets = [];
      out.fallbackTargets.set(from, targets);
    }
    for (let index = 0; index < list.length; index++) {
      const to = text(list[index]);
      if (to === undefined) continue;
      let position: number;
      if (targets.length < 16) {
        position = targets.indexOf(to) + 1;
      } else {
        let byName = indexes.get(from);
        if (!byName) {
          byName = new Map(targets.map((t, i) => [t, i + 1]));
          indexes.set(from, byName);
        }
        position = byName.get(to) ?? 0;
        if (position === 0) byName.set(to, targets.length + 1);
      }
      if (position === 0) {
        targets.push(to);
        position = targets.length;
      }
      out.fallbackEdges.push(new Fallback(file, path, index, from, to, position));
    }
  };

  forEachEntry(field(data, "exact_matches"), (name, raw) => {
    const provider = text(field(raw, "provider"));
    const rawModel = field(raw, "model");
    const model = rawModel === undefined ? name : text(rawModel);
    const entry = new ExactName(file, name, provider, model);
    out.exactMatches.push(entry);
    out.publicNames.set(name, entry);
    if (provider !== undefined)
      out.providerRefs.push(new ExactRef(file, name, provider, model, rawModel === undefined));
    const fallbacks = field(raw, "fallbacks");
    if (fallbacks !== undefined) addFallbacks(name, fallbacks, ["exact_matches", name, "fallbacks"]);
  });

  listOf(field(data, "patterns")).forEach((raw, index) => {
    const path = ["patterns", index];
    const source = text(field(raw, "pattern"));
    const provider = text(field(raw, "provider"));
    const model = text(field(raw, "model"));
    if (source !== undefined) {
      out.patterns.push({
        index,
        glob: compileGlob(source),
        place: { file, path: [...path, "pattern"] },
        provider,
        model,
      });
    }
    if (provider === undefined) return;
    const models: ModelRef[] = [];
    if (model !== undefined && !model.includes("*")) {
      models.push({
        name: model,
        place: { file, path: [...path, "model"] },
        implicit: false,
        field: "model",
      });
    }
    const health = text(field(raw, "health_check_model"));
    if (health !== undefined) {
      models.push({
        name: health,
        place: { file, path: [...path, "health_check_model"] },
        implicit: false,
        field: "health_check_model",
      });
    }
    out.providerRefs.push({
      kind: "pattern",
      label: source !== undefined ? `pattern ${quote(source)}` : `patterns[${index}]`,
      provider,
      place: { file, path: [...path, "provider"] },
      models,
    });
  });

  forEachEntry(field(data, "load_balancing"), (name, raw) => {
    const path = ["load_balancing", name];
    const deployments: DeploymentEntry[] = [];
    listOf(field(raw, "deployments")).forEach((item, index) => {
      const itemPath = [...path, "deployments", index];
      const provider = text(field(item, "provider"));
      const model = text(field(item, "model"));
      const record = asRecord(item);
      deployments.push({
        index,
        place: { file, path: itemPath },
        provider,
        model,
        hasWeight: record !== undefined && Object.hasOwn(record, "weight"),
        weight: field(item, "weight"),
      });
      if (provider === undefined) return;
      out.providerRefs.push({
        kind: "deployment",
        label: `deployment ${index + 1} of group ${quote(name)}`,
        provider,
        place: { file, path: [...itemPath, "provider"] },
        models:
          model === undefined
            ? []
            : [
                {
                  name: model,
                  place: { file, path: [...itemPath, "model"] },
                  implicit: false,
                  field: "model",
                },
              ],
      });
    });
    const group: GroupEntry = { name, place: { file, path }, deployments };
    out.groups.push(group);
    if (!out.publicNames.has(name)) {
      out.publicNames.set(name, {
        name,
        kind: "group",
        place: { file, path },
        providers: deployments.flatMap((d) => (d.provider !== undefined ? [d.provider] : [])),
        model: undefined,
      });
    }
    const fallbacks = field(raw, "fallbacks");
    if (fallbacks !== undefined) addFallbacks(name, fallbacks, [...path, "fallbacks"]);
  });

  forEachEntry(field(data, "fallback_chains"), (name, list) => {
    out.fallbackChainKeys.push({ name, place: { file, path: ["fallback_chains", name] } });
    addFallbacks(name, list, ["fallback_chains", name]);
  });

  const depth = field(field(data, "routing"), "max_fallback_depth");
  if (typeof depth === "number" && Number.isInteger(depth) && depth > 0) out.maxFallbackDepth = depth;
  return out;
}
