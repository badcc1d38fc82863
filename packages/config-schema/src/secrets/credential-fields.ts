import type { YamlPath } from "../diagnostics/diagnostic.js";
import type { ConfigFileKind } from "../schemas/files.js";

/**
 * Whether a path is a field whose whole purpose is to hold a credential: a provider's `api_key`,
 * a deployment's `litellm_params.api_key`, the proxy's `master_key` and `database_url`, and the Redis
 * passwords of the cache and the router. These are always to be written as `os.environ/NAME`
 * (SY1040 in validation, SY5103 in the audit).
 */
export function isCredentialField(kind: ConfigFileKind, path: YamlPath): boolean {
  const last = path[path.length - 1];
  if (kind === "providers") return path.length === 3 && path[0] === "providers" && last === "api_key";
  if (kind !== "litellm") return false;
  if (path.length === 4 && path[0] === "model_list" && path[2] === "litellm_params" && last === "api_key")
    return true;
  if (path.length === 2 && path[0] === "general_settings")
    return last === "master_key" || last === "database_url";
  if (path.length === 2 && path[0] === "router_settings" && last === "redis_password") return true;
  return (
    path.length === 3 && path[0] === "litellm_settings" && path[1] === "cache_params" && last === "password"
  );
}

function entries(value: unknown): [string, unknown][] {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : [];
}

/** The credential fields ({@link isCredentialField}) a file of `kind` may hold, given its data. */
export function credentialPaths(kind: ConfigFileKind, data: unknown): YamlPath[] {
  const paths: YamlPath[] = [];
  const root = (data ?? {}) as Record<string, unknown>;
  if (kind === "providers") {
    for (const [id] of entries(root.providers)) paths.push(["providers", id, "api_key"]);
  } else if (kind === "litellm") {
    const list = Array.isArray(root.model_list) ? root.model_list : [];
    for (let i = 0; i < list.length; i++) paths.push(["model_list", i, "litellm_params", "api_key"]);
    paths.push(["general_settings", "master_key"], ["general_settings", "database_url"]);
    paths.push(["litellm_settings", "cache_params", "password"], ["router_settings", "redis_password"]);
  }
  return paths;
}
