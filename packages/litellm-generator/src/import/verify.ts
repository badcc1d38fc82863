import { type ConfigSet, type Diagnostic, loadConfigText, sortDiagnostics } from "@switchyard/config-schema";
import { generateLiteLLMConfig } from "../generate.js";
import { isPlainRecord } from "../internal/records.js";
import { PASSTHROUGH_FILE, parsePassthrough } from "../passthrough.js";
import type { ImportedFiles } from "./import.js";
import type { MergedConfig } from "./includes.js";
import type { ImportLog } from "./log.js";
import type { ImportedGenerateOptions } from "./settings.js";

/** Imported file texts loaded as a config set in memory. */
export function importedConfigSet(files: ImportedFiles, dir: string): ConfigSet {
  const providers = loadConfigText("providers", files["providers.yaml"], "providers.yaml");
  const mappings = loadConfigText("model-mappings", files["model-mappings.yaml"], "model-mappings.yaml");
  const portsText = files["ports.yaml"];
  const ports = portsText !== undefined ? loadConfigText("ports", portsText, "ports.yaml") : undefined;
  return {
    dir,
    files: { providers, "model-mappings": mappings, ...(ports ? { ports } : {}) },
    diagnostics: sortDiagnostics([
      ...providers.diagnostics,
      ...mappings.diagnostics,
      ...(ports?.diagnostics ?? []),
    ]),
  };
}

/** `model_name`, model and api_base of each deployment, as comparable keys. */
function addresses(entries: readonly unknown[]): string[] {
  return entries.flatMap((entry) => {
    if (!isPlainRecord(entry) || typeof entry.model_name !== "string" || !isPlainRecord(entry.litellm_params))
      return [];
    const params = entry.litellm_params;
    if (typeof params.model !== "string") return [];
    return [JSON.stringify([entry.model_name, params.model, params.api_base ?? null])];
  });
}

/** LiteLLM's fallbacks as `key → targets` (the first entry for a key wins, as in LiteLLM). */
function fallbackMap(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    if (!isPlainRecord(entry)) continue;
    for (const key of Object.keys(entry)) if (!out.has(key)) out.set(key, JSON.stringify(entry[key]));
  }
  return out;
}

function countShared(a: readonly string[], b: readonly string[]): number {
  const left = new Map<string, number>();
  for (const item of a) left.set(item, (left.get(item) ?? 0) + 1);
  let shared = 0;
  for (const item of b) {
    const n = left.get(item) ?? 0;
    if (n > 0) {
      shared++;
      left.set(item, n - 1);
    }
  }
  return shared;
}

/**
 * The round-trip check of an import: generate from the imported files (with the passthrough and
 * the generation options the import asks for) and compare the deployments (model_name, model,
 * api_base) and fallbacks with the input. The verdict is SY4222: a note when everything is
 * reproduced, a lossy warning otherwise (the differences themselves are reported by other codes).
 */
export function verifyImport(
  files: ImportedFiles,
  options: ImportedGenerateOptions,
  merged: MergedConfig,
  log: ImportLog,
): void {
  const passthroughText = files[PASSTHROUGH_FILE];
  const parsed = passthroughText !== undefined ? parsePassthrough(passthroughText) : undefined;
  const diagnostics: Diagnostic[] = [];
  if (parsed && !parsed.ok) for (const item of parsed.diagnostics) diagnostics.push(item);
  const generation =
    diagnostics.length === 0
      ? generateLiteLLMConfig(importedConfigSet(files, "/nonexistent/switchyard-import"), {
          ...options,
          passthrough: parsed?.ok && parsed.passthrough ? parsed.passthrough : false,
        })
      : undefined;
  if (!generation?.ok) {
    const problems = generation && !generation.ok ? generation.diagnostics : diagnostics;
    log.lossyFindings.push({
      code: "SY4222",
      severity: "error",
      message: `The imported files do not generate a LiteLLM config: ${problems[0]?.message ?? "unknown error"}`,
      hint: "This is a bug in Switchyard's importer: please report it with the diagnostics and your (redacted) LiteLLM config.",
      related: problems.map((d) => ({
        message: `${d.code} ${d.message}`,
        ...(d.file ? { file: d.file } : {}),
        ...(d.range ? { range: d.range } : {}),
      })),
    });
    return;
  }
  const original = addresses(merged.entries.map((e) => e.value));
  const generated = addresses(generation.config.model_list);
  const same = countShared(original, generated);
  const router = merged.sections.get("router_settings")?.value;
  const before = fallbackMap(isPlainRecord(router) ? router.fallbacks : undefined);
  const after = fallbackMap(generation.config.router_settings?.fallbacks);
  const sameFallbacks = [...before].filter(([key, targets]) => after.get(key) === targets).length;
  const exact =
    same === original.length &&
    generated.length === original.length &&
    sameFallbacks === before.size &&
    after.size === before.size;
  const message = `Generating from the imported files reproduces ${same} of ${original.length} deployments exactly (model_name, model, api_base)${generated.length !== same ? `, with ${generated.length - same} that differ` : ""}, and ${sameFallbacks} of ${before.size} fallback entries`;
  const diagnostic: Diagnostic = {
    code: "SY4222",
    severity: exact ? "info" : "warning",
    message,
    ...(exact ? {} : { hint: "The other lossy findings say what differs and why." }),
  };
  (exact ? log.notes : log.lossyFindings).push(diagnostic);
}
