import { sha256 } from "@switchyard/config-schema";

// Whether a value is a secret is decided by config-schema's detector (`detectSecret`); this module
// only names the environment variables that imported secrets move to.

/** A key in upper snake case, usable as an environment variable name (`api-key` → `API_KEY`). */
export function envNameOf(key: string): string {
  const name = key
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}

/**
 * Hands out environment variable names for literal secrets: the same secret always gets the same
 * name, and a name already holding another secret gets a numbered variant (`OPENAI_API_KEY_2`).
 * Only a hash of each secret is kept.
 */
export class SecretNames {
  private readonly owners = new Map<string, string>();
  private readonly byValue = new Map<string, string>();

  /** The variable to hold `value`, preferring `preferred`. */
  claim(preferred: string, value: string | number): string {
    const fingerprint = sha256(String(value));
    const known = this.byValue.get(`${preferred}\0${fingerprint}`);
    if (known !== undefined) return known;
    let name = preferred;
    for (let n = 2; this.owners.has(name) && this.owners.get(name) !== fingerprint; n++)
      name = `${preferred}_${n}`;
    this.owners.set(name, fingerprint);
    this.byValue.set(`${preferred}\0${fingerprint}`, name);
    return name;
  }

  /** Reserve a name that an `os.environ/NAME` reference in the input already uses. */
  reserve(name: string): void {
    if (!this.owners.has(name)) this.owners.set(name, `reference:${name}`);
  }
}
