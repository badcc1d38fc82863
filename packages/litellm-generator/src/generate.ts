import { type ConfigSet, type Diagnostic, sha256, sortDiagnostics } from "@switchyard/config-schema";
import { renderHeader } from "./header.js";
import { buildFallbacks } from "./internal/fallbacks.js";
import { buildModelList } from "./internal/model-list.js";
import { Findings } from "./internal/notes.js";
import {
  applyPassthrough,
  type GeneratedSections,
  type MergedSections,
} from "./internal/passthrough-merge.js";
import { buildGeneralSettings, buildLiteLLMSettings, buildRouterSettings } from "./internal/settings.js";
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
  return problems.map((message) => ({
    code: "SY4006",
    severity: "error",
    message: `Invalid generation option: ${message}`,
    hint: "Pass a valid value; see `switchyard explain SY4006`.",
  }));
}

/**
 * Errors that block generation: every error of the set except those in the generated file itself,
 * which generating replaces.
 */
function blockingErrors(set: ConfigSet): Diagnostic[] {
  const output = set.files.litellm?.file;
  return set.diagnostics.filter((d) => d.severity === "error" && (output === undefined || d.file !== output));
}

function refuse(set: ConfigSet, errors: readonly Diagnostic[], reason: string): GenerationResult {
  return {
    ok: false,
    diagnostics: [
      {
        code: "SY4001",
        severity: "error",
        message: `No LiteLLM config generated from ${set.dir}: ${reason}`,
        hint: "Run `switchyard validate` and fix the errors it lists.",
      },
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

/** The output's top-level sections, keys in emission order. */
function generatedData(sections: GeneratedSections): Record<string, unknown> {
  return {
    model_list: sections.entries,
    ...(Object.keys(sections.routerSettings).length > 0 ? { router_settings: sections.routerSettings } : {}),
    litellm_settings: sections.litellmSettings,
    general_settings: sections.generalSettings,
  };
}

function mergedData(merged: MergedSections): Record<string, unknown> {
  return {
    model_list: merged.modelList,
    ...(Object.keys(merged.routerSettings).length > 0 ? { router_settings: merged.routerSettings } : {}),
    litellm_settings: merged.litellmSettings,
    general_settings: merged.generalSettings,
    ...(merged.environmentVariables ? { environment_variables: merged.environmentVariables } : {}),
  };
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
  if (blocking.length > 0) return refuse(set, blocking, `the config set has ${blocking.length} error(s)`);
  const providers = set.files.providers?.value;
  const mappings = set.files["model-mappings"]?.value;
  if (!providers || !mappings) {
    return refuse(set, [], `${providers ? "model-mappings.yaml" : "providers.yaml"} is missing or empty`);
  }
  const read = passthroughOf(set, options);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  const passthrough = read.passthrough;
  const findings = new Findings(set);
  const modelList = buildModelList(mappings, providers.providers, findings);
  const fallbacks = buildFallbacks(mappings, modelList.groups, modelList.wildcards, findings);
  const routerSettings = buildRouterSettings(mappings, fallbacks, modelList.weightedGroups, findings);
  const litellmSettings = buildLiteLLMSettings(set.files.ports?.value, options, findings);
  if (findings.errors.length > 0) return { ok: false, diagnostics: sortDiagnostics(findings.errors) };
  const sections: GeneratedSections = {
    entries: modelList.entries,
    origins: modelList.origins,
    routerSettings,
    litellmSettings,
    generalSettings: buildGeneralSettings(options),
  };
  const merged = passthrough ? applyPassthrough(sections, passthrough) : undefined;
  if (merged && merged.errors.length > 0) return { ok: false, diagnostics: sortDiagnostics(merged.errors) };
  const data = merged ? mergedData(merged) : generatedData(sections);
  const notes = [...findings.notes, ...(merged?.notes ?? [])];
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
    sourcesHash: hash,
    bodyHash,
  };
}
