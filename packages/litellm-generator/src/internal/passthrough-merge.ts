import type { Diagnostic, YamlPath } from "@switchyard/config-schema/diagnostics";
import { generatorDiagnostic } from "../catalogue.js";
import { type LoadedPassthrough, SETTINGS_SECTIONS } from "../passthrough.js";
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
  readonly environmentVariables?: Record<string, unknown>;
  /**
   * Settings sections the passthrough carries with nothing in them (`null` or `{}`, as the LiteLLM
   * config had them): written as they are when the generation leaves that section empty.
   */
  readonly emptySections: Readonly<Record<string, null | Record<string, never>>>;
  /** Other top-level sections (`guardrails`, `credential_list`, ...), emitted as written. */
  readonly sections: Record<string, unknown>;
  readonly notes: readonly Diagnostic[];
  readonly errors: readonly Diagnostic[];
}

/** A generated entry as it is emitted: `model_name`, `litellm_params`, `model_info`, then its own keys. */
export function entryRecord(entry: ModelListEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {
    model_name: entry.model_name,
    litellm_params: copyRecord(entry.litellm_params),
    model_info: copyRecord(entry.model_info),
  };
  if (entry.entry !== undefined)
    for (const key of Object.keys(entry.entry))
      if (!Object.hasOwn(out, key)) setOwn(out, key, entry.entry[key]);
  return out;
}

class MergeFindings {
  readonly notes: Diagnostic[] = [];
  readonly errors: Diagnostic[] = [];
  constructor(private readonly passthrough: LoadedPassthrough | undefined) {}

  private at(path: YamlPath, part: "key" | "value" = "key") {
    if (this.passthrough === undefined) return {};
    const range = this.passthrough.source.rangeOf(path, part);
    return { file: this.passthrough.file, ...(range ? { range } : {}), path };
  }

  private get file(): string {
    return this.passthrough?.file ?? "litellm-passthrough.yaml";
  }

  overridden(path: YamlPath): void {
    this.notes.push(
      generatorDiagnostic("SY4051", {
        message: `${path.join(".")} in ${this.file} is ignored: the sources generate this key`,
        ...this.at(path),
        hint: "Remove it from the passthrough file, or change the source files (or generation options) that produce it.",
      }),
    );
  }

  unmatched(path: YamlPath, name: string, provider: string, model: string): void {
    this.notes.push(
      generatorDiagnostic("SY4052", {
        message: `Passthrough extras for '${name}' (provider '${provider}', model '${model}') match no generated deployment and are not applied`,
        ...this.at(path, "value"),
        hint: "Update model_name, provider and model to the deployment's current names, or remove the entry.",
      }),
    );
  }

  duplicateId(id: string, what: string): void {
    this.notes.push(
      generatorDiagnostic("SY4053", {
        message: `The deployment id '${id}' is ${what}; LiteLLM identifies deployments by id, so only one of them can be addressed by it`,
        hint: "Give each deployment a unique id (never equal to a model_name): `id:` in model-mappings.yaml, or model_info.id of a verbatim deployment in litellm-passthrough.yaml.",
      }),
    );
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

/**
 * `router_settings.fallbacks`: passthrough entries are added for groups the generation has no
 * fallbacks for. When the generation has none, the passthrough's list is kept exactly as written
 * (LiteLLM reads only the first key of each entry and the first entry of each key: an import
 * carries lists it cannot model this way).
 */
function mergeFallbacks(generated: unknown, extra: unknown, findings: MergeFindings): unknown {
  if (!Array.isArray(generated) || generated.length === 0) return extra;
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
  if (fallbacks !== undefined)
    setOwn(out, "fallbacks", mergeFallbacks(generated.fallbacks, fallbacks, findings));
  return out;
}

function mergeDeployments(
  sections: GeneratedSections,
  passthrough: LoadedPassthrough | undefined,
  findings: MergeFindings,
): Record<string, unknown>[] {
  const extras = passthrough?.data.deployments ?? [];
  const used = new Set<number>();
  const modelList = sections.entries.map((entry, index) => {
    const origin = sections.origins[index]!;
    const record = entryRecord(entry);
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
        record.litellm_params = mergeRecord(
          record.litellm_params as Record<string, unknown>,
          extra.litellm_params,
          [...path, "litellm_params"],
          findings,
        );
      if (extra.model_info)
        record.model_info = mergeRecord(
          record.model_info as Record<string, unknown>,
          extra.model_info,
          [...path, "model_info"],
          findings,
        );
    });
    // No id (`gateway.deployment_ids: litellm`) and nothing else: LiteLLM reads no model_info.
    if (isPlainRecord(record.model_info) && Object.keys(record.model_info).length === 0)
      delete record.model_info;
    return record;
  });
  extras.forEach((extra, index) => {
    if (!used.has(index))
      findings.unmatched(["deployments", index], extra.model_name, extra.provider, extra.model);
  });
  for (const raw of passthrough?.data.model_list ?? []) modelList.push(copyRecord(raw));
  const names = new Set(modelList.map((e) => e.model_name));
  const seen = new Set<string>();
  for (const entry of modelList) {
    const info = entry.model_info;
    const id = isPlainRecord(info) && info.id !== undefined && info.id !== null ? String(info.id) : undefined;
    if (id === undefined) continue;
    if (seen.has(id)) findings.duplicateId(id, "set on two deployments");
    else if (names.has(id)) findings.duplicateId(id, "also a model_name");
    seen.add(id);
  }
  return modelList;
}

/**
 * Apply a passthrough file (if any) to the generated sections. What the sources generate wins;
 * every key the passthrough sets differently is noted (SY4051), extras matching no deployment are
 * noted (SY4052), and an id two deployments share, or that is also a model_name, is a warning
 * (SY4053): it is carried as written, as LiteLLM reads it.
 */
export function applyPassthrough(
  sections: GeneratedSections,
  passthrough: LoadedPassthrough | undefined,
): MergedSections {
  const findings = new MergeFindings(passthrough);
  const data = passthrough?.data ?? {};
  const modelList = mergeDeployments(sections, passthrough, findings);
  const routerSettings = mergeRouterSettings(
    sections.routerSettings,
    data.router_settings ?? undefined,
    findings,
  );
  const litellmSettings = data.litellm_settings
    ? mergeRecord(sections.litellmSettings, data.litellm_settings, ["litellm_settings"], findings)
    : copyRecord(sections.litellmSettings);
  const generalSettings = data.general_settings
    ? mergeRecord(sections.generalSettings, data.general_settings, ["general_settings"], findings)
    : copyRecord(sections.generalSettings);
  const env = data.environment_variables;
  const emptySections: Record<string, null | Record<string, never>> = {};
  for (const name of SETTINGS_SECTIONS) {
    const value = data[name as keyof typeof data] as Record<string, unknown> | null | undefined;
    if (value === null) setOwn(emptySections, name, null);
    else if (value !== undefined && Object.keys(value).length === 0) setOwn(emptySections, name, {});
  }
  return {
    modelList,
    routerSettings,
    litellmSettings,
    generalSettings,
    ...(env !== undefined && env !== null && Object.keys(env).length > 0
      ? { environmentVariables: copyRecord(env) }
      : {}),
    emptySections,
    sections: copyRecord(data.sections ?? {}),
    notes: findings.notes,
    errors: findings.errors,
  };
}
