import { resolve } from "node:path";
import {
  CURRENT_SCHEMA_VERSION,
  type Diagnostic,
  type ExactMatch,
  type LoadBalancingGroup,
  type PatternRoute,
  type Provider,
  type RoutingSettings,
  type Service,
  sortDiagnostics,
} from "@switchyard/config-schema";
import { isPlainRecord, setOwn } from "../internal/records.js";
import { stringifyForPyYaml } from "../internal/yaml11.js";
import { PASSTHROUGH_FILE } from "../passthrough.js";
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
import { buildProviders, checkAddresses } from "./providers.js";
import { buildRoutes } from "./routes.js";
import { SecretNames } from "./secrets.js";
import { type ImportedGenerateOptions, readSettings } from "./settings.js";
import { carryVerbatim } from "./verbatim.js";
import { verifyImport } from "./verify.js";

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
  /** The generation options that reproduce the input (e.g. `{ prometheus: true }`). */
  readonly generateOptions: ImportedGenerateOptions;
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
  };
  const passthroughHeader = [
    `LiteLLM settings Switchyard's config files do not model, carried from ${origin} by \`switchyard import\`.`,
    "`switchyard generate` merges them into litellm-unified.yaml: what providers.yaml, model-mappings.yaml",
    "and ports.yaml generate wins; everything here is added as written. `deployments:` extras are matched",
    "by model_name, provider and model; `model_list:` deployments are appended verbatim.",
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
    const empty = Array.isArray(value)
      ? value.length === 0
      : isPlainRecord(value) && Object.keys(value).length === 0;
    if (!empty) setOwn(out, key, value);
  }
  return out;
}

/**
 * Import a LiteLLM proxy config (and its `include:` files) as a Switchyard config set:
 * providers.yaml (one provider per endpoint), model-mappings.yaml (exact matches, load-balancing
 * groups, patterns, fallbacks, routing), ports.yaml (local servers with health URLs, the Redis
 * cache) and litellm-passthrough.yaml for what those files do not model. The file is read as PyYAML
 * reads it (YAML 1.1). Literal secrets become `os.environ/NAME` references and are never written.
 * Everything not carried exactly is reported in `lossy`; the result is checked by generating from
 * it and comparing deployments and fallbacks with the input (`notes`, SY4222). Never throws.
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
        {
          code: "SY4200",
          severity: "error",
          message: `${root.file} has no model_list${modelList ? " list" : ""}, so there is nothing to import`,
          file: root.file,
          hint: "Point `switchyard import` at the file passed to `litellm --config` (with its include files beside it).",
        },
      ],
    };
  }
  const secrets = new SecretNames();
  const classified: ClassifiedDeployment[] = classifyDeployments(merged.entries, log);
  const modelled = classified.filter((d): d is ModelledDeployment => d.kind === "modelled");
  const verbatim = classified.filter((d): d is VerbatimDeployment => d.kind === "verbatim");
  const imported = buildProviders(modelled, secrets, log);
  checkAddresses(imported, log);
  const routes = buildRoutes(modelled, imported, secrets, log);
  const verbatimEntries = carryVerbatim(verbatim, secrets, log);
  const verbatimNames = verbatimEntries.map((e) => String(e.model_name));
  const settings = readSettings(merged.sections, secrets, log);
  const fallbacks = readFallbacks(
    merged.sections.get("router_settings"),
    {
      groups: routes.groups,
      wildcards: routes.wildcards,
      verbatimGroups: new Set(verbatimNames.filter((n) => !n.includes("*"))),
      verbatimWildcards: verbatimNames.filter((n) => n.includes("*")),
    },
    log,
  );
  if (routes.regeneratedIds > 0) {
    log.lossy(
      "SY4219",
      `${routes.regeneratedIds} deployment id(s) (model_info.id) are replaced by generated ids (<provider>--<model>)`,
      undefined,
      "Spend logs and dashboards that refer to the old ids will see new ones; nothing else changes.",
    );
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
  if (fallbacks.passthrough.length > 0) setOwn(routerPassthrough, "fallbacks", fallbacks.passthrough);
  const passthrough = passthroughData([
    ["litellm_settings", settings.litellmSettings],
    ["general_settings", settings.generalSettings],
    ["router_settings", routerPassthrough],
    ["environment_variables", settings.environmentVariables],
    ["deployments", routes.extras],
    ["model_list", verbatimEntries],
  ]);
  const files = renderFiles(
    {
      providers,
      exactMatches,
      loadBalancing,
      patterns: routes.patterns,
      ...(settings.routing ? { routing: settings.routing } : {}),
      services: buildServices(imported.providers, settings.redis),
      passthrough,
    },
    merged.sources.length > 1
      ? `${root.file} (with ${merged.sources
          .slice(1)
          .map((s) => s.file)
          .join(", ")})`
      : root.file,
  );
  verifyImport(files, settings.options, merged, log);
  return {
    ok: true,
    files,
    passthrough,
    lossy: sortDiagnostics(log.lossyFindings),
    notes: sortDiagnostics(log.notes),
    generateOptions: settings.options,
    sources: merged.sources.map((s) => s.path),
    summary: {
      deployments: merged.entries.length,
      providers: imported.providers.length,
      exactMatches: Object.keys(exactMatches).length,
      loadBalancingGroups: Object.keys(loadBalancing).length,
      patterns: routes.patterns.length,
      fallbacks: fallbacks.perModel.size + fallbacks.passthrough.length,
      verbatim: verbatimEntries.length,
      skipped: merged.entries.length - classified.length,
    },
  };
}
