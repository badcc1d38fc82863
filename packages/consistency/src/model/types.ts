/** The shapes the cross-file rules read (the {@link ConfigModel}), by file kind. */
import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import type { Glob } from "@switchyard/config-schema/glob";
import type { Host } from "@switchyard/config-schema/hosts";
import type { ConfigSet, LoadedFile } from "@switchyard/config-schema/load";

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
