import type { Deployment, ExactMatch, PatternRoute } from "@switchyard/config-schema";
import { setOwn } from "../internal/records.js";
import type { PassthroughDeployment } from "../passthrough.js";
import type { ModelledDeployment } from "./classify.js";
import { carryExtras } from "./extras.js";
import type { ImportLog } from "./log.js";
import { healthCheckModelOf, type ImportedProviders, infoNotCarried } from "./providers.js";
import type { SecretNames } from "./secrets.js";

/** The routes of the imported model-mappings.yaml, and the per-deployment passthrough extras. */
export interface ImportedRoutes {
  readonly exactMatches: Record<string, ExactMatch>;
  readonly loadBalancing: Record<string, { deployments: Deployment[] }>;
  readonly patterns: PatternRoute[];
  readonly extras: PassthroughDeployment[];
  /** Public names with at least one modelled concrete deployment. */
  readonly groups: ReadonlySet<string>;
  /** Modelled wildcard names, in order. */
  readonly wildcards: readonly string[];
  /** How many `model_info.id`s the generated config replaces. */
  readonly regeneratedIds: number;
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
 * Public names become exact matches (one deployment) or load-balancing groups (several, weights
 * kept); wildcard names become pattern routes in their original order. What the mapping cannot
 * hold (per-deployment timeouts, `order`, `tags`, pricing, ...) goes into passthrough extras.
 */
export function buildRoutes(
  deployments: readonly ModelledDeployment[],
  imported: ImportedProviders,
  secrets: SecretNames,
  log: ImportLog,
): ImportedRoutes {
  const exactMatches: Record<string, ExactMatch> = {};
  const loadBalancing: Record<string, { deployments: Deployment[] }> = {};
  const patterns: PatternRoute[] = [];
  const extras: PassthroughDeployment[] = [];
  let regeneratedIds = 0;

  const addExtras = (
    d: ModelledDeployment,
    model: string,
    modelled: ReadonlySet<string>,
    infoModelled: ReadonlySet<string>,
  ) => {
    const owner = imported.providerOf.get(d)!;
    if (typeof d.info.id === "string") regeneratedIds++;
    const params: Record<string, unknown> = {};
    for (const key of Object.keys(d.params))
      if (!modelled.has(key) && !owner.lifted.has(key)) setOwn(params, key, d.params[key]);
    const info: Record<string, unknown> = {};
    const notCarried = infoNotCarried(d, owner.provider);
    for (const key of notCarried) if (!infoModelled.has(key)) setOwn(info, key, d.info[key]);
    const carriedParams = carryExtras("litellm_params", params, d.place, secrets, log);
    const carriedInfo = carryExtras("model_info", info, d.place, secrets, log);
    if (Object.keys(carriedParams).length === 0 && Object.keys(carriedInfo).length === 0) return;
    extras.push({
      model_name: d.modelName,
      provider: owner.id,
      model,
      ...(Object.keys(carriedParams).length > 0 ? { litellm_params: carriedParams } : {}),
      ...(Object.keys(carriedInfo).length > 0 ? { model_info: carriedInfo } : {}),
    });
  };

  const groups = byName(deployments);
  for (const [name, members] of groups) {
    if (members.length === 1) {
      const d = members[0]!;
      const owner = imported.providerOf.get(d)!;
      const rpm = positiveInt(d.params.rpm) ? d.params.rpm : undefined;
      const tpm = positiveInt(d.params.tpm) ? d.params.tpm : undefined;
      exactMatches[name] = {
        provider: owner.id,
        ...(d.providerModel !== name ? { model: d.providerModel } : {}),
        ...(rpm !== undefined ? { rpm } : {}),
        ...(tpm !== undefined ? { tpm } : {}),
      };
      const modelled = new Set<string>([
        ...(rpm !== undefined ? ["rpm"] : []),
        ...(tpm !== undefined ? ["tpm"] : []),
      ]);
      addExtras(d, d.providerModel, modelled, new Set());
      continue;
    }
    const weighted = members.filter((d) => positiveNumber(d.params.weight));
    if (weighted.length > 0 && weighted.length < members.length) {
      log.lossy(
        "SY4217",
        `Only some deployments of '${name}' have a weight; the generated config gives the others weight 1 (LiteLLM's simple-shuffle counts a missing weight as 0)`,
        { ...members[0]!.place, path: [...members[0]!.place.path, "model_name"] },
        "Give every deployment of the group a weight.",
      );
    }
    loadBalancing[name] = {
      deployments: members.map((d) => ({
        provider: imported.providerOf.get(d)!.id,
        model: d.providerModel,
        ...(positiveNumber(d.params.weight) ? { weight: d.params.weight } : {}),
      })),
    };
    for (const d of members)
      addExtras(d, d.providerModel, new Set(positiveNumber(d.params.weight) ? ["weight"] : []), new Set());
  }

  const wildcards: string[] = [];
  for (const d of deployments) {
    if (!d.wildcard) continue;
    const owner = imported.providerOf.get(d)!;
    const check = healthCheckModelOf(d);
    patterns.push({
      pattern: d.modelName,
      provider: owner.id,
      ...(d.providerModel !== d.modelName ? { model: d.providerModel } : {}),
      ...(check !== undefined ? { health_check_model: check } : {}),
    });
    wildcards.push(d.modelName);
    addExtras(d, d.providerModel, new Set(), new Set(check !== undefined ? ["health_check_model"] : []));
  }
  return {
    exactMatches,
    loadBalancing,
    patterns,
    extras,
    groups: new Set(groups.keys()),
    wildcards,
    regeneratedIds,
  };
}
