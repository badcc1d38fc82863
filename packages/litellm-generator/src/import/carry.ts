import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import { findSecretsInValue, redactSecrets } from "@switchyard/config-schema/secrets";
import { isPlainRecord, setOwn } from "../internal/records.js";
import type { ImportLog } from "./log.js";
import type { ImportNormalisation } from "./round-trip.js";
import { envNameOf, isLiteralSecret, isSecretEnvironmentVariable, type SecretNames } from "./secrets.js";
import type { Place } from "./source.js";

/** A value for an import message, secrets in it redacted. */
export function shownValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return redactSecrets(text, findSecretsInValue(text));
}

/** Where a value sits: in the file that holds it (for diagnostics) and in the merged config (for the round trip). */
export interface Where {
  readonly place: Place;
  /** The path in the config as LiteLLM sees it, its `include:` files merged. */
  readonly path: YamlPath;
}

/** The place of a child of `where`. */
export function child(where: Where, key: string | number): Where {
  return { place: { ...where.place, path: [...where.place.path, key] }, path: [...where.path, key] };
}

/**
 * Carries values from the LiteLLM config into the imported files unchanged, except that every
 * literal secret becomes an `os.environ/NAME` reference (reported as SY4214 and recorded as a
 * normalisation, so the round trip knows to expect it). One literal gets one name everywhere.
 */
export class Carrier {
  readonly normalisations: ImportNormalisation[] = [];

  constructor(
    private readonly secrets: SecretNames,
    private readonly log: ImportLog,
  ) {}

  /** A literal secret replaced by a reference to `preferredEnv` (or the name the literal already has). */
  reference(value: string, where: Where, label: string, preferredEnv: string): string {
    const name = this.secrets.claim(preferredEnv, value);
    this.normalisations.push({ kind: "secret-reference", path: where.path, env: name });
    this.log.lossy(
      "SY4214",
      `The literal ${label} is imported as os.environ/${name}; the secret is not copied`,
      where.place,
      `Export ${name} with the value from the original file where LiteLLM runs (and rotate it if the file was shared).`,
    );
    return `os.environ/${name}`;
  }

  /** Another place holding the same literal, replaced by the same reference (reported once). */
  alsoReferenced(where: Where, reference: string): void {
    this.normalisations.push({
      kind: "secret-reference",
      path: where.path,
      env: reference.slice("os.environ/".length),
    });
  }

  /**
   * `value` as the imported files carry it: maps and lists copied with every literal secret (by
   * key name and value shape, see `isLiteralSecret`) replaced by a reference. `key` is the key the
   * value sits under; `preferredEnv` the variable name to use for it if it is a secret.
   */
  value(value: unknown, key: string | undefined, where: Where, preferredEnv?: string): unknown {
    if (key !== undefined && isLiteralSecret(key, value))
      return this.reference(value, where, where.path.join("."), preferredEnv ?? envNameOf(key));
    if (Array.isArray(value)) return value.map((item, index) => this.value(item, key, child(where, index)));
    if (isPlainRecord(value)) return this.map(value, where);
    return value;
  }

  /** A map carried key by key (see {@link value}). */
  map(value: Readonly<Record<string, unknown>>, where: Where): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(value))
      setOwn(out, name, this.value(value[name], name, child(where, name)));
    return out;
  }

  /**
   * `environment_variables`, carried as written except secret variables, which are left out
   * (a variable cannot be set from a reference to itself): exporting them restores the meaning.
   */
  environment(value: Readonly<Record<string, unknown>>, where: Where): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(value)) {
      const item = value[name];
      const at = child(where, name);
      if (isSecretEnvironmentVariable(name, item)) {
        this.normalisations.push({ kind: "secret-dropped", path: at.path, env: name });
        this.log.lossy(
          "SY4214",
          `environment_variables.${name} holds a literal secret; it is not copied`,
          at.place,
          `Export ${name} where LiteLLM runs instead of writing it into the config.`,
        );
        continue;
      }
      setOwn(out, name, this.value(item, name, at));
    }
    return out;
  }
}
