import { type Diagnostic, sortDiagnostics } from "@switchyard/config-schema/diagnostics";
import { type ConfigSet, loadConfigText } from "@switchyard/config-schema/load";
import { generatorDiagnostic } from "../catalogue.js";
import { generateLiteLLMConfig } from "../generate.js";
import { readYaml11 } from "../internal/read-yaml11.js";
import { isPlainRecord } from "../internal/records.js";
import { PASSTHROUGH_FILE, parsePassthrough } from "../passthrough.js";
import type { GenerationResult } from "../types.js";
import type { ImportedFiles } from "./import.js";
import type { MergedConfig } from "./includes.js";
import type { ImportLog } from "./log.js";
import { compareRoundTrip, type ImportNormalisation, type RoundTripDifference } from "./round-trip.js";

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

/** A bare generation (no options, as `switchyard generate` runs) from imported files held in memory. */
export function generateFromImport(files: ImportedFiles): GenerationResult {
  const passthroughText = files[PASSTHROUGH_FILE];
  const parsed = passthroughText !== undefined ? parsePassthrough(passthroughText) : undefined;
  if (parsed && !parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  return generateLiteLLMConfig(importedConfigSet(files, "/nonexistent/switchyard-import"), {
    passthrough: parsed?.ok && parsed.passthrough ? parsed.passthrough : false,
  });
}

/** Generated text as LiteLLM reads it (YAML 1.1), as plain data, or why it cannot be read. */
export function readGenerated(text: string): ReturnType<typeof readYaml11> {
  return readYaml11(text, -1);
}

/** The LiteLLM config as LiteLLM sees it (its includes merged), as plain data. */
export function originalData(merged: MergedConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, section] of merged.sections) out[key] = section.value;
  return out;
}

/**
 * The round-trip check of an import: generate from the imported files as a bare `switchyard
 * generate` would, and compare the result with the input as LiteLLM reads both (see
 * `compareRoundTrip`), allowing exactly the import's listed normalisations. The verdict is SY4222:
 * a note when the input is reproduced, a lossy warning listing the differences otherwise, an error
 * when the imported files do not generate at all. Returns the differences.
 */
export function verifyImport(
  files: ImportedFiles,
  merged: MergedConfig,
  normalisations: readonly ImportNormalisation[],
  log: ImportLog,
): readonly RoundTripDifference[] {
  const generation = generateFromImport(files);
  if (!generation.ok) {
    const problems = generation.diagnostics;
    log.lossyFindings.push(
      generatorDiagnostic("SY4222", {
        severity: "error",
        message: `The imported files do not generate a LiteLLM config: ${problems.find((d) => d.severity === "error")?.message ?? problems[0]?.message ?? "unknown error"}`,
        hint: "This is a bug in Switchyard's importer: please report it with the diagnostics and your (redacted) LiteLLM config.",
        related: problems.map((d) => ({
          message: `${d.code} ${d.message}`,
          ...(d.file ? { file: d.file } : {}),
          ...(d.range ? { range: d.range } : {}),
        })),
      }),
    );
    return [];
  }
  const original = originalData(merged);
  const generated = readGenerated(generation.text);
  if (!generated.ok) {
    log.lossyFindings.push(
      generatorDiagnostic("SY4222", {
        severity: "error",
        message: `The text generated from the imported files does not read back as YAML 1.1: ${generated.problem}`,
        hint: "This is a bug in Switchyard's importer: please report it with the diagnostics and your (redacted) LiteLLM config.",
      }),
    );
    return [];
  }
  const differences = compareRoundTrip(original, generated.data, normalisations);
  const deployments = Array.isArray(original.model_list) ? original.model_list.length : 0;
  const sections = Object.keys(original).filter((k) => k !== "model_list").length;
  // Each normalisation by its own kind: an empty section left out is no secret (nor is a comment).
  const count = (...kinds: ImportNormalisation["kind"][]) =>
    normalisations.filter((n) => kinds.includes(n.kind)).length;
  const secrets = count("secret-reference", "secret-dropped");
  const ids = count("generated-id");
  const empty = count("empty-section");
  const listed = [
    ...(secrets > 0 ? [`${secrets} secret(s) read from the environment`] : []),
    ...(ids > 0 ? [`${ids} generated id(s)`] : []),
    ...(empty > 0 ? [`${empty} empty section(s) left out`] : []),
  ];
  if (differences.length === 0) {
    log.notes.push(
      generatorDiagnostic("SY4222", {
        message: `Generating from the imported files reproduces the input exactly: ${deployments} deployment(s) and ${sections} other section(s), compared as LiteLLM reads them${listed.length > 0 ? `, apart from the listed normalisations (${listed.join(", ")})` : ""}`,
      }),
    );
    return differences;
  }
  const diagnostic: Diagnostic = generatorDiagnostic("SY4222", {
    severity: "warning",
    message: `Generating from the imported files does not reproduce the input: ${differences.length} difference(s), e.g. ${differences[0]!.message}`,
    hint: "Please report it: an import should reproduce every LiteLLM config. The related entries list each difference.",
    related: differences.slice(0, 20).map((d) => ({ message: `${d.kind}: ${d.message}` })),
  });
  log.lossyFindings.push(diagnostic);
  return differences;
}

/** `model_info.id` of each generated deployment, by model group, in order. */
export function generatedIds(text: string): Map<string, string[]> {
  const read = readGenerated(text);
  const data = read.ok ? read.data : undefined;
  const out = new Map<string, string[]>();
  const list = isPlainRecord(data) && Array.isArray(data.model_list) ? data.model_list : [];
  for (const entry of list) {
    if (!isPlainRecord(entry) || typeof entry.model_name !== "string") continue;
    const info = entry.model_info;
    const id = isPlainRecord(info) && info.id !== undefined ? String(info.id) : "";
    const ids = out.get(entry.model_name);
    if (ids) ids.push(id);
    else out.set(entry.model_name, [id]);
  }
  return out;
}
