import {
  asRecord,
  type ConfigFileKind,
  type ConfigSet,
  compileGlob,
  field,
  forEachEntry,
  type Glob,
  type Host,
  type LoadedFile,
  listOf,
  parseHost,
  nonEmptyText as text,
  type YamlPath,
} from "@switchyard/config-schema";

/** A node of a config file: the file and the YAML path inside it. */
export interface Place {
  readonly file: LoadedFile;
  readonly path: YamlPath;
}

/** A provider of `providers.yaml`, as far as it could be read. */
export interface ProviderEntry {
  readonly id: string;
  /** `providers.<id>`. */
  readonly place: Place;
  readonly type: string | undefined;
  /** The raw `base_url` value (possibly invalid). */
  readonly baseUrl: unknown;
  /** True when `status: disabled`. */
  readonly disabled: boolean;
  /** The names in `models` with their index in the list, or undefined when `models` is not a list. */
  readonly models: ReadonlyMap<string, number> | undefined;
}

/** A model name that a route or deployment expects its provider to serve. */
export interface ModelRef {
  readonly name: string;
  /** The `model` value, or the entry's key when the model is implied by the public name. */
  readonly place: Place;
  /** True when no `model` is written and the public name is used. */
  readonly implicit: boolean;
  readonly field: "model" | "health_check_model";
}

/** A place that names a provider: an exact match, a pattern route, a deployment or a service. */
export interface ProviderRef {
  readonly kind: "exact" | "pattern" | "deployment" | "service";
  /** How messages name the referring entry, e.g. `exact match 'gpt-4o'`. */
  readonly label: string;
  readonly provider: string;
  /** The `provider` value (or the list item in a service's `providers`). */
  readonly place: Place;
  /** Models the provider must serve for this reference to work. */
  readonly models: readonly ModelRef[];
}

/** A public model name: an exact match or a load-balancing group. */
export interface PublicName {
  readonly name: string;
  readonly kind: "exact" | "group";
  /** The key of the entry. */
  readonly place: Place;
  /** The providers it routes to. */
  readonly providers: readonly string[];
  /** For an exact match, the provider's model (the public name when no `model` is written). */
  readonly model: string | undefined;
}

/** A pattern route. */
export interface PatternEntry {
  readonly index: number;
  readonly glob: Glob;
  /** The `pattern` value. */
  readonly place: Place;
  readonly provider: string | undefined;
  readonly model: string | undefined;
}

/** One fallback: `from` falls back to `to`, as its `position`-th fallback (1-based, after merging lists). */
export interface FallbackEdge {
  readonly from: string;
  readonly to: string;
  readonly position: number;
  /** The list item naming `to`. */
  readonly place: Place;
}

/** One deployment of a load-balancing group. */
export interface DeploymentEntry {
  readonly index: number;
  readonly place: Place;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly hasWeight: boolean;
  readonly weight: unknown;
}

/** A load-balancing group. */
export interface GroupEntry {
  readonly name: string;
  readonly place: Place;
  readonly deployments: readonly DeploymentEntry[];
}

/** A name in a list, with where it is written. */
export interface NamedItem {
  readonly name: string;
  readonly place: Place;
}

/** A service of `ports.yaml`. */
export interface ServiceEntry {
  readonly id: string;
  readonly place: Place;
  /** The port when it is an integer in 1–65535. */
  readonly port: number | undefined;
  /** `tcp` unless written otherwise. */
  readonly protocol: string;
  /** The bind address (default `127.0.0.1`), parsed by config-schema's host model. */
  readonly host: Host;
  /** The raw `health_url` (undefined when absent). */
  readonly healthUrl: unknown;
  readonly providers: readonly NamedItem[];
  readonly dependsOn: readonly NamedItem[];
}

/** A feature flag. */
export interface FlagEntry {
  readonly name: string;
  readonly place: Place;
  readonly whitelist: readonly NamedItem[];
  readonly blacklist: readonly NamedItem[];
  readonly startDate: { readonly value: unknown; readonly place: Place } | undefined;
  readonly endDate: { readonly value: unknown; readonly place: Place } | undefined;
}

/**
 * A config set read into the shapes the rules need, defensively: whatever parsed is used, whatever
 * has the wrong shape is skipped (the schema reports it). Built once per run, in linear time.
 */
export interface ConfigModel {
  readonly set: ConfigSet;
  /** `providers.yaml`, when it parsed and its `providers` is a mapping. */
  readonly providersFile?: LoadedFile<"providers">;
  readonly providers: ReadonlyMap<string, ProviderEntry>;
  readonly mappingsFile?: LoadedFile<"model-mappings">;
  readonly providerRefs: readonly ProviderRef[];
  /** Exact matches and load-balancing groups by name (an exact match wins when both exist). */
  readonly publicNames: ReadonlyMap<string, PublicName>;
  readonly exactMatches: readonly PublicName[];
  readonly groups: readonly GroupEntry[];
  readonly patterns: readonly PatternEntry[];
  readonly fallbackEdges: readonly FallbackEdge[];
  /** Each model's distinct fallbacks, in position order (all of its lists merged). */
  readonly fallbackTargets: ReadonlyMap<string, readonly string[]>;
  /** Keys of `fallback_chains`. */
  readonly fallbackChainKeys: readonly NamedItem[];
  /** `routing.max_fallback_depth`, when valid. */
  readonly maxFallbackDepth?: number;
  readonly portsFile?: LoadedFile<"ports">;
  readonly services: ReadonlyMap<string, ServiceEntry>;
  readonly flagsFile?: LoadedFile<"feature-flags">;
  readonly flags: readonly FlagEntry[];
}

/** A file the rules can read: parsed, and written for the current schema (or with an unreadable version). */
function usable<K extends ConfigFileKind>(file: LoadedFile<K> | undefined): LoadedFile<K> | undefined {
  if (file === undefined || asRecord(file.data) === undefined) return undefined;
  const status = file.version.status;
  return status === "outdated" || status === "newer" || status === "unknown" ? undefined : file;
}

function quote(name: string): string {
  return `'${name}'`;
}

function readProviders(file: LoadedFile<"providers"> | undefined): Map<string, ProviderEntry> {
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

interface MappingsModel {
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

function readMappings(file: LoadedFile<"model-mappings"> | undefined): MappingsModel {
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

function namedItems(file: LoadedFile, list: unknown, path: YamlPath): NamedItem[] {
  const out: NamedItem[] = [];
  listOf(list).forEach((item, index) => {
    const name = text(item);
    if (name !== undefined) out.push({ name, place: { file, path: [...path, index] } });
  });
  return out;
}

function readServices(file: LoadedFile<"ports"> | undefined): Map<string, ServiceEntry> {
  const services = new Map<string, ServiceEntry>();
  if (!file) return services;
  forEachEntry(field(file.data, "services"), (id, raw) => {
    const path = ["services", id];
    const port = field(raw, "port");
    const protocol = field(raw, "protocol");
    const host = text(field(raw, "host")) ?? "127.0.0.1";
    services.set(id, {
      id,
      place: { file, path },
      port:
        typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined,
      protocol: typeof protocol === "string" ? protocol : "tcp",
      host: parseHost(host),
      healthUrl: field(raw, "health_url"),
      providers: namedItems(file, field(raw, "providers"), [...path, "providers"]),
      dependsOn: namedItems(file, field(raw, "depends_on"), [...path, "depends_on"]),
    });
  });
  return services;
}

function readFlags(file: LoadedFile<"feature-flags"> | undefined): FlagEntry[] {
  const flags: FlagEntry[] = [];
  if (!file) return flags;
  forEachEntry(field(file.data, "flags"), (name, raw) => {
    const path = ["flags", name];
    const record = asRecord(raw);
    if (!record) return;
    const startDate = Object.hasOwn(record, "start_date")
      ? { value: record.start_date, place: { file, path: [...path, "start_date"] } }
      : undefined;
    const endDate = Object.hasOwn(record, "end_date")
      ? { value: record.end_date, place: { file, path: [...path, "end_date"] } }
      : undefined;
    flags.push({
      name,
      place: { file, path },
      whitelist: namedItems(file, record.whitelist, [...path, "whitelist"]),
      blacklist: namedItems(file, record.blacklist, [...path, "blacklist"]),
      startDate,
      endDate,
    });
  });
  return flags;
}

/** Read a config set into a {@link ConfigModel}. Never throws, whatever the files contain. */
export function buildConfigModel(set: ConfigSet): ConfigModel {
  const providersFile = usable(set.files.providers);
  const mappingsFile = usable(set.files["model-mappings"]);
  const portsFile = usable(set.files.ports);
  const flagsFile = usable(set.files["feature-flags"]);
  const validProviders =
    providersFile && asRecord(field(providersFile.data, "providers")) !== undefined
      ? providersFile
      : undefined;
  const mappings = readMappings(mappingsFile);
  const services = readServices(portsFile);
  for (const service of services.values()) {
    for (const item of service.providers) {
      mappings.providerRefs.push({
        kind: "service",
        label: `service ${quote(service.id)}`,
        provider: item.name,
        place: item.place,
        models: [],
      });
    }
  }
  return {
    set,
    ...(validProviders ? { providersFile: validProviders } : {}),
    providers: readProviders(validProviders),
    ...(mappingsFile ? { mappingsFile } : {}),
    ...mappings,
    ...(portsFile ? { portsFile } : {}),
    services,
    ...(flagsFile ? { flagsFile } : {}),
    flags: readFlags(flagsFile),
  };
}
