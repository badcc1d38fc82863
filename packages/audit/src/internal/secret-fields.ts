import type { ConfigFileKind, YamlPath } from "@switchyard/config-schema";

/**
 * Whether a path is a field whose whole purpose is to hold a credential (SY5103): a provider's
 * `api_key`, a deployment's `litellm_params.api_key`, the proxy's `master_key`, and Redis passwords.
 */
export function isCredentialField(kind: ConfigFileKind, path: YamlPath): boolean {
  const last = path[path.length - 1];
  if (kind === "providers") return path.length === 3 && path[0] === "providers" && last === "api_key";
  if (kind !== "litellm") return false;
  if (path.length === 4 && path[0] === "model_list" && path[2] === "litellm_params" && last === "api_key")
    return true;
  if (path.length === 2 && path[0] === "general_settings" && last === "master_key") return true;
  if (path.length === 2 && path[0] === "router_settings" && last === "redis_password") return true;
  return (
    path.length === 3 && path[0] === "litellm_settings" && path[1] === "cache_params" && last === "password"
  );
}
