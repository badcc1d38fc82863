import { entriesOf, field, listOf, numberField, stringField } from "@switchyard/config-schema/data";
import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import type { LoadedFile } from "@switchyard/config-schema/load";

/** One public model name of model-mappings.yaml (an exact match or a load-balancing group). */
export interface PublicModel {
  readonly name: string;
  readonly kind: "exact" | "group";
  readonly path: YamlPath;
  /** Deployments behind the name (1 for an exact match). */
  readonly deployments: number;
  readonly providers: readonly string[];
  /** Its own `fallbacks` list or a `fallback_chains` entry, non-empty. */
  readonly hasFallbacks: boolean;
  readonly rpm?: number;
  readonly tpm?: number;
}

function nonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

const publicModelCache = new WeakMap<LoadedFile, readonly PublicModel[]>();

/** The public models of a parsed model-mappings file (computed once per file). */
export function publicModels(file: LoadedFile<"model-mappings">): readonly PublicModel[] {
  const cached = publicModelCache.get(file);
  if (cached) return cached;
  const data = file.data;
  const chains = field(data, "fallback_chains");
  const out: PublicModel[] = [];
  for (const [name, route] of entriesOf(field(data, "exact_matches"))) {
    const provider = stringField(route, "provider");
    const rpm = numberField(route, "rpm");
    const tpm = numberField(route, "tpm");
    out.push({
      name,
      kind: "exact",
      path: ["exact_matches", name],
      deployments: 1,
      providers: provider !== undefined ? [provider] : [],
      hasFallbacks: nonEmptyList(field(route, "fallbacks")) || nonEmptyList(field(chains, name)),
      ...(rpm !== undefined ? { rpm } : {}),
      ...(tpm !== undefined ? { tpm } : {}),
    });
  }
  for (const [name, group] of entriesOf(field(data, "load_balancing"))) {
    const deployments = listOf(field(group, "deployments"));
    out.push({
      name,
      kind: "group",
      path: ["load_balancing", name],
      deployments: deployments.length,
      providers: deployments
        .map((d) => stringField(d, "provider"))
        .filter((p): p is string => p !== undefined),
      hasFallbacks: nonEmptyList(field(group, "fallbacks")) || nonEmptyList(field(chains, name)),
    });
  }
  publicModelCache.set(file, out);
  return out;
}

/** How many other public models list each name as a fallback (inline lists and chains). */
export function fallbackTargetCounts(file: LoadedFile<"model-mappings">): Map<string, number> {
  const data = file.data;
  const sources = new Map<string, Set<string>>();
  const add = (from: string, targets: unknown): void => {
    for (const target of listOf(targets)) {
      if (typeof target !== "string" || target === from) continue;
      const set = sources.get(target) ?? new Set<string>();
      set.add(from);
      sources.set(target, set);
    }
  };
  for (const [name, route] of entriesOf(field(data, "exact_matches"))) add(name, field(route, "fallbacks"));
  for (const [name, group] of entriesOf(field(data, "load_balancing"))) add(name, field(group, "fallbacks"));
  for (const [name, chain] of entriesOf(field(data, "fallback_chains"))) add(name, chain);
  return new Map([...sources].map(([target, from]) => [target, from.size]));
}

/** One model group of the LiteLLM file: the deployments sharing a `model_name`. */
export interface LiteLLMGroup {
  readonly name: string;
  /** Indexes into `model_list`. */
  readonly indexes: readonly number[];
}

/** The model groups of a parsed LiteLLM file, wildcard routes excluded. */
export function litellmGroups(file: LoadedFile<"litellm">): LiteLLMGroup[] {
  const groups = new Map<string, number[]>();
  listOf(field(file.data, "model_list")).forEach((deployment, index) => {
    const name = stringField(deployment, "model_name");
    if (name === undefined || name.includes("*")) return;
    const list = groups.get(name);
    if (list) list.push(index);
    else groups.set(name, [index]);
  });
  return [...groups].map(([name, indexes]) => ({ name, indexes }));
}

/** The group names that have fallbacks in `router_settings.fallbacks` (or all, with `default_fallbacks`). */
export function litellmFallbackKeys(file: LoadedFile<"litellm">): {
  readonly keys: Set<string>;
  readonly hasDefault: boolean;
} {
  const router = field(file.data, "router_settings");
  const keys = new Set<string>();
  for (const entry of listOf(field(router, "fallbacks"))) {
    for (const [name, targets] of entriesOf(entry)) if (nonEmptyList(targets)) keys.add(name);
  }
  return { keys, hasDefault: nonEmptyList(field(router, "default_fallbacks")) };
}
