import { type Diagnostic, sortDiagnostics } from "@switchyard/config-schema/diagnostics";
import type { ConfigSet } from "@switchyard/config-schema/load";
import { plural, sha256 } from "@switchyard/config-schema/text";
import { generatorDiagnostic } from "./catalogue.js";
import { renderHeader } from "./header.js";
import { buildFallbacks } from "./internal/fallbacks.js";
import { buildModelList } from "./internal/model-list.js";
import { Findings } from "./internal/notes.js";
import {
  applyPassthrough,
  type GeneratedSections,
  type MergedSections,
} from "./internal/passthrough-merge.js";
import { isPlainRecord } from "./internal/records.js";
import {
  buildGeneralSettings,
  buildLiteLLMSettings,
  buildRouterSettings,
  effectiveGateway,
} from "./internal/settings.js";
import { validateOutput } from "./internal/validate-output.js";
import { stringifyForPyYaml } from "./internal/yaml11.js";
import { type PassthroughResult, readPassthrough } from "./passthrough.js";
import { sourcesHash } from "./sources.js";
import type { GenerateOptions, GenerationResult } from "./types.js";

/** The generated file's name inside a config directory. */
export const DEFAULT_OUTPUT_FILE = "litellm-unified.yaml";

function optionErrors(options: GenerateOptions): Diagnostic[] {
  const problems: string[] = [];
  if (options.masterKeyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.masterKeyEnv)) {
    problems.push(`masterKeyEnv '${options.masterKeyEnv}' is not an environment variable name`);
  }
  if (options.cacheNamespace !== undefined && options.cacheNamespace.trim() === "")
    problems.push("cacheNamespace is empty");
  if (options.redisService !== undefined && options.redisService.trim() === "")
    problems.push("redisService is empty");
  return problems.map((message) =>
    generatorDiagnostic("SY4006", {
      message: `Invalid generation option: ${message}`,
      hint: "Pass a valid value; see `switchyard explain SY4006`.",
    }),
  );
}

/**
 * Errors that block generation: every error of the set except those in the generated file itself,
 * which generating replaces.
 */
function blockingErrors(set: ConfigSet): Diagnostic[] {
  const output = set.files.litellm?.file;
  return set.diagnostics.filter((d) => d.severity === "error" && (output === undefined || d.file !== output));
}

/** The refusal to generate from a set with errors: SY4001, then the errors. */
export function refusal(set: ConfigSet, errors: readonly Diagnostic[], reason: string): GenerationResult {
  return {
    ok: false,
    diagnostics: [
      generatorDiagnostic("SY4001", {
        message: `No LiteLLM config generated from ${set.dir}: ${reason}`,
        hint: "Run `switchyard validate` and fix the errors it lists.",
      }),
      ...errors,
    ],
  };
}

function passthroughOf(set: ConfigSet, options: GenerateOptions): PassthroughResult {
  if (options.passthrough === false) return { ok: true, passthrough: undefined };
  return options.passthrough === undefined
    ? readPassthrough(set)
    : { ok: true, passthrough: options.passthrough };
}

/**
 * The output's top-level sections, keys in emission order. An empty settings section is left out,
 * unless the passthrough carries it empty (as the imported LiteLLM config wrote it): then it is
 * written as it was (`null` or `{}`).
 */
function outputData(merged: MergedSections): Record<string, unknown> {
  const section = (name: string, value: Record<string, unknown> | undefined) =>
    value !== undefined && Object.keys(value).length > 0
      ? { [name]: value }
      : Object.hasOwn(merged.emptySections, name)
        ? { [name]: merged.emptySections[name] }
        : {};
  return {
    model_list: merged.modelList,
    ...section("router_settings", merged.routerSettings),
    ...section("litellm_settings", merged.litellmSettings),
    ...section("general_settings", merged.generalSettings),
    ...section("environment_variables", merged.environmentVariables),
    ...merged.sections,
  };
}

/** The ids of the passthrough's verbatim deployments, which generated ids must not take. */
function verbatimIds(passthrough: PassthroughResult & { ok: true }): string[] {
  return (passthrough.passthrough?.data.model_list ?? []).flatMap((entry) => {
    const info = entry.model_info;
    return isPlainRecord(info) && (typeof info.id === "string" || typeof info.id === "number")
      ? [String(info.id)]
      : [];
  });
}

/**
 * Generate the LiteLLM proxy config for a config set: deterministic text (the same set and options
 * always give byte-identical output) with a header recording the generator, the LiteLLM version it
 * targets and the hashes of the sources and the body. The result is validated against
 * `LiteLLMConfigSchema` before it is returned. Never throws: a set with errors, a dangling
 * provider reference or an invalid output give `{ ok: false, diagnostics }`.
 *
 * `<set.dir>/litellm-passthrough.yaml`, when it exists, is merged in (see `options.passthrough`):
 * what the sources generate wins, the passthrough adds what they do not model.
 */
export function generateLiteLLMConfig(set: ConfigSet, options: GenerateOptions = {}): GenerationResult {
  const invalidOptions = optionErrors(options);
  if (invalidOptions.length > 0) return { ok: false, diagnostics: invalidOptions };
  const blocking = blockingErrors(set);
  if (blocking.length > 0)
    return refusal(set, blocking, `the config set has ${plural(blocking.length, "error")}`);
  const providers = set.files.providers?.value;
  const mappings = set.files["model-mappings"]?.value;
  if (!providers || !mappings) {
    return refusal(set, [], `${providers ? "model-mappings.yaml" : "providers.yaml"} is missing or empty`);
  }
  const read = passthroughOf(set, options);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  const passthrough = read.passthrough;
  const findings = new Findings(set);
  const gateway = effectiveGateway(mappings.gateway, options);
  const modelList = buildModelList(mappings, providers.providers, findings, verbatimIds(read), {
    generateIds: mappings.gateway?.deployment_ids !== "litellm",
  });
  const verbatimNames = (read.passthrough?.data.model_list ?? []).flatMap((e) =>
    typeof e.model_name === "string" ? [e.model_name] : [],
  );
  const fallbacks = buildFallbacks(mappings, modelList.groups, modelList.wildcards, findings, {
    groups: new Set(verbatimNames.filter((n) => !n.includes("*"))),
    wildcards: verbatimNames.filter((n) => n.includes("*")),
  });
  const routerSettings = buildRouterSettings(mappings, fallbacks, modelList.weightedGroups, findings);
  const litellmSettings = buildLiteLLMSettings(set.files.ports?.value, gateway, findings);
  if (findings.errors.length > 0) return { ok: false, diagnostics: sortDiagnostics(findings.errors) };
  const sections: GeneratedSections = {
    entries: modelList.entries,
    origins: modelList.origins,
    routerSettings,
    litellmSettings,
    generalSettings: buildGeneralSettings(gateway),
  };
  const merged = applyPassthrough(sections, passthrough);
  if (merged.errors.length > 0) return { ok: false, diagnostics: sortDiagnostics(merged.errors) };
  const data = outputData(merged);
  const notes = [...findings.notes, ...merged.notes];
  const body = `\n${stringifyForPyYaml(data)}`;
  const bodyHash = sha256(body);
  const hash = sourcesHash(set, passthrough?.text);
  const text = `${renderHeader(hash, bodyHash)}${body}`;

  const validated = validateOutput(text, options.outputFile ?? DEFAULT_OUTPUT_FILE, data);
  if (!validated.ok) return validated;
  const config = validated.config;
  return {
    ok: true,
    text,
    body,
    config,
    notes: sortDiagnostics(notes),
    overrides: gateway.overrides,
    sourcesHash: hash,
    bodyHash,
  };
}
