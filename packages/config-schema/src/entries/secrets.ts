/**
 * `@switchyard/config-schema/secrets`: the one secret detector (key name and value shape) and the one
 * redaction.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export { credentialPaths, isCredentialField } from "../secrets/credential-fields.js";
export type { DetectOptions, SecretVerdict } from "../secrets/detect.js";
export { detectSecret, findSecretSpans, findSecretsInValue } from "../secrets/detect.js";
export type { EntropyThresholds } from "../secrets/entropy.js";
export { DEFAULT_ENTROPY_THRESHOLDS, isHighEntropy, shannonEntropy } from "../secrets/entropy.js";
export type { SecretFormat, SecretKind, SecretSpan } from "../secrets/formats.js";
export { mayContainKnownFormat, SECRET_FORMATS } from "../secrets/formats.js";
export { hasSecretKeyword, isSecretKey, normalizeKeyName } from "../secrets/key-names.js";
export { isPlaceholder } from "../secrets/placeholders.js";
export { redactSecret, redactSecrets } from "../secrets/redact.js";
