/**
 * Test support: build config sets from inline texts (not exported from the package).
 */
import { sortDiagnostics } from "@switchyard/config-schema/diagnostics";
import { type ConfigSet, type LoadedFile, loadConfigText } from "@switchyard/config-schema/load";
import { CONFIG_FILES, type ConfigFileKind } from "@switchyard/config-schema/schemas";
import { loadSettingsText } from "@switchyard/config-schema/suppressions";
import { type ValidateOptions, type ValidationReport, validateConfigSet } from "./validate.js";

/** Remove the common indentation of a template literal and its first empty line. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw
    .replace(/^\n/, "")
    .replace(/\n\s*$/, "\n")
    .split("\n");
  const indent = lines
    .filter((l) => l.trim() !== "")
    .reduce((least, l) => Math.min(least, l.length - l.trimStart().length), Number.POSITIVE_INFINITY);
  return lines.map((l) => l.slice(indent)).join("\n");
}

/** The directory the inline sets pretend to live in (it does not exist, so no settings file is read). */
export const TEST_DIR = "/nonexistent/switchyard-test/config";

/** A config set from inline file texts; files show as `config/<name>`. */
export function configSet(texts: Partial<Record<ConfigFileKind, string>>): ConfigSet {
  const files: Partial<Record<ConfigFileKind, LoadedFile>> = {};
  for (const [kind, text] of Object.entries(texts) as [ConfigFileKind, string][]) {
    files[kind] = loadConfigText(kind, text, `config/${CONFIG_FILES[kind].fileName}`);
  }
  return {
    dir: TEST_DIR,
    files: files as ConfigSet["files"],
    diagnostics: sortDiagnostics(Object.values(files).flatMap((f) => f?.diagnostics ?? [])),
  };
}

/** Validate inline texts, optionally with the text of a `.switchyard.yaml`. */
export function check(
  texts: Partial<Record<ConfigFileKind, string>>,
  options: ValidateOptions & { settingsText?: string } = {},
): ValidationReport {
  const { settingsText, ...rest } = options;
  const settings =
    settingsText !== undefined
      ? loadSettingsText(settingsText, "config/.switchyard.yaml", { configDir: "config" })
      : false;
  return validateConfigSet(configSet(texts), { settings, ...rest });
}

/** `file:line:col code message` lines, the shape most assertions compare. */
export function lines(report: ValidationReport): string[] {
  return report.diagnostics.map(
    (d) =>
      `${d.file ?? "-"}:${d.range?.start.line ?? 0}:${d.range?.start.column ?? 0} ${d.severity} ${d.code} ${d.message}`,
  );
}

/** The related locations of a diagnostic as `file:line:col message`. */
export function relatedLines(report: ValidationReport, code: string): string[] {
  return report.diagnostics
    .filter((d) => d.code === code)
    .flatMap((d) => d.related ?? [])
    .map((r) => `${r.file ?? "-"}:${r.range?.start.line ?? 0}:${r.range?.start.column ?? 0} ${r.message}`);
}

/** A small valid config set every rule test starts from. */
export const base = {
  providers: yaml`
    schema_version: "2.0.0"
    providers:
      ollama:
        type: ollama
        base_url: http://127.0.0.1:11434
        models:
          - name: llama3.1:8b
          - name: qwen2.5:7b
      vllm:
        type: vllm
        base_url: http://127.0.0.1:8001/v1
        models:
          - name: qwen-coder
      openai:
        type: openai
        base_url: https://api.openai.com/v1
        api_key: os.environ/OPENAI_API_KEY
        models:
          - name: gpt-4o
          - name: gpt-4o-mini
  `,
  "model-mappings": yaml`
    schema_version: "2.0.0"
    exact_matches:
      local-chat:
        provider: ollama
        model: llama3.1:8b
        fallbacks: [gpt-4o]
      gpt-4o:
        provider: openai
      coder:
        provider: vllm
        model: qwen-coder
    patterns:
      - pattern: "qwen*"
        provider: ollama
        model: "qwen*"
  `,
  ports: yaml`
    schema_version: "2.0.0"
    services:
      ollama:
        port: 11434
        providers: [ollama]
      vllm:
        port: 8001
        providers: [vllm]
      litellm:
        port: 4000
        depends_on: [ollama, vllm]
  `,
} as const;
