import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import type { LoadedFile } from "@switchyard/config-schema/load";
import { hasSecretKeyword, isCredentialField } from "@switchyard/config-schema/secrets";
import { walkStrings } from "./data.js";

/** One string value worth a closer look by the security checks. */
export interface IndexedString {
  readonly path: YamlPath;
  /** The map key the value sits under (`undefined` for a list item). */
  readonly key: string | undefined;
  readonly value: string;
  /** Under a secret-like key, or an entry of LiteLLM's `environment_variables`. */
  readonly secretKey: boolean;
  /** A credential field (`api_key`, `master_key`, Redis passwords). */
  readonly credential: boolean;
  /** Contains `://`. */
  readonly url: boolean;
}

const cache = new WeakMap<LoadedFile, readonly IndexedString[]>();

/**
 * The strings of a file that any security check may care about, found in one walk and kept per
 * file: a 20 000-model set is walked once, not once per check.
 */
export function interestingStrings(file: LoadedFile): readonly IndexedString[] {
  const cached = cache.get(file);
  if (cached) return cached;
  const out: IndexedString[] = [];
  walkStrings(file.data, (path, value) => {
    const last = path[path.length - 1];
    const key = typeof last === "string" ? last : undefined;
    const envVar = file.kind === "litellm" && path.length === 2 && path[0] === "environment_variables";
    const secretKey = envVar || (key !== undefined && hasSecretKeyword(key));
    const credential = key !== undefined && isCredentialField(file.kind, path);
    const url = value.includes("://");
    if (secretKey || credential || url) out.push({ path: [...path], key, value, secretKey, credential, url });
  });
  cache.set(file, out);
  return out;
}
