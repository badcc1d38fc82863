import { compileGlob, globMatches } from "@switchyard/config-schema/glob";
import type { Deployment, ExactMatch, PatternRoute } from "@switchyard/config-schema/schemas";
import { modelPrefix, withPrefix } from "../internal/addressing.js";
import { setOwn } from "../internal/records.js";
import { type Carrier, child } from "./carry.js";
import type { ModelledDeployment } from "./classify.js";
import type { ImportedProvider, ImportedProviders } from "./providers.js";

/** The routes of the imported model-mappings.yaml. */
export interface ImportedRoutes {
  readonly exactMatches: Record<string, ExactMatch>;
  readonly loadBalancing: Record<string, { deployments: Deployment[] }>;
  readonly patterns: PatternRoute[];
  /** Public names with at least one modelled concrete deployment. */
  readonly groups: ReadonlySet<string>;
  /** Modelled wildcard names, in order. */
  readonly wildcards: readonly string[];
  /** Each modelled deployment's route, to write its id once it is known. */
  readonly routeOf: ReadonlyMap<ModelledDeployment, { id?: string | undefined }>;
}

function positiveInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function positiveNumber(value: unknown): value is number {
  return typeof value === "number" && value > 0;
}

/** Deployments by public name, in the order names first appear. */
function byName(deployments: readonly ModelledDeployment[]): Map<string, ModelledDeployment[]> {
  const out = new Map<string, ModelledDeployment[]>();
  for (const d of deployments) {
    if (d.wildcard) continue;
    const list = out.get(d.modelName);
    if (list) list.push(d);
    else out.set(d.modelName, [d]);
  }
  return out;
}

/**
 * The keys of a deployment the route does not model, carried on the route as written (literal
 * secrets referenced): `litellm_params` but the address and what the provider or route models,
 * `model_info` but what the provider's model describes, and the entry's own keys.
 */
function extrasOf(
  d: ModelledDeployment,
  owner: ImportedProvider,
  modelled: ReadonlySet<string>,
  infoModelled: ReadonlySet<string>,
  carrier: Carrier,
): Pick<ExactMatch, "id" | "litellm_params" | "model_info" | "entry"> {
  const params: Record<string, unknown> = {};
  const paramsAt = child(d.where, "litellm_params");
  // An explicit null is written back as such (the provider's own value would be no key at all).
  for (const key of ["api_key", "api_version"] as const) if (d.nulls.has(key)) setOwn(params, key, null);
  for (const key of Object.keys(d.params))
    if (!modelled.has(key) && !owner.lifted.has(key))
      setOwn(params, key, carrier.value(d.params[key], key, child(paramsAt, key)));
  const described = d.wildcard ? new Set<string>() : (owner.describedInfo.get(d.providerModel) ?? new Set());
  const info: Record<string, unknown> = {};
  const infoAt = child(d.where, "model_info");
  for (const key of Object.keys(d.info))
    if (key !== "id" && !described.has(key) && !infoModelled.has(key))
      setOwn(info, key, carrier.value(d.info[key], key, child(infoAt, key)));
  const entry: Record<string, unknown> = {};
  for (const key of Object.keys(d.entry))
    setOwn(entry, key, carrier.value(d.entry[key], key, child(d.where, key)));
  const id = d.info.id;
  return {
    ...(typeof id === "string" && id !== "" ? { id } : typeof id === "number" ? { id: String(id) } : {}),
    ...(Object.keys(params).length > 0 ? { litellm_params: params } : {}),
    ...(Object.keys(info).length > 0 ? { model_info: info } : {}),
    ...(Object.keys(entry).length > 0 ? { entry } : {}),
  };
}

/**
 * The health check of a wildcard deployment as its route writes it: the name without the prefix
 * the generator adds back, when the generator writes it back exactly; `null` when the deployment
 * has none but the generator would pick one; `undefined` otherwise (the original value then stays
 * in the route's `model_info`).
 */
function healthCheckOf(
  d: ModelledDeployment,
  owner: ImportedProvider,
): { route?: string | null; modelled: boolean } {
  const check = d.info.health_check_model;
  const prefix = modelPrefix(owner.provider);
  if (check === undefined) {
    const glob = compileGlob(d.modelName);
    const derived = owner.provider.models.some((m) => globMatches(glob, m.name));
    return derived ? { route: null, modelled: false } : { modelled: false };
  }
  if (typeof check !== "string" || check === "") return { route: null, modelled: false };
  const bare = prefix !== "" && check.startsWith(`${prefix}/`) ? check.slice(prefix.length + 1) : undefined;
  if (bare !== undefined && bare !== "" && withPrefix(prefix, bare) === check)
    return { route: bare, modelled: true };
  if (prefix === "") return { route: check, modelled: true };
  return { route: null, modelled: false };
}

/**
 * Public names become exact matches (one deployment) or load-balancing groups (several; weights
 * kept when every deployment has one); wildcard names become pattern routes in their original
 * order. What a route cannot model (per-deployment timeouts, `order`, `tags`, pricing, ids, ...) is
 * carried on the route itself, keyed by the deployment, never by its names.
 */
export function buildRoutes(
  deployments: readonly ModelledDeployment[],
  imported: ImportedProviders,
  carrier: Carrier,
): ImportedRoutes {
  const exactMatches: Record<string, ExactMatch> = {};
  const loadBalancing: Record<string, { deployments: Deployment[] }> = {};
  const patterns: PatternRoute[] = [];
  const routeOf = new Map<ModelledDeployment, { id?: string | undefined }>();

  const groups = byName(deployments);
  for (const [name, members] of groups) {
    if (members.length === 1) {
      const d = members[0]!;
      const owner = imported.providerOf.get(d)!;
      const rpm = positiveInt(d.params.rpm) ? d.params.rpm : undefined;
      const tpm = positiveInt(d.params.tpm) ? d.params.tpm : undefined;
      const modelled = new Set<string>([
        ...(rpm !== undefined ? ["rpm"] : []),
        ...(tpm !== undefined ? ["tpm"] : []),
      ]);
      const route: ExactMatch = {
        provider: owner.id,
        ...(d.providerModel !== name ? { model: d.providerModel } : {}),
        ...(rpm !== undefined ? { rpm } : {}),
        ...(tpm !== undefined ? { tpm } : {}),
        ...extrasOf(d, owner, modelled, new Set(), carrier),
      };
      setOwn(exactMatches, name, route);
      routeOf.set(d, route);
      continue;
    }
    const weighted = members.every((d) => positiveNumber(d.params.weight));
    const routes = members.map((d) => {
      const owner = imported.providerOf.get(d)!;
      const route: Deployment = {
        provider: owner.id,
        model: d.providerModel,
        ...(weighted ? { weight: d.params.weight as number } : {}),
        ...extrasOf(d, owner, new Set(weighted ? ["weight"] : []), new Set(), carrier),
      };
      routeOf.set(d, route);
      return route;
    });
    setOwn(loadBalancing, name, { deployments: routes });
  }

  const wildcards: string[] = [];
  for (const d of deployments) {
    if (!d.wildcard) continue;
    const owner = imported.providerOf.get(d)!;
    const check = healthCheckOf(d, owner);
    const route: PatternRoute = {
      pattern: d.modelName,
      provider: owner.id,
      ...(d.providerModel !== d.modelName ? { model: d.providerModel } : {}),
      ...(check.route !== undefined ? { health_check_model: check.route } : {}),
      ...extrasOf(d, owner, new Set(), new Set(check.modelled ? ["health_check_model"] : []), carrier),
    };
    patterns.push(route);
    routeOf.set(d, route);
    wildcards.push(d.modelName);
  }
  return {
    exactMatches,
    loadBalancing,
    patterns,
    groups: new Set(groups.keys()),
    wildcards,
    routeOf,
  };
}
