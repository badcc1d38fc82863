import { findKnownSecrets, mayContainKnownSecret, redact } from "./secrets.js";

/** Replace every known-format secret in a text with its redacted form (a safety net for messages). */
export function scrubSecrets(text: string): string {
  if (!mayContainKnownSecret(text)) return text;
  let out = "";
  let last = 0;
  for (const match of findKnownSecrets(text)) {
    out += text.slice(last, match.index) + redact(match.text);
    last = match.index + match.text.length;
  }
  return out + text.slice(last);
}
