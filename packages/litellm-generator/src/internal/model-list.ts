import { suggestName, type YamlPath } from "@switchyard/config-schema/diagnostics";
import { compileGlob, globMatches } from "@switchyard/config-schema/glob";
import type {
  ModelMappingsFile,
  PatternRoute,
  Provider,
  ProviderModel,
} from "@switchyard/config-schema/schemas";
import { detectSecret, redactSecret } from "@switchyard/config-schema/secrets";
import { addressModel, isLiteralKey, modelPrefix, withPrefix } from "./addressing.js";
import { assignIds } from "./ids.js";
import type { Findings } from "./notes.js";
import { byCodeUnits } from "./order.js";
import { copyRecord, setOwn } from "./records.js";

/**
 * One `model_list` entry, keys in the order they are emitted: `model_name`, `litellm_params`,
 * `model_info` (with its `id` unless LiteLLM is left to hash one: `gateway.deployment_ids:
 * litellm`), then the deployment's own `entry` keys.
 */
export interface ModelListEntry {
  model_name: string;
  litellm_params: Record<string, unknown>;
  model_info: Record<string, unknown> & { id?: string };
  /** Keys of the entry beside `litellm_params` (a deployment's `entry:`), emitted last. */
  entry?: Record<string, unknown>;
}

/** What a deployment carries beyond its provider and model (model-mappings.yaml). */
interface DeploymentExtras {
  readonly id?: string | undefined;
  readonly litellm_params?: Readonly<Record<string, unknown>> | undefined;
  readonly model_info?: Readonly<Record<string, unknown>> | undefined;
  readonly entry?: Readonly<Record<string, unknown>> | undefined;
}

/** `base` with `extra`'s keys set on top: existing keys keep their place, new ones follow. */
function withExtras(base: Record<string, unknown>, extra: Readonly<Record<string, unknown>> | undefined) {
  const out = copyRecord(base);
  if (extra !== undefined) for (const key of Object.keys(extra)) setOwn(out, key, extra[key]);
  return out;
}

/** The model list and what the router settings need to know about it. */
export interface ModelList {
  readonly entries: readonly ModelListEntry[];
  /** Public names with at least one concrete (non-wildcard) deployment. */
  readonly groups: ReadonlySet<string>;
  /** Wildcard `model_name`s that were emitted, in order. */
  readonly wildcards: readonly string[];
  /** Load-balancing groups that were emitted and set weights. */
  readonly weightedGroups: readonly string[];
  /** For each entry, the provider id and provider model it was generated from. */
  readonly origins: readonly { readonly providerId: string; readonly model: string }[];
}

interface PlannedDeployment {
  readonly providerId: string;
  readonly model: string;
  readonly weight?: number;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly extras: DeploymentExtras;
  /** Where the deployment is declared in model-mappings.yaml. */
  readonly path: YamlPath;
}

type Unkeyed = Omit<ModelListEntry, "model_info"> & { model_info: Record<string, unknown> };

/** An entry before ids are assigned, with the Switchyard names its id is made from. */
interface Planned {
  readonly entry: Unkeyed;
  readonly providerId: string;
  /** The provider's model name, or the route's model template. */
  readonly model: string;
  /** The id the deployment sets itself. */
  readonly id?: string | undefined;
}

function lookupProvider(
  providers: Readonly<Record<string, Provider>>,
  deployment: PlannedDeployment,
  findings: Findings,
): Provider | undefined {
  if (Object.hasOwn(providers, deployment.providerId)) return providers[deployment.providerId];
  const suggestion = suggestName(deployment.providerId, Object.keys(providers));
  findings.add(
    "SY4002",
    "error",
    `Provider '${deployment.providerId}' is not declared in providers.yaml${suggestion ? ` — did you mean '${suggestion}'?` : ""}`,
    { kind: "model-mappings", path: [...deployment.path, "provider"] },
    {
      hint: suggestion
        ? `Write \`provider: ${suggestion}\`.`
        : "Add the provider to providers.yaml or correct the id.",
      ...(suggestion ? { suggestion } : {}),
    },
  );
  return undefined;
}

function findModel(provider: Provider, name: string): ProviderModel | undefined {
  return provider.models.find((m) => m.name === name);
}

/** The `litellm_params` every deployment of a provider shares, after the address. */
function providerParams(provider: Provider): Record<string, unknown> {
  return {
    ...(provider.timeouts?.request_seconds !== undefined
      ? { timeout: provider.timeouts.request_seconds }
      : {}),
    ...(provider.timeouts?.stream_seconds !== undefined
      ? { stream_timeout: provider.timeouts.stream_seconds }
      : {}),
    ...(provider.max_retries !== undefined ? { max_retries: provider.max_retries } : {}),
  };
}

class ProviderChecks {
  private readonly warned = new Set<string>();
  constructor(private readonly findings: Findings) {}

  /** Report provider-level problems once per provider, at the provider. */
  once(providerId: string, provider: Provider): void {
    if (this.warned.has(providerId)) return;
    this.warned.add(providerId);
    if (
      typeof provider.api_key === "string" &&
      isLiteralKey(provider.api_key) &&
      detectSecret("api_key", provider.api_key) !== undefined
    ) {
      this.findings.add(
        "SY4013",
        "warning",
        `Provider '${providerId}' has a literal api_key (${redactSecret(provider.api_key)}); it is copied into the generated config`,
        { kind: "providers", path: ["providers", providerId, "api_key"] },
        { hint: "Write `api_key: os.environ/NAME` in providers.yaml and export NAME where LiteLLM runs." },
      );
    }
    if (provider.type === "azure" && provider.api_version === undefined) {
      this.findings.add(
        "SY4014",
        "warning",
        `Azure provider '${providerId}' has no api_version; LiteLLM will use its built-in default`,
        { kind: "providers", path: ["providers", providerId], part: "key" },
        { hint: "Set `api_version` (e.g. `2024-10-21`)." },
      );
    }
  }
}

function concreteEntry(
  modelName: string,
  deployment: PlannedDeployment,
  providerId: string,
  provider: Provider,
  findings: Findings,
): Unkeyed {
  const listed = findModel(provider, deployment.model);
  if (!listed) {
    findings.add(
      "SY4012",
      "warning",
      `Model '${deployment.model}' is not listed by provider '${providerId}'`,
      { kind: "model-mappings", path: deployment.path },
      {
        hint: `Add \`- name: ${deployment.model}\` to providers.${providerId}.models, or correct the model name.`,
      },
    );
  }
  const rpm = deployment.rpm ?? provider.rpm;
  const tpm = deployment.tpm ?? provider.tpm;
  return {
    model_name: modelName,
    litellm_params: {
      ...addressModel(providerId, provider, deployment.model, listed?.mode),
      ...providerParams(provider),
      ...(rpm !== undefined ? { rpm } : {}),
      ...(tpm !== undefined ? { tpm } : {}),
      ...(deployment.weight !== undefined ? { weight: deployment.weight } : {}),
    },
    model_info: {
      ...(listed?.mode !== undefined ? { mode: listed.mode } : {}),
      ...(listed?.context_length !== undefined ? { max_input_tokens: listed.context_length } : {}),
      ...(listed?.max_output_tokens !== undefined ? { max_output_tokens: listed.max_output_tokens } : {}),
    },
  };
}

/** A deployment's own `litellm_params`, `model_info` and `entry` keys, set on top of the generated ones. */
function applyExtras(entry: Unkeyed, extras: DeploymentExtras): Unkeyed {
  return {
    model_name: entry.model_name,
    litellm_params: withExtras(entry.litellm_params, extras.litellm_params),
    model_info: withExtras(entry.model_info, extras.model_info),
    ...(extras.entry !== undefined && Object.keys(extras.entry).length > 0
      ? { entry: copyRecord(extras.entry) }
      : {}),
  };
}

function plannedGroups(
  mappings: ModelMappingsFile,
  findings: Findings,
): [string, PlannedDeployment[], "exact" | "group"][] {
  const out: [string, PlannedDeployment[], "exact" | "group"][] = [];
  const exact = mappings.exact_matches ?? {};
  const groups = mappings.load_balancing ?? {};
  for (const name of Object.keys(exact).sort(byCodeUnits)) {
    const match = exact[name]!;
    if (Object.hasOwn(groups, name)) {
      findings.add(
        "SY4005",
        "error",
        `'${name}' is defined both in exact_matches and in load_balancing`,
        { kind: "model-mappings", path: ["exact_matches", name], part: "key" },
        { hint: "Keep one definition: move the exact match into the group's deployments, or rename one." },
      );
      continue;
    }
    out.push([
      name,
      [
        {
          providerId: match.provider,
          model: match.model ?? name,
          ...(match.rpm !== undefined ? { rpm: match.rpm } : {}),
          ...(match.tpm !== undefined ? { tpm: match.tpm } : {}),
          extras: match,
          path: ["exact_matches", name],
        },
      ],
      "exact",
    ]);
  }
  for (const name of Object.keys(groups).sort(byCodeUnits)) {
    const deployments = groups[name]!.deployments.map(
      (d, index): PlannedDeployment => ({
        providerId: d.provider,
        model: d.model,
        ...(d.weight !== undefined ? { weight: d.weight } : {}),
        extras: d,
        path: ["load_balancing", name, "deployments", index],
      }),
    );
    out.push([name, deployments, "group"]);
  }
  return out.sort((a, b) => byCodeUnits(a[0], b[0]));
}

function buildConcrete(
  mappings: ModelMappingsFile,
  providers: Readonly<Record<string, Provider>>,
  findings: Findings,
  checks: ProviderChecks,
): { entries: Planned[]; groups: Set<string>; weightedGroups: string[] } {
  const entries: Planned[] = [];
  const groups = new Set<string>();
  const weightedGroups: string[] = [];
  for (const [name, deployments, origin] of plannedGroups(mappings, findings)) {
    const active: { deployment: PlannedDeployment; provider: Provider }[] = [];
    for (const deployment of deployments) {
      const provider = lookupProvider(providers, deployment, findings);
      if (!provider) continue;
      if (provider.status === "disabled") {
        findings.add(
          "SY4010",
          "info",
          origin === "exact"
            ? `Exact match '${name}' skipped: provider '${deployment.providerId}' is disabled (the name is not served)`
            : `Deployment ${deployment.providerId}/${deployment.model} of '${name}' skipped: provider '${deployment.providerId}' is disabled`,
          { kind: "model-mappings", path: [...deployment.path, "provider"] },
          { hint: `Set \`status: active\` on providers.${deployment.providerId} to route to it again.` },
        );
        continue;
      }
      checks.once(deployment.providerId, provider);
      active.push({ deployment, provider });
    }
    if (active.length === 0) {
      if (origin === "group" && deployments.length > 0) {
        findings.add(
          "SY4011",
          "warning",
          `Load-balancing group '${name}' has no active deployment and is not served`,
          { kind: "model-mappings", path: ["load_balancing", name], part: "key" },
          { hint: "Enable one of its providers or add an active deployment." },
        );
      }
      continue;
    }
    // LiteLLM's simple-shuffle treats a missing weight as 0 once any deployment has one; the
    // schema's default is 1, so a weighted group gets an explicit weight on every deployment.
    const weighted = active.some((a) => a.deployment.weight !== undefined);
    if (weighted) weightedGroups.push(name);
    for (const { deployment, provider } of active) {
      const entry = concreteEntry(name, deployment, deployment.providerId, provider, findings);
      if (weighted) entry.litellm_params.weight = deployment.weight ?? 1;
      entries.push({
        entry: applyExtras(entry, deployment.extras),
        providerId: deployment.providerId,
        model: deployment.model,
        id: deployment.extras.id,
      });
    }
    groups.add(name);
  }
  return { entries, groups, weightedGroups };
}

/**
 * The route's health-check model with its LiteLLM prefix: the route's own (`null`: none), else
 * the first of the provider's models the pattern matches. A name that already carries the
 * provider's prefix is kept as written.
 */
function healthCheckModel(route: PatternRoute, provider: Provider): string | undefined | null {
  if (route.health_check_model === null) return null;
  const glob = compileGlob(route.pattern);
  const chosen = route.health_check_model ?? provider.models.find((m) => globMatches(glob, m.name))?.name;
  if (chosen === undefined) return undefined;
  const prefix = modelPrefix(provider);
  return prefix === "" || chosen.startsWith(`${prefix}/`) ? chosen : withPrefix(prefix, chosen);
}

function buildWildcards(
  mappings: ModelMappingsFile,
  providers: Readonly<Record<string, Provider>>,
  findings: Findings,
  checks: ProviderChecks,
): Planned[] {
  const entries: Planned[] = [];
  (mappings.patterns ?? []).forEach((route, index) => {
    const path: YamlPath = ["patterns", index];
    if (route.pattern.includes("?")) {
      findings.add(
        "SY4003",
        "error",
        `Pattern '${route.pattern}' uses '?', which LiteLLM wildcards cannot express`,
        { kind: "model-mappings", path: [...path, "pattern"] },
        { hint: "Use `*` only; LiteLLM matches `?` literally." },
      );
      return;
    }
    const deployment: PlannedDeployment = {
      providerId: route.provider,
      model: route.model ?? route.pattern,
      extras: route,
      path,
    };
    const provider = lookupProvider(providers, deployment, findings);
    if (!provider) return;
    if (provider.status === "disabled") {
      findings.add(
        "SY4010",
        "info",
        `Pattern route '${route.pattern}' skipped: provider '${route.provider}' is disabled`,
        { kind: "model-mappings", path: [...path, "provider"] },
        { hint: `Set \`status: active\` on providers.${route.provider} to route to it again.` },
      );
      return;
    }
    checks.once(route.provider, provider);
    const check = healthCheckModel(route, provider);
    if (check === undefined && route.model_info?.health_check_model === undefined) {
      findings.add(
        "SY4042",
        "warning",
        `Wildcard route '${route.pattern}' has no health_check_model and none of ${route.provider}'s models matches it`,
        { kind: "model-mappings", path },
        { hint: "Set `health_check_model` to a model the provider serves." },
      );
    }
    const entry: Unkeyed = {
      model_name: route.pattern,
      litellm_params: {
        ...addressModel(route.provider, provider, deployment.model),
        ...providerParams(provider),
      },
      model_info: typeof check === "string" ? { health_check_model: check } : {},
    };
    entries.push({
      entry: applyExtras(entry, route),
      providerId: route.provider,
      model: deployment.model,
      id: route.id,
    });
  });
  return entries;
}

/**
 * Build `model_list`: concrete entries (exact matches and load-balancing deployments) sorted by
 * public name, each group's deployments in their listed order, then wildcard entries in the order
 * of `patterns`. Deployments of disabled providers are skipped with a note. Each deployment's
 * `model_info.id` is its own `id:`, else a generated one, or none with `generateIds: false` (LiteLLM
 * then hashes one from the deployment's parameters).
 */
export function buildModelList(
  mappings: ModelMappingsFile,
  providers: Readonly<Record<string, Provider>>,
  findings: Findings,
  takenIds: Iterable<string> = [],
  options: { readonly generateIds?: boolean } = {},
): ModelList {
  const checks = new ProviderChecks(findings);
  const concrete = buildConcrete(mappings, providers, findings, checks);
  const wildcardEntries = buildWildcards(mappings, providers, findings, checks);
  const planned = [...concrete.entries, ...wildcardEntries];
  const ids = assignIds(
    planned.map((p, index) => ({
      modelName: p.entry.model_name,
      providerId: p.providerId,
      model: p.model,
      wildcard: index >= concrete.entries.length,
      ...(p.id !== undefined ? { fixed: p.id } : {}),
    })),
    takenIds,
  );
  const generateIds = options.generateIds ?? true;
  const entries = planned.map(
    ({ entry, id }, index): ModelListEntry => ({
      ...entry,
      model_info:
        id !== undefined || generateIds ? { id: ids[index]!, ...entry.model_info } : { ...entry.model_info },
    }),
  );
  return {
    entries,
    groups: concrete.groups,
    wildcards: wildcardEntries.map((p) => p.entry.model_name),
    weightedGroups: concrete.weightedGroups,
    origins: planned.map((p) => ({ providerId: p.providerId, model: p.model })),
  };
}
