import {
  detectSecret,
  findSecretsInValue,
  LiteLLMModelInfoSchema,
  LiteLLMParamsSchema,
  redactSecrets,
  type YamlPath,
} from "@switchyard/config-schema";
import { isPlainRecord, setOwn } from "../internal/records.js";
import type { ImportLog } from "./log.js";
import { envNameOf, type SecretNames } from "./secrets.js";
import type { Place } from "./source.js";

interface FieldSchema {
  safeParse(value: unknown): { success: boolean };
}

const PARAM_FIELDS = LiteLLMParamsSchema.shape as unknown as Readonly<Record<string, FieldSchema>>;
const INFO_FIELDS = LiteLLMModelInfoSchema.shape as unknown as Readonly<Record<string, FieldSchema>>;

/** The Switchyard schema's check of one known key of a LiteLLM section, if it checks that key. */
export function fieldSchema(section: "litellm_params" | "model_info", key: string): FieldSchema | undefined {
  const fields = section === "litellm_params" ? PARAM_FIELDS : INFO_FIELDS;
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
}

/** Where a value sits, for messages and locations. */
export interface ValuePlace {
  readonly place: Place;
  /** Dotted name in messages, e.g. `litellm_params.aws_secret_access_key`. */
  readonly label: string;
}

/** A value for an import message: secrets in it redacted. */
export function shownValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return redactSecrets(text, findSecretsInValue(text));
}

/**
 * Replace every literal secret in a value (config-schema's `detectSecret`: a secret-named key,
 * a provider key format, a `Bearer` header value, a URL password, a `?token=` parameter) by an
 * `os.environ/NAME` reference, reporting the variable to set (SY4214). Mappings and lists are walked,
 * so a header map (`extra_headers: {Authorization: Bearer …}`) is covered. Returns the value to carry.
 */
export function referenceSecret(
  key: string,
  value: unknown,
  where: ValuePlace,
  secrets: SecretNames,
  log: ImportLog,
  preferredName: string = envNameOf(key),
): unknown {
  if (isPlainRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const inner of Object.keys(value)) {
      const path: YamlPath = [...where.place.path, inner];
      setOwn(
        out,
        inner,
        referenceSecret(
          inner,
          value[inner],
          { place: { ...where.place, path }, label: `${where.label}.${inner}` },
          secrets,
          log,
          `${preferredName}_${envNameOf(inner)}`,
        ),
      );
    }
    return out;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      referenceSecret(
        key,
        item,
        {
          place: { ...where.place, path: [...where.place.path, index] },
          label: `${where.label}[${index}]`,
        },
        secrets,
        log,
        `${preferredName}_${index + 1}`,
      ),
    );
  }
  if (typeof value !== "string" || detectSecret(key, value) === undefined) return value;
  const name = secrets.claim(preferredName, value);
  log.lossy(
    "SY4214",
    `The literal ${where.label} is imported as os.environ/${name}; the secret is not copied`,
    where.place,
    `Export ${name} with the value from the original file where LiteLLM runs (and rotate it if the file was shared).`,
  );
  return `os.environ/${name}`;
}

/**
 * Keys of one deployment section that Switchyard does not model, ready for the passthrough file:
 * literal secrets become references, and values the LiteLLM schema refuses are dropped (SY4215).
 */
export function carryExtras(
  section: "litellm_params" | "model_info",
  extras: Readonly<Record<string, unknown>>,
  place: Place,
  secrets: SecretNames,
  log: ImportLog,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(extras)) {
    const path: YamlPath = [...place.path, section, key];
    const value = referenceSecret(
      key,
      extras[key],
      { place: { ...place, path }, label: `${section}.${key}` },
      secrets,
      log,
    );
    const schema = fieldSchema(section, key);
    if (schema && !schema.safeParse(value).success) {
      log.lossy(
        "SY4215",
        `${section}.${key} (${shownValue(value)}) is not carried: Switchyard's LiteLLM schema refuses the value`,
        { ...place, path },
        `Fix the value (see the ${section} reference of LiteLLM) and add it to litellm-passthrough.yaml.`,
      );
      continue;
    }
    setOwn(out, key, value);
  }
  return out;
}
