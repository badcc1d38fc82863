import { resolve } from "node:path";
import { type Diagnostic, sortDiagnostics } from "@switchyard/config-schema/diagnostics";
import {
  CURRENT_SCHEMA_VERSION,
  ENV_REFERENCE_PATTERN,
  type ExactMatch,
  type GatewaySettings,
  type LoadBalancingGroup,
  type PatternRoute,
  type Provider,
  type RoutingSettings,
  type Service,
} from "@switchyard/config-schema/schemas";
import { generatorDiagnostic } from "../catalogue.js";
import { baseId } from "../internal/ids.js";
import { isPlainRecord, setOwn } from "../internal/records.js";
import { stringifyForPyYaml } from "../internal/yaml11.js";
import { PASSTHROUGH_FILE, SETTINGS_SECTIONS } from "../passthrough.js";
import { Carrier } from "./carry.js";
import {
  type ClassifiedDeployment,
  classifyDeployments,
  type ModelledDeployment,
  type VerbatimDeployment,
} from "./classify.js";
import { readFallbacks } from "./fallbacks.js";
import { readMergedConfig } from "./includes.js";
import { ImportLog } from "./log.js";
import { buildServices } from "./ports.js";
import { buildProviders } from "./providers.js";
import type { ImportNormalisation } from "./round-trip.js";
import { buildRoutes } from "./routes.js";
import { SecretNames } from "./secrets.js";
import { type ImportedGenerateOptions, readSettings } from "./settings.js";
import { carryVerbatim } from "./verbatim.js";
import { generatedIds, generateFromImport, verifyImport } from "./verify.js";

/** The texts of the imported config set, by file name. */
export interface ImportedFiles {
  readonly "providers.yaml": string;
  readonly "model-mappings.yaml": string;
  /** Present when the config has local servers or a Redis cache. */
  readonly "ports.yaml"?: string;
  /** Present when something is carried that the other files do not model. */
  readonly "litellm-passthrough.yaml"?: string;
}

/** Counts of what was imported. */
export interface ImportSummary {
  readonly deployments: number;
  readonly providers: number;
  readonly exactMatches: number;
  readonly loadBalancingGroups: number;
  readonly patterns: number;
  readonly fallbacks: number;
  /** Deployments carried verbatim in the passthrough file. */
  readonly verbatim: number;
  /** Deployments skipped as invalid. */
  readonly skipped: number;
}

/** A successful import. */
export interface ImportSuccess {
  readonly ok: true;
  readonly files: ImportedFiles;
  /**
   * What litellm-passthrough.yaml holds (`{}` when nothing): the LiteLLM settings the other files
   * do not model, which every generation merges back (see `LiteLLMPassthrough`).
   */
  readonly passthrough: Record<string, unknown>;
  /** Everything not carried exactly (SY42xx), each located in the input. */
  readonly lossy: readonly Diagnostic[];
  /** Inferences and observations (SY42xx, info), including the round-trip check's verdict. */
  readonly notes: readonly Diagnostic[];
  /**
   * Generation options the import needs: always `{}`, since model-mappings.yaml's `gateway:`
   * section now carries everything that shapes the output. Kept for earlier callers.
   */
  readonly generateOptions: ImportedGenerateOptions;
  /**
   * The changes made on purpose (literal secrets read from the environment, generated ids), each
   * also reported in `lossy` or `notes`: exactly what a round trip may show.
   */
  readonly normalisations: readonly ImportNormalisation[];
  /** Absolute paths of the files read: the config first, then its includes. */
  readonly sources: readonly string[];
  readonly summary: ImportSummary;
}

/** An import that could not read its input. */
export interface ImportFailure {
  readonly ok: false;
  readonly diagnostics: readonly Diagnostic[];
}

export type ImportResult = ImportSuccess | ImportFailure;

/** Options of {@link importLiteLLMConfig}. */
export interface ImportOptions {
  /** Paths in diagnostics are shown relative to this directory (default `process.cwd()`). */
  readonly cwd?: string;
  /**
   * Opt in to stable generated ids (SY4219, CLI `--generate-ids`): a deployment without
   * `model_info.id` gets `<provider>--<model>` from every generation (the `generated-id`
   * normalisation). Off by default: the set says `gateway.deployment_ids: litellm`, no id is
   * written, and LiteLLM keeps hashing one from the deployment's parameters, as it did before the
   * import (so spend logs and budgets keyed by that id carry on). Ids the input sets are kept
   * either way.
   */
  readonly generateIds?: boolean;
  /**
   * Opt in to leaving out settings sections with nothing in them (`general_settings:` alone;
   * SY4224, CLI `--drop-empty-sections`, the `empty-section` normalisation). Off by default: such a
   * section is carried as written (litellm-passthrough.yaml) and generated back.
   */
  readonly dropEmptySections?: boolean;
}

function render(header: readonly string[], data: Record<string, unknown>): string {
  const comments = header.map((line) => `# ${line}`.trimEnd()).join("\n");
  const body = Object.keys(data).length > 0 ? stringifyForPyYaml(data) : "";
  return `${comments}\nschema_version: "${CURRENT_SCHEMA_VERSION}"\n${body}`;
}

function withFallbacks<T extends ExactMatch | LoadBalancingGroup>(
  route: T,
  fallbacks: readonly string[] | undefined,
): T {
  return fallbacks === undefined ? route : { ...route, fallbacks: [...fallbacks] };
}

interface Parts {
  readonly providers: Record<string, Provider>;
  readonly exactMatches: Record<string, ExactMatch>;
  readonly loadBalancing: Record<string, LoadBalancingGroup>;
  readonly patterns: readonly PatternRoute[];
  readonly routing?: RoutingSettings;
  readonly gateway: GatewaySettings;
  readonly services: Record<string, Service>;
  readonly passthrough: Record<string, unknown>;
}

function renderFiles(parts: Parts, origin: string): ImportedFiles {
  const header = [`Imported from ${origin} by \`switchyard import\`.`];
  const mappings: Record<string, unknown> = {
    ...(Object.keys(parts.exactMatches).length > 0 ? { exact_matches: parts.exactMatches } : {}),
    ...(Object.keys(parts.loadBalancing).length > 0 ? { load_balancing: parts.loadBalancing } : {}),
    ...(parts.patterns.length > 0 ? { patterns: parts.patterns } : {}),
    ...(parts.routing ? { routing: parts.routing } : {}),
    gateway: parts.gateway,
  };
  const passthroughHeader = [
    `LiteLLM settings Switchyard's config files do not model, carried from ${origin} by \`switchyard import\`.`,
    "`switchyard generate` merges them into litellm-unified.yaml: what providers.yaml, model-mappings.yaml",
    "and ports.yaml generate wins; everything here is added as written. `model_list:` deployments are",
    "appended verbatim; `sections:` are other top-level sections of the LiteLLM config.",
  ];
  return {
    "providers.yaml": render(header, { providers: parts.providers }),
    "model-mappings.yaml": render(header, mappings),
    ...(Object.keys(parts.services).length > 0
      ? { "ports.yaml": render(header, { services: parts.services }) }
      : {}),
    ...(Object.keys(parts.passthrough).length > 0
      ? {
          [PASSTHROUGH_FILE]: `${passthroughHeader.map((l) => `# ${l}`).join("\n")}\n${stringifyForPyYaml(parts.passthrough)}`,
        }
      : {}),
  };
}

function passthroughData(sections: readonly [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of sections) {
    const empty =
      value === undefined ||
      (Array.isArray(value) ? value.length === 0 : isPlainRecord(value) && Object.keys(value).length === 0);
    if (!empty) setOwn(out, key, value);
  }
  return out;
}

/** Every `os.environ/NAME` the input references, so that no literal secret is given one of those names. */
function referencedNames(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === "string" && ENV_REFERENCE_PATTERN.test(value))
    out.add(value.slice("os.environ/".length));
  else if (Array.isArray(value)) for (const item of value) referencedNames(item, out);
  else if (isPlainRecord(value)) for (const item of Object.values(value)) referencedNames(item, out);
  return out;
}

/** Concrete deployments by model name (stable, by code units), then wildcard routes in order. */
function inGeneratedOrder(deployments: readonly ModelledDeployment[]): ModelledDeployment[] {
  const concrete = deployments.filter((d) => !d.wildcard);
  const byName = (a: ModelledDeployment, b: ModelledDeployment) =>
    a.modelName < b.modelName ? -1 : a.modelName > b.modelName ? 1 : 0;
  return [...concrete.sort(byName), ...deployments.filter((d) => d.wildcard)];
}

/**
 * A model group is read by LiteLLM in order; the generator writes modelled deployments before
 * verbatim ones. A group where a verbatim deployment comes before a modelled one is therefore
 * carried verbatim as a whole, so its order survives.
 */
function keepGroupOrder(classified: readonly ClassifiedDeployment[]): ClassifiedDeployment[] {
  const mixed = new Set<string>();
  const seenVerbatim = new Set<string>();
  for (const d of classified) {
    if (d.kind === "verbatim") seenVerbatim.add(d.modelName);
    else if (seenVerbatim.has(d.modelName)) mixed.add(d.modelName);
  }
  return classified.map((d): ClassifiedDeployment => {
    if (d.kind === "verbatim" || !mixed.has(d.modelName)) return d;
    return {
      kind: "verbatim",
      where: d.where,
      modelName: d.modelName,
      entry: d.raw,
      reason: `the model group '${d.modelName}' has a deployment Switchyard carries verbatim before this one, and LiteLLM reads a group in order`,
    };
  });
}

/**
 * Import a LiteLLM proxy config (and its `include:` files) as a Switchyard config set:
 * providers.yaml (one provider per endpoint), model-mappings.yaml (exact matches, load-balancing
 * groups and patterns, each deployment with its own id and LiteLLM keys; fallbacks, routing, and the
 * `gateway:` section), ports.yaml (local servers with health URLs, the Redis cache) and
 * litellm-passthrough.yaml for what those files do not model, carried as written. The file is read
 * as PyYAML reads it (YAML 1.1). Literal secrets become `os.environ/NAME` references and are never
 * written. The import checks itself: generating from its files with a bare `switchyard generate`
 * must reproduce the input as LiteLLM reads it, apart from the listed `normalisations` (SY4222).
 * Never throws.
 */
export async function importLiteLLMConfig(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, path);
  const log = new ImportLog();
  const merged = await readMergedConfig(absolute, cwd, log);
  if (!merged) return { ok: false, diagnostics: log.errors };
  const root = merged.sources[0]!;
  const modelList = merged.sections.get("model_list");
  if (!modelList || !Array.isArray(modelList.value)) {
    return {
      ok: false,
      diagnostics: [
        generatorDiagnostic("SY4200", {
          message: `${root.file} has no model_list${modelList ? " list" : ""}, so there is nothing to import`,
          file: root.file,
          hint: "Point `switchyard import` at the file passed to `litellm --config` (with its include files beside it).",
        }),
      ],
    };
  }
  const secrets = new SecretNames();
  for (const section of merged.sections.values())
    for (const name of referencedNames(section.value)) secrets.reserve(name);
  const carrier = new Carrier(secrets, log);
  const classified = keepGroupOrder(classifyDeployments(merged.entries, log));
  // Providers, routes and key names are made in the order the generator writes the deployments
  // (concrete groups by name, then wildcard routes), so that importing a generated file again
  // gives the same ids and names.
  const modelled = inGeneratedOrder(classified.filter((d): d is ModelledDeployment => d.kind === "modelled"));
  const verbatim = classified.filter((d): d is VerbatimDeployment => d.kind === "verbatim");
  const imported = buildProviders(modelled, carrier, log);
  const routes = buildRoutes(modelled, imported, carrier);
  const verbatimEntries = carryVerbatim(verbatim, carrier, log);
  const settings = readSettings(merged.sections, carrier, log);
  const fallbacks = readFallbacks(
    merged.sections.get("router_settings"),
    {
      groups: routes.groups,
      wildcards: routes.wildcards,
      allGroups: new Set(classified.filter((d) => !d.modelName.includes("*")).map((d) => d.modelName)),
      allWildcards: classified.filter((d) => d.modelName.includes("*")).map((d) => d.modelName),
    },
    log,
  );
  const emptySections: ImportNormalisation[] = [];
  const keptEmpty: [string, null | Record<string, never>][] = [];
  for (const key of SETTINGS_SECTIONS) {
    const section = merged.sections.get(key);
    if (!section) continue;
    const value = section.value;
    if (value !== null && !(isPlainRecord(value) && Object.keys(value).length === 0)) continue;
    if (options.dropEmptySections !== true) {
      keptEmpty.push([key, value === null ? null : {}]);
      continue;
    }
    emptySections.push({ kind: "empty-section", path: [key] });
    log.note(
      "SY4224",
      `${key} has nothing in it, so the generated config leaves it out (LiteLLM reads both as no settings)`,
      section.place,
    );
  }
  const otherSections: Record<string, unknown> = {};
  for (const [key, section] of merged.sections) {
    if (key === "model_list" || SETTINGS_SECTIONS.has(key)) continue;
    setOwn(otherSections, key, carrier.value(section.value, key, section.where));
  }

  const exactMatches: Record<string, ExactMatch> = {};
  for (const [name, route] of Object.entries(routes.exactMatches))
    setOwn(exactMatches, name, withFallbacks(route, fallbacks.perModel.get(name)));
  const loadBalancing: Record<string, LoadBalancingGroup> = {};
  for (const [name, group] of Object.entries(routes.loadBalancing))
    setOwn(loadBalancing, name, withFallbacks(group, fallbacks.perModel.get(name)));
  const providers: Record<string, Provider> = {};
  for (const { id, provider } of imported.providers) setOwn(providers, id, provider);
  const routerPassthrough = { ...settings.routerSettings };
  if (fallbacks.verbatim !== undefined) setOwn(routerPassthrough, "fallbacks", fallbacks.verbatim);
  const passthrough = passthroughData([
    ["litellm_settings", settings.litellmSettings],
    ["general_settings", settings.generalSettings],
    ["router_settings", routerPassthrough],
    ["environment_variables", settings.environmentVariables],
    ["model_list", verbatimEntries],
    ["sections", otherSections],
  ]);
  for (const [key, value] of keptEmpty) setOwn(passthrough, key, value);
  const origin =
    merged.sources.length > 1
      ? `${root.file} (with ${merged.sources
          .slice(1)
          .map((s) => s.file)
          .join(", ")})`
      : root.file;
  const parts: Parts = {
    providers,
    exactMatches,
    loadBalancing,
    patterns: routes.patterns,
    ...(settings.routing ? { routing: settings.routing } : {}),
    gateway:
      options.generateIds !== true && modelled.some((d) => routes.routeOf.get(d)?.id === undefined)
        ? { ...settings.gateway, deployment_ids: "litellm" }
        : settings.gateway,
    services: buildServices(imported.providers, settings.redis),
    passthrough,
  };
  const idNormalisations =
    options.generateIds === true
      ? settleIds(modelled, imported.providerOf, routes.routeOf, () => renderFiles(parts, origin))
      : [];
  if (idNormalisations.length > 0)
    log.note(
      "SY4219",
      `${idNormalisations.length} deployment(s) have no model_info.id; the generated config gives each a stable id (<provider>--<model>, the same at every import), where LiteLLM would hash one from its parameters`,
      undefined,
      "Set `id:` on a deployment in model-mappings.yaml to choose its id.",
    );
  const files = renderFiles(parts, origin);
  const normalisations = [...carrier.normalisations, ...idNormalisations, ...emptySections];
  verifyImport(files, merged, normalisations, log);
  return {
    ok: true,
    files,
    passthrough,
    lossy: sortDiagnostics(log.lossyFindings),
    notes: sortDiagnostics(log.notes),
    generateOptions: {},
    normalisations,
    sources: merged.sources.map((s) => s.path),
    summary: {
      deployments: merged.entries.length,
      providers: imported.providers.length,
      exactMatches: Object.keys(exactMatches).length,
      loadBalancingGroups: Object.keys(loadBalancing).length,
      patterns: routes.patterns.length,
      fallbacks: fallbacks.perModel.size + (fallbacks.verbatim !== undefined ? 1 : 0),
      verbatim: verbatimEntries.length,
      skipped: merged.entries.length - classified.length,
    },
  };
}

/**
 * Keep every id the input sets, except those the generator would give the deployment anyway
 * (an id a previous `switchyard generate` wrote): those are left to the generator, so that
 * importing a generated file gives the same set as importing its source. Each such id is checked
 * by generating; one that would come out differently is kept as written. Returns the generated-id
 * normalisations of the deployments without an id.
 */
function settleIds(
  modelled: readonly ModelledDeployment[],
  providerOf: ReadonlyMap<ModelledDeployment, { readonly id: string }>,
  routeOf: ReadonlyMap<ModelledDeployment, { id?: string | undefined }>,
  files: () => ImportedFiles,
): ImportNormalisation[] {
  const own = new Map<ModelledDeployment, string>();
  for (const d of modelled) {
    const route = routeOf.get(d)!;
    if (route.id === undefined) continue;
    own.set(d, route.id);
    const base = baseId({ providerId: providerOf.get(d)!.id, model: d.providerModel, wildcard: d.wildcard });
    const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (new RegExp(`^${escaped}(-[0-9a-f]{8})?(-[0-9]+)?$`).test(route.id)) delete route.id;
  }
  // The position of each deployment in its model group, as the generator writes modelled ones first.
  const position = new Map<ModelledDeployment, number>();
  const counts = new Map<string, number>();
  for (const d of modelled) {
    const n = counts.get(d.modelName) ?? 0;
    position.set(d, n);
    counts.set(d.modelName, n + 1);
  }
  let ids = new Map<string, string[]>();
  for (let round = 0; round < 4; round++) {
    const generation = generateFromImport(files());
    if (!generation.ok) return [];
    ids = generatedIds(generation.text);
    let changed = false;
    for (const [d, id] of own) {
      const route = routeOf.get(d)!;
      if (route.id !== undefined) continue;
      if (ids.get(d.modelName)?.[position.get(d)!] !== id) {
        route.id = id;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return modelled.flatMap((d): ImportNormalisation[] => {
    if (own.has(d)) return [];
    const id = ids.get(d.modelName)?.[position.get(d)!];
    return id === undefined ? [] : [{ kind: "generated-id", path: d.where.path, id }];
  });
}
