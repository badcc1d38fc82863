import { findSecretsInValue, redactSecrets } from "@switchyard/config-schema/secrets";

/**
 * Replace every secret recognised by its shape (provider keys, private keys, bearer tokens, URL
 * passwords, `?token=`) in a text with its redacted form: a safety net for messages.
 */
export function scrubSecrets(text: string): string {
  // Tens of thousands of findings share a few remediation texts: each is scanned once.
  let scrubbed = scrubbedTexts.get(text);
  if (scrubbed === undefined) {
    scrubbed = redactSecrets(text, findSecretsInValue(text));
    if (scrubbedTexts.size >= 256) scrubbedTexts.clear();
    if (text.length < 4096) scrubbedTexts.set(text, scrubbed);
  }
  return scrubbed;
}

const scrubbedTexts = new Map<string, string>();
