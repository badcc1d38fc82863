import type { Diagnostic, YamlPath } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { suggestName } from "../diagnostics/suggest.js";
import { ENV_REFERENCE_PATTERN } from "../schemas/common.js";
import type { ConfigFileKind } from "../schemas/files.js";
import { LITELLM_ROUTER_SETTINGS } from "../schemas/litellm.js";
import { credentialPaths } from "../secrets/credential-fields.js";
import { detectSecret, isEnvReferenceName } from "../secrets/detect.js";
import { redactSecret } from "../secrets/redact.js";
import type { YamlSource } from "../yaml/parse.js";

function entries(value: unknown): [string, unknown][] {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : [];
}

function get(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The name of a malformed reference as SY1043 shows it: as written (a name is no secret), unless a key was pasted there. */
function shownName(value: string, name: string): string {
  if (!isEnvReferenceName(value)) return redactSecret(name);
  return name.length > 40 ? `${name.slice(0, 37)}...` : name;
}

/**
 * SY1043: every `os.environ/` reference whose name no shell can export (`os.environ/per-provider`,
 * `os.environ/`): LiteLLM resolves such a reference to nothing, and then falls back to its own
 * default (for an `openai/` deployment, `OPENAI_API_KEY`, sent to whatever `api_base` says).
 */
function unexportableReferences(source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === "string") {
      if (!value.startsWith("os.environ/")) return;
      // ENV_REFERENCE_PATTERN's name is exactly what a POSIX shell can `export`.
      if (ENV_REFERENCE_PATTERN.test(value)) return;
      const name = value.slice("os.environ/".length);
      const range = source.rangeOf(path);
      out.push(
        schemaDiagnostic("SY1043", {
          message:
            name === ""
              ? "Environment reference without a variable name (os.environ/)"
              : `Environment reference to '${shownName(value, name)}', a name no shell can export`,
          file: source.file,
          path,
          ...(range ? { range } : {}),
          hint: "After `os.environ/` write a variable name: letters, digits and `_`, not starting with a digit (e.g. `os.environ/VLLM_QWEN_API_KEY`).",
        }),
      );
      return;
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) visit(value[index], [...path, index]);
    } else if (value !== null && typeof value === "object" && !(value instanceof Date))
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(source.data, []);
  return out;
}

const ROUTER_SETTINGS: readonly string[] = LITELLM_ROUTER_SETTINGS;

/** SY1044: `router_settings` keys that LiteLLM's Router does not take, and the proxy drops silently. */
function unknownRouterSettings(source: YamlSource): Diagnostic[] {
  const router = (source.data as Record<string, unknown> | null)?.router_settings;
  const out: Diagnostic[] = [];
  for (const [key] of entries(router)) {
    if (ROUTER_SETTINGS.includes(key)) continue;
    const suggestion = suggestName(key, ROUTER_SETTINGS);
    const path = ["router_settings", key];
    const range = source.rangeOf(path, "key");
    out.push(
      schemaDiagnostic("SY1044", {
        message: `router_settings.${key} is not a Router setting, so LiteLLM drops it${suggestion !== undefined ? ` — did you mean '${suggestion}'?` : ""}`,
        file: source.file,
        path,
        ...(range ? { range } : {}),
        hint:
          suggestion !== undefined
            ? `Rename it to \`${suggestion}\`.`
            : "Remove it, or move it where LiteLLM reads it (`litellm_settings`, `general_settings`).",
        ...(suggestion !== undefined ? { suggestion } : {}),
      }),
    );
  }
  return out;
}

/**
 * Findings the schema alone cannot express: literal secrets (SY1040), `${VAR}` references that
 * LiteLLM does not expand (SY1041), environment references no shell can export (SY1043, an error),
 * `router_settings` keys LiteLLM drops (SY1044) and duplicate model names within one provider (SY1037).
 */
export function lintFile(kind: ConfigFileKind, source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = unexportableReferences(source);
  if (kind === "litellm") for (const finding of unknownRouterSettings(source)) out.push(finding);
  const file = source.file;
  for (const path of credentialPaths(kind, source.data)) {
    const value = get(source.data, path);
    if (typeof value !== "string" || value === "" || ENV_REFERENCE_PATTERN.test(value)) continue;
    const range = source.rangeOf(path);
    const envName = `${String(path[1])
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "_")}_API_KEY`;
    const shellReference = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(value);
    if (shellReference) {
      const name = shellReference[1] ?? shellReference[2]!;
      out.push(
        schemaDiagnostic("SY1041", {
          message: `'${value}' is not expanded by LiteLLM`,
          file,
          path,
          ...(range ? { range } : {}),
          hint: `Write \`os.environ/${name}\`: LiteLLM only resolves environment references in that form.`,
          suggestion: `os.environ/${name}`,
        }),
      );
      continue;
    }
    // A malformed os.environ/ reference is SY1043, reported for every value above.
    if (value.startsWith("os.environ/")) continue;
    // Documented dummy values (`EMPTY`, `sk-no-key-required`) and placeholders are not secrets.
    if (detectSecret(String(path[path.length - 1]), value) === undefined) continue;
    out.push(
      schemaDiagnostic("SY1040", {
        message: `Literal secret in ${path[path.length - 1]} (${redactSecret(value)}); it should be an environment reference`,
        file,
        path,
        ...(range ? { range } : {}),
        hint: `Move the value into an environment variable and write \`os.environ/${kind === "providers" ? envName : "NAME"}\`; rotate the key if this file was ever shared.`,
      }),
    );
  }
  if (kind === "providers") {
    for (const [id, provider] of entries((source.data as Record<string, unknown>).providers)) {
      const models = (provider as Record<string, unknown> | null)?.models;
      if (!Array.isArray(models)) continue;
      const seen = new Map<string, number>();
      models.forEach((model, index) => {
        const name = (model as Record<string, unknown> | null)?.name;
        if (typeof name !== "string") return;
        const first = seen.get(name);
        if (first === undefined) {
          seen.set(name, index);
          return;
        }
        const path = ["providers", id, "models", index, "name"];
        const range = source.rangeOf(path);
        const firstRange = source.rangeOf(["providers", id, "models", first, "name"]);
        out.push(
          schemaDiagnostic("SY1037", {
            message: `Model '${name}' is listed twice in provider '${id}'`,
            file,
            path,
            ...(range ? { range } : {}),
            hint: "Remove the second entry.",
            related: [{ message: "first listed here", file, ...(firstRange ? { range: firstRange } : {}) }],
          }),
        );
      });
    }
  }
  return out;
}
