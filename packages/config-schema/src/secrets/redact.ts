import { findSecretSpans } from "./detect.js";
import type { SecretSpan } from "./formats.js";

/** Secrets at least this long show their first four characters (a provider prefix such as `sk-p`). */
const PREFIX_MIN_LENGTH = 16;

/**
 * A secret shown safely: `sk-p…**** (51 chars)` for a long key (its first four characters say which
 * provider it is without weakening it), `**** (7 chars)` for a short one, `BEGIN RSA PRIVATE KEY block`
 * for a PEM block. The one redaction of Switchyard: messages, code frames, reports and logs use it.
 */
export function redactSecret(secret: string): string {
  const pem = /^-----BEGIN ([A-Z0-9 ]+?)-----/.exec(secret);
  if (pem) return `BEGIN ${pem[1]} block`;
  const length = [...secret].length;
  if (length < PREFIX_MIN_LENGTH) return `**** (${length} chars)`;
  return `${[...secret].slice(0, 4).join("")}…**** (${length} chars)`;
}

/**
 * `text` with every secret span replaced by its {@link redactSecret} form. The spans default to
 * {@link findSecretSpans}; pass the spans of a value from `detectSecret` to redact exactly those.
 */
export function redactSecrets(text: string, spans: readonly SecretSpan[] = findSecretSpans(text)): string {
  if (spans.length === 0) return text;
  let out = "";
  let last = 0;
  for (const span of spans) {
    if (span.start < last) continue;
    out += text.slice(last, span.start) + redactSecret(text.slice(span.start, span.end));
    last = span.end;
  }
  return out + text.slice(last);
}
