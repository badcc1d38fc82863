import type { Diagnostic, YamlPath } from "../diagnostics/diagnostic.js";
import { ENV_REFERENCE_PATTERN } from "../schemas/common.js";
import type { ConfigFileKind } from "../schemas/files.js";
import { credentialPaths, detectSecret, redactSecret } from "../secrets/index.js";
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

/**
 * Warnings the schema alone cannot express: literal secrets (SY1040), `${VAR}` references that
 * LiteLLM does not expand (SY1041), and duplicate model names within one provider (SY1037).
 */
export function lintFile(kind: ConfigFileKind, source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
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
      out.push({
        code: "SY1041",
        severity: "warning",
        message: `'${value}' is not expanded by LiteLLM`,
        file,
        path,
        ...(range ? { range } : {}),
        hint: `Write \`os.environ/${name}\`: LiteLLM only resolves environment references in that form.`,
        suggestion: `os.environ/${name}`,
      });
      continue;
    }
    if (value.startsWith("os.environ/")) {
      out.push({
        code: "SY1041",
        severity: "warning",
        message: `Environment reference with an invalid variable name (os.environ/${redactSecret(value.slice("os.environ/".length))})`,
        file,
        path,
        ...(range ? { range } : {}),
        hint: "After `os.environ/` write a variable name: letters, digits and `_`, not starting with a digit.",
      });
      continue;
    }
    // Documented dummy values (`EMPTY`, `sk-no-key-required`) and placeholders are not secrets.
    if (detectSecret(String(path[path.length - 1]), value) === undefined) continue;
    out.push({
      code: "SY1040",
      severity: "warning",
      message: `Literal secret in ${path[path.length - 1]} (${redactSecret(value)}); it should be an environment reference`,
      file,
      path,
      ...(range ? { range } : {}),
      hint: `Move the value into an environment variable and write \`os.environ/${kind === "providers" ? envName : "NAME"}\`; rotate the key if this file was ever shared.`,
    });
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
        out.push({
          code: "SY1037",
          severity: "error",
          message: `Model '${name}' is listed twice in provider '${id}'`,
          file,
          path,
          ...(range ? { range } : {}),
          hint: "Remove the second entry.",
          related: [{ message: "first listed here", file, ...(firstRange ? { range: firstRange } : {}) }],
        });
      });
    }
  }
  return out;
}
