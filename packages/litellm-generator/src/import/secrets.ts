import { ENV_REFERENCE_PATTERN } from "@switchyard/config-schema/schemas";
import { detectSecret } from "@switchyard/config-schema/secrets";
import { sha256 } from "@switchyard/config-schema/text";

// Whether a value is a secret is decided by config-schema's one detector (`detectSecret`: the key's
// name, then the value's shape; numbers, booleans and placeholders never are). This module only
// names the environment variables that imported secrets move to.

/**
 * Whether `value`, found under the config key `key`, is a secret written in the file itself (not an
 * `os.environ/NAME` reference), by config-schema's detector.
 */
export function isLiteralSecret(key: string | undefined, value: unknown): value is string {
  return (
    typeof value === "string" && !ENV_REFERENCE_PATTERN.test(value) && detectSecret(key, value) !== undefined
  );
}

/** Whether an `environment_variables` entry holds a secret (the variable's name and the value's shape). */
export function isSecretEnvironmentVariable(name: string, value: unknown): value is string {
  return isLiteralSecret(name, value);
}

/** A key in upper snake case, usable as an environment variable name (`api-key` → `API_KEY`). */
export function envNameOf(key: string): string {
  const name = key
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}

/**
 * Hands out environment variable names for literal secrets: one literal gets one name wherever it
 * appears, and a name already holding another secret (or used by an `os.environ/` reference of
 * the input) gets a numbered variant (`OPENAI_API_KEY_2`). Only a hash of each secret is kept.
 */
export class SecretNames {
  private readonly owners = new Map<string, string>();
  private readonly byValue = new Map<string, string>();

  /** The variable to hold `value`, preferring `preferred` when the literal has no name yet. */
  claim(preferred: string, value: string): string {
    const fingerprint = sha256(value);
    const known = this.byValue.get(fingerprint);
    if (known !== undefined) return known;
    let name = preferred;
    for (let n = 2; this.owners.has(name) && this.owners.get(name) !== fingerprint; n++)
      name = `${preferred}_${n}`;
    this.owners.set(name, fingerprint);
    this.byValue.set(fingerprint, name);
    return name;
  }

  /** Reserve a name that an `os.environ/NAME` reference in the input already uses. */
  reserve(name: string): void {
    if (!this.owners.has(name)) this.owners.set(name, `reference:${name}`);
  }
}
