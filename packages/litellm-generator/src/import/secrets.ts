import { ENV_REFERENCE_PATTERN, sha256 } from "@switchyard/config-schema";

/** Keys whose value is a secret: `api_key`, `*_secret`, `password`, `aws_secret_access_key`, `database_url`, ... */
const SECRET_KEY =
  /(^|_)(api_key|key|secret|password|passwd|token|credentials?|access_key|private_key|master_key|database_url|connection_string)$/i;
/** Environment variable names that hold secrets. */
const SECRET_ENV = /(KEY|SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIALS?)$|SECRET|DATABASE_URL/;

/** Whether a config key holds a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Whether an environment variable name looks like it holds a secret. */
export function isSecretEnvName(name: string): boolean {
  return SECRET_ENV.test(name.toUpperCase());
}

/** A value written into the file itself rather than as an `os.environ/NAME` reference. */
export function isLiteralSecret(value: unknown): value is string | number {
  if (typeof value === "number") return true;
  return typeof value === "string" && value !== "" && !ENV_REFERENCE_PATTERN.test(value);
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
