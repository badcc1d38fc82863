import type { YamlPath } from "../diagnostics/diagnostic.js";

/** `["providers", "ollama", "models", 0, "name"]` → `providers.ollama.models[0].name`. */
export function formatYamlPath(path: YamlPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(top level)" : out;
}
