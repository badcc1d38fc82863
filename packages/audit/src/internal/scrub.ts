import { findSecretsInValue, redactSecrets } from "@switchyard/config-schema";

/**
 * Replace every secret recognised by its shape (provider keys, private keys, bearer tokens, URL
 * passwords, `?token=`) in a text with its redacted form: a safety net for messages.
 */
export function scrubSecrets(text: string): string {
  return redactSecrets(text, findSecretsInValue(text));
}
