/**
 * Secret detection and redaction: the one home for "is this a secret?" and "show it safely".
 *
 * - {@link detectSecret}`(key, value)`: the detector for structured data (a key and its value).
 * - {@link findSecretSpans}`(text)`: every secret span in a text (a file, a line, a message).
 * - {@link findSecretsInValue}`(value)`: secrets recognised by shape alone.
 * - {@link isSecretKey}, {@link hasSecretKeyword}, {@link isPlaceholder}: the rules they combine.
 * - {@link redactSecret}`(secret)` and {@link redactSecrets}`(text)`: the one redaction.
 * - {@link isCredentialField}: the fields that exist to hold a credential.
 */
export { credentialPaths, isCredentialField } from "./credential-fields.js";
export type { DetectOptions, SecretVerdict } from "./detect.js";
export { detectSecret, findSecretSpans, findSecretsInValue } from "./detect.js";
export type { EntropyThresholds } from "./entropy.js";
export { DEFAULT_ENTROPY_THRESHOLDS, isHighEntropy, shannonEntropy } from "./entropy.js";
export type { SecretFormat, SecretKind, SecretSpan } from "./formats.js";
export { mayContainKnownFormat, SECRET_FORMATS } from "./formats.js";
export { hasSecretKeyword, isSecretKey, normalizeKeyName } from "./key-names.js";
export { isPlaceholder } from "./placeholders.js";
export { redactSecret, redactSecrets } from "./redact.js";
