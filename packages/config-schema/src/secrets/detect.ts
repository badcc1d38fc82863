import { DEFAULT_ENTROPY_THRESHOLDS, type EntropyThresholds, isHighEntropy } from "./entropy.js";
import { mayContainKnownFormat, SECRET_FORMATS, type SecretSpan } from "./formats.js";
import { hasSecretKeyword, isSecretKey } from "./key-names.js";
import { isPlaceholder } from "./placeholders.js";

/** Options of the detectors. */
export interface DetectOptions {
  /** Limits of the keyword + entropy rule (default {@link DEFAULT_ENTROPY_THRESHOLDS}). */
  readonly thresholds?: EntropyThresholds;
}

const BEARER = /\b(?:Bearer|Basic)[ \t]+([A-Za-z0-9._~+/-]{8,}=*)/g;
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>]*:([^\s/?#@"'<>]+)@/gi;
const QUERY_PARAM = /[?&]([A-Za-z0-9_.-]{1,64})=([^&#\s"'<>]+)/g;

function overlaps(taken: readonly SecretSpan[], start: number, end: number): boolean {
  return taken.some((s) => start < s.end && end > s.start);
}

/** Every known-format secret (provider keys, private keys, webhook URLs) in a text, placeholders excluded. */
function knownFormats(text: string, out: SecretSpan[]): void {
  if (!mayContainKnownFormat(text)) return;
  for (const format of SECRET_FORMATS) {
    format.pattern.lastIndex = 0;
    for (const match of text.matchAll(format.pattern)) {
      const secret = match.groups?.secret;
      const start = secret === undefined ? match.index : match.index + match[0].indexOf(secret);
      const end = start + (secret ?? match[0]).length;
      if (overlaps(out, start, end)) continue;
      if (format.kind !== "private-key" && isPlaceholder(text.slice(start, end))) continue;
      out.push({ start, end, kind: format.kind, label: format.label });
    }
  }
}

/** Bearer and Basic credentials, URL passwords and secret-named query parameters. */
function valueShapes(text: string, out: SecretSpan[]): void {
  if (/Bearer|Basic/.test(text)) {
    for (const match of text.matchAll(BEARER)) {
      const token = match[1]!;
      const start = match.index + match[0].length - token.length;
      if (isPlaceholder(token) || overlaps(out, start, start + token.length)) continue;
      out.push({ start, end: start + token.length, kind: "bearer", label: "authorization credential" });
    }
  }
  if (!text.includes("://") && !text.includes("=")) return;
  if (text.includes("@")) {
    for (const match of text.matchAll(URL_PASSWORD)) {
      const password = match[1]!;
      const start = match.index + match[0].length - 1 - password.length;
      if (isPlaceholder(decode(password)) || overlaps(out, start, start + password.length)) continue;
      out.push({ start, end: start + password.length, kind: "url-password", label: "URL password" });
    }
  }
  if (text.includes("?") || text.includes("&")) {
    for (const match of text.matchAll(QUERY_PARAM)) {
      const [, name, value] = match as unknown as [string, string, string];
      if (!hasSecretKeyword(name) || isPlaceholder(decode(value))) continue;
      const start = match.index + match[0].length - value.length;
      if (overlaps(out, start, start + value.length)) continue;
      out.push({
        start,
        end: start + value.length,
        kind: "url-query",
        label: `URL query parameter '${name}'`,
      });
    }
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sorted(spans: SecretSpan[]): SecretSpan[] {
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Secrets recognised by their shape inside one value or any text: provider key formats, PEM
 * private-key blocks, `Bearer`/`Basic` credentials, URL user-info passwords and secret-named query
 * parameters (`?token=`, `&key=`). Placeholders (`os.environ/X`, `${X}`, `<x>`, AWS's `…EXAMPLE`
 * key) are skipped. Spans are sorted and never overlap.
 */
export function findSecretsInValue(text: string): SecretSpan[] {
  const out: SecretSpan[] = [];
  knownFormats(text, out);
  valueShapes(text, out);
  return sorted(out);
}

/** A YAML/JSON scalar that is not a string: numbers, booleans, null. Never secrets. */
const NON_STRING_SCALAR =
  /^(?:[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|false|True|False|TRUE|FALSE|yes|no|on|off|null|Null|NULL|~)$/;

/** `key: value`, `"key": "value"`, `key=value`: a key and where its value starts. */
const KEY_VALUE =
  /(?:^|(?<=[\s{,[]))(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|([A-Za-z_][A-Za-z0-9_.-]{0,200}))[ \t]*(?::(?=[ \t]|$)|(?<=["']):|=)[ \t]*/gm;

/** The value starting at `from` on its line: quoted, flow (ends at `,}]`) or plain (ends at ` #` or the line end). */
function valueAt(text: string, from: number, flow: boolean): { start: number; end: number } | undefined {
  const quote = text[from];
  if (quote === '"' || quote === "'") {
    let i = from + 1;
    for (; i < text.length && text[i] !== "\n"; i++) {
      if (quote === '"' && text[i] === "\\") i++;
      else if (text[i] === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else break;
      }
    }
    return i > from + 1 ? { start: from + 1, end: i } : undefined;
  }
  let end = text.indexOf("\n", from);
  if (end < 0) end = text.length;
  if (end > from && text[end - 1] === "\r") end--;
  let i = from;
  for (; i < end; i++) {
    const ch = text[i];
    if (flow && (ch === "," || ch === "}" || ch === "]")) break;
    if (ch === "#" && (text[i - 1] === " " || text[i - 1] === "\t")) break;
  }
  while (i > from && (text[i - 1] === " " || text[i - 1] === "\t")) i--;
  return i > from ? { start: from, end: i } : undefined;
}

/** Whether the literal under a key is a value worth calling a secret (not a number, reference, block or placeholder). */
function literalSecretValue(value: string): boolean {
  if (value === "" || NON_STRING_SCALAR.test(value)) return false;
  // Block scalar indicators, aliases, anchors and tags: the secret (if any) is elsewhere.
  if (/^[|>*&!]/.test(value)) return false;
  return !isPlaceholder(value) && !isEnvReferenceName(value);
}

/** `key: value` pairs whose key names a secret, or whose key has a secret keyword and whose value is random. */
function keyValuePairs(text: string, out: SecretSpan[], thresholds: EntropyThresholds): void {
  for (const match of text.matchAll(KEY_VALUE)) {
    const key = match[1] ?? match[2] ?? match[3]!;
    const named = isSecretKey(key);
    if (!named && !hasSecretKeyword(key)) continue;
    // In a flow collection (`{api_key: x, model: y}`) a plain value ends at `,`, `}` or `]`.
    let b = match.index - 1;
    while (b >= 0 && (text[b] === " " || text[b] === "\t")) b--;
    const before = b >= 0 ? text[b] : "\n";
    const flow = before === "{" || before === "," || before === "[";
    const at = valueAt(text, match.index + match[0].length, flow);
    if (at === undefined) continue;
    const value = text.slice(at.start, at.end);
    if (!literalSecretValue(value)) continue;
    const kind = named ? "key-name" : isHighEntropy(value, thresholds) ? "entropy" : undefined;
    if (kind === undefined) continue;
    // Shapes inside the value (a URL password) were found already; the key rule covers the rest.
    const inner = out.filter((s) => s.start >= at.start && s.end <= at.end);
    if (inner.length > 0 && kind === "entropy") continue;
    if (inner.length > 0) {
      for (const s of inner) out.splice(out.indexOf(s), 1);
    } else if (overlaps(out, at.start, at.end)) continue;
    out.push({ start: at.start, end: at.end, kind, label: `value of '${key}'` });
  }
}

/**
 * Every secret in a text (a whole YAML, JSON or `.env` file, or a line of one): the value shapes of
 * {@link findSecretsInValue}, plus the value of every `key: value` / `"key": "value"` / `KEY=value`
 * pair whose key names a secret ({@link isSecretKey}), plus keyword + entropy (a key with a secret
 * keyword and a random-looking value). Numbers, booleans, placeholders, aliases and block-scalar
 * headers are never secrets. Spans are sorted and never overlap; the spans of one secret can cross
 * lines (PEM blocks).
 */
export function findSecretSpans(text: string, options: DetectOptions = {}): SecretSpan[] {
  const out: SecretSpan[] = [];
  knownFormats(text, out);
  valueShapes(text, out);
  if (text.includes(":") || text.includes("=")) {
    keyValuePairs(text, out, options.thresholds ?? DEFAULT_ENTROPY_THRESHOLDS);
  }
  return sorted(out);
}

/** Why a value is a secret, and where in it. */
export interface SecretVerdict {
  /**
   * `key-name`: the key names a secret and the value is a literal; `shape`: the value contains a
   * recognised secret (see `spans`); `entropy`: the key has a secret keyword and the value is random.
   */
  readonly reason: "key-name" | "shape" | "entropy";
  /** What it is, for messages ("OpenAI project key", "URL password", "value of 'password'"). */
  readonly label: string;
  /** Where the secret is in the value (the whole value for `key-name` and `entropy`). */
  readonly spans: readonly SecretSpan[];
}

/**
 * Whether `value` is an `os.environ/<name>` reference, well formed or not (`os.environ/openai-key`),
 * with nothing secret-shaped or random after the prefix: a variable's name, which is no secret and is
 * shown as written (SY1043's message and code frame). A key pasted after the prefix is still a secret.
 */
export function isEnvReferenceName(
  value: string,
  spans: readonly SecretSpan[] = findSecretsInValue(value),
  thresholds?: EntropyThresholds,
): boolean {
  if (!value.startsWith(ENV_REFERENCE_PREFIX) || spans.length > 0) return false;
  return !isHighEntropy(value.slice(ENV_REFERENCE_PREFIX.length), thresholds);
}

/** What starts every LiteLLM environment reference. */
const ENV_REFERENCE_PREFIX = "os.environ/";

/**
 * The one detector for structured data: whether `value`, found under the map key `key` (a YAML
 * key, a header name, an environment variable name; `undefined` for a list item), is a secret.
 *
 * - Only strings are secrets: numbers and booleans never are (`input_cost_per_token: 0.000002`).
 * - Placeholders never are (`os.environ/X`, `${X}`, `<x>`, `EMPTY`, AWS's `…EXAMPLE` key).
 * - A key that names a secret makes any other literal one (`password: hunter2`).
 * - Otherwise the value's shape decides (provider key formats, PEM blocks, `Bearer …`, URL
 *   passwords, `?token=`), then keyword + entropy (gitleaks' generic rule).
 */
export function detectSecret(
  key: string | undefined,
  value: unknown,
  options: DetectOptions = {},
): SecretVerdict | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const spans = findSecretsInValue(value);
  // A placeholder as a whole (`os.environ/X`) is no secret; a URL on example.com may still carry one.
  // A reference whose name no shell can export (`os.environ/openai-key`, SY1043) is still a name, not
  // a value: shown as written, unless what follows the prefix looks like a key pasted there.
  const placeholder = isPlaceholder(value) || isEnvReferenceName(value, spans, options.thresholds);
  if (key !== undefined && isSecretKey(key) && !placeholder) {
    const first = spans[0];
    return {
      reason: "key-name",
      label:
        first !== undefined && spans.length === 1 && first.start === 0 && first.end === value.length
          ? first.label
          : `value of '${key}'`,
      spans: [{ start: 0, end: value.length, kind: "key-name", label: `value of '${key}'` }],
    };
  }
  if (spans.length > 0) return { reason: "shape", label: spans[0]!.label, spans };
  if (
    key !== undefined &&
    !placeholder &&
    hasSecretKeyword(key) &&
    isHighEntropy(value, options.thresholds)
  ) {
    return {
      reason: "entropy",
      label: `random-looking value of '${key}'`,
      spans: [{ start: 0, end: value.length, kind: "entropy", label: `value of '${key}'` }],
    };
  }
  return undefined;
}
