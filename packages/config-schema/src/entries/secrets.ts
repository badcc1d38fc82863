/**
 * `@switchyard/config-schema/secrets`: secret detection and redaction, the one home for "is this a
 * secret?" and "show it safely".
 *
 * - {@link detectSecret}`(key, value)`: the detector for structured data (a key and its value).
 * - {@link findSecretSpans}`(text)`: every secret span in a text (a file, a line, a message).
 * - {@link findSecretsInValue}`(value)`: secrets recognised by shape alone.
 * - {@link isSecretKey}, {@link hasSecretKeyword}, {@link isPlaceholder}: the rules they combine.
 * - {@link redactSecret}`(secret)` and {@link redactSecrets}`(text)`: the one redaction.
 * - {@link isCredentialField}: the fields that exist to hold a credential.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export { credentialPaths, isCredentialField } from "../secrets/credential-fields.js";
export type { DetectOptions, SecretVerdict } from "../secrets/detect.js";
export { detectSecret, findSecretSpans, findSecretsInValue, isEnvReferenceName } from "../secrets/detect.js";
export type { EntropyThresholds } from "../secrets/entropy.js";
export { DEFAULT_ENTROPY_THRESHOLDS, isHighEntropy, shannonEntropy } from "../secrets/entropy.js";
export type { SecretFormat, SecretKind, SecretSpan } from "../secrets/formats.js";
export { mayContainKnownFormat, SECRET_FORMATS } from "../secrets/formats.js";
export { hasSecretKeyword, isSecretKey, normalizeKeyName } from "../secrets/key-names.js";
export { isPlaceholder } from "../secrets/placeholders.js";
export { redactSecret, redactSecrets } from "../secrets/redact.js";
