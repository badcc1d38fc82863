import type { Diagnostic, YamlPath } from "@switchyard/config-schema";
import type { LoadedPassthrough } from "../passthrough.js";
import type { ModelListEntry } from "./model-list.js";
import { copyRecord, deepEqual, isPlainRecord, setOwn } from "./records.js";

/** Lists combined (generated entries first, then the passthrough's others) instead of replaced. */
const COMBINED_LISTS = new Set(["callbacks", "success_callback", "failure_callback"]);

/** Where a generated deployment came from in the sources. */
export interface EntryOrigin {
  readonly providerId: string;
  /** The provider's model name, or the pattern route's model template. */
  readonly model: string;
}

/** The generated sections before the passthrough is applied. */
export interface GeneratedSections {
  readonly entries: readonly ModelListEntry[];
  readonly origins: readonly EntryOrigin[];
  readonly routerSettings: Readonly<Record<string, unknown>>;
  readonly litellmSettings: Readonly<Record<string, unknown>>;
  readonly generalSettings: Readonly<Record<string, unknown>>;
}

/** The sections with the passthrough merged in, ready to be emitted. */
export interface MergedSections {
  readonly modelList: readonly Record<string, unknown>[];
  readonly routerSettings: Record<string, unknown>;
  readonly litellmSettings: Record<string, unknown>;
  readonly generalSettings: Record<string, unknown>;
  readonly environmentVariables?: Record<string, string>;
  readonly notes: readonly Diagnostic[];
  readonly errors: readonly Diagnostic[];
}

class MergeFindings {
  readonly notes: Diagnostic[] = [];
  readonly errors: Diagnostic[] = [];
  constructor(private readonly passthrough: LoadedPassthrough) {}

  private at(path: YamlPath, part: "key" | "value" = "key") {
    const range = this.passthrough.source.rangeOf(path, part);
    return { file: this.passthrough.file, ...(range ? { range } : {}), path };
  }

  overridden(path: YamlPath): void {
    this.notes.push({
      code: "SY4051",
      severity: "info",
      message: `${path.join(".")} in ${this.passthrough.file} is ignored: the sources generate this key`,
      ...this.at(path),
      hint: "Remove it from the passthrough file, or change the source files (or generation options) that produce it.",
    });
  }

  unmatched(path: YamlPath, name: string, provider: string, model: string): void {
    this.notes.push({
      code: "SY4052",
      severity: "warning",
      message: `Passthrough extras for '${name}' (provider '${provider}', model '${model}') match no generated deployment and are not applied`,
      ...this.at(path, "value"),
      hint: "Update model_name, provider and model to the deployment's current names, or remove the entry.",
    });
  }

  duplicateId(path: YamlPath, id: string): void {
    this.errors.push({
      code: "SY4050",
      severity: "error",
      message: `${this.passthrough.file}: model_list deployment id '${id}' is already used by another deployment or model_name`,
      ...this.at(path, "value"),
      hint: "Give the verbatim deployment a unique model_info.id (never equal to a model_name), or remove its id.",
    });
  }
}

/**
 * Merge `extra` into a copy of `generated`: keys the generation lacks are added (in the
 * passthrough's order, after the generated keys), nested maps are merged key by key, callback
 * lists are combined, and a key both set differently keeps the generated value (noted as SY4051).
 */
function mergeRecord(
  generated: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>>,
  path: YamlPath,
  findings: MergeFindings,
): Record<string, unknown> {
  const out = copyRecord(generated);
  for (const key of Object.keys(extra)) {
    const mine = out[key];
    const theirs = extra[key];
    if (!Object.hasOwn(out, key)) {
      setOwn(out, key, theirs);
    } else if (isPlainRecord(mine) && isPlainRecord(theirs)) {
      setOwn(out, key, mergeRecord(mine, theirs, [...path, key], findings));
    } else if (COMBINED_LISTS.has(key) && Array.isArray(mine) && Array.isArray(theirs)) {
      setOwn(out, key, [...mine, ...theirs.filter((item) => !mine.some((m) => deepEqual(m, item)))]);
    } else if (!deepEqual(mine, theirs)) {
      findings.overridden([...path, key]);
    }
  }
  return out;
}

/** `router_settings.fallbacks`: passthrough entries are added for groups the generation has no fallbacks for. */
function mergeFallbacks(generated: unknown, extra: unknown, findings: MergeFindings): unknown {
  if (!Array.isArray(extra)) return generated;
  const out: unknown[] = Array.isArray(generated) ? [...generated] : [];
  const keys = new Set(out.flatMap((entry) => (isPlainRecord(entry) ? Object.keys(entry) : [])));
  extra.forEach((entry: unknown, index) => {
    if (!isPlainRecord(entry)) return;
    const fresh: Record<string, unknown> = {};
    for (const key of Object.keys(entry)) {
      if (keys.has(key)) {
        const existing = out.find((e) => isPlainRecord(e) && Object.hasOwn(e, key)) as Record<
          string,
          unknown
        >;
        if (!deepEqual(existing[key], entry[key]))
          findings.overridden(["router_settings", "fallbacks", index, key]);
        continue;
      }
      setOwn(fresh, key, entry[key]);
      keys.add(key);
    }
    if (Object.keys(fresh).length > 0) out.push(fresh);
  });
  return out;
}

function mergeRouterSettings(
  generated: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>> | undefined,
  findings: MergeFindings,
): Record<string, unknown> {
  if (extra === undefined) return copyRecord(generated);
  const { fallbacks, ...rest } = extra;
  const out = mergeRecord(generated, rest, ["router_settings"], findings);
  if (fallbacks !== undefined) {
    const merged = mergeFallbacks(generated.fallbacks, fallbacks, findings);
    if (Array.isArray(merged) && merged.length > 0) setOwn(out, "fallbacks", merged);
  }
  return out;
}

function mergeDeployments(
  sections: GeneratedSections,
  passthrough: LoadedPassthrough,
  findings: MergeFindings,
): Record<string, unknown>[] {
  const extras = passthrough.data.deployments ?? [];
  const used = new Set<number>();
  const modelList = sections.entries.map((entry, index) => {
    const origin = sections.origins[index]!;
    let params: Record<string, unknown> = copyRecord(entry.litellm_params);
    let info: Record<string, unknown> = copyRecord(entry.model_info);
    extras.forEach((extra, extraIndex) => {
      if (
        extra.model_name !== entry.model_name ||
        extra.provider !== origin.providerId ||
        extra.model !== origin.model
      )
        return;
      used.add(extraIndex);
      const path: YamlPath = ["deployments", extraIndex];
      if (extra.litellm_params)
        params = mergeRecord(params, extra.litellm_params, [...path, "litellm_params"], findings);
      if (extra.model_info) info = mergeRecord(info, extra.model_info, [...path, "model_info"], findings);
    });
    return { model_name: entry.model_name, litellm_params: params, model_info: info };
  });
  extras.forEach((extra, index) => {
    if (!used.has(index))
      findings.unmatched(["deployments", index], extra.model_name, extra.provider, extra.model);
  });
  const taken = new Set<string>([
    ...sections.entries.map((e) => e.model_info.id),
    ...sections.entries.map((e) => e.model_name),
  ]);
  (passthrough.data.model_list ?? []).forEach((raw, index) => {
    const info = raw.model_info;
    const id = isPlainRecord(info) && typeof info.id === "string" ? info.id : undefined;
    if (id !== undefined && taken.has(id))
      findings.duplicateId(["model_list", index, "model_info", "id"], id);
    if (id !== undefined) taken.add(id);
    modelList.push(copyRecord(raw) as (typeof modelList)[number]);
  });
  return modelList;
}

/**
 * Apply a passthrough file to the generated sections. What the sources generate wins; every key
 * the passthrough sets differently is noted (SY4051), extras matching no deployment are noted
 * (SY4052), and a verbatim deployment whose id collides is an error (SY4050).
 */
export function applyPassthrough(
  sections: GeneratedSections,
  passthrough: LoadedPassthrough,
): MergedSections {
  const findings = new MergeFindings(passthrough);
  const data = passthrough.data;
  const modelList = mergeDeployments(sections, passthrough, findings);
  const routerSettings = mergeRouterSettings(sections.routerSettings, data.router_settings, findings);
  const litellmSettings = data.litellm_settings
    ? mergeRecord(sections.litellmSettings, data.litellm_settings, ["litellm_settings"], findings)
    : copyRecord(sections.litellmSettings);
  const generalSettings = data.general_settings
    ? mergeRecord(sections.generalSettings, data.general_settings, ["general_settings"], findings)
    : copyRecord(sections.generalSettings);
  const env = data.environment_variables;
  return {
    modelList,
    routerSettings,
    litellmSettings,
    generalSettings,
    ...(env !== undefined && Object.keys(env).length > 0
      ? { environmentVariables: copyRecord(env) as Record<string, string> }
      : {}),
    notes: findings.notes,
    errors: findings.errors,
  };
}
