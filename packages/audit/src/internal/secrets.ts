import { ENV_REFERENCE_PATTERN, redactSecret } from "@switchyard/config-schema";

/** A provider key format recognised by its shape. */
export interface SecretFormat {
  /** What the match is, e.g. "OpenAI API key". */
  readonly label: string;
  /** A global, sticky-free pattern; a match is the whole secret (or, for PEM, its header). */
  readonly pattern: RegExp;
}

const B = "(?<![A-Za-z0-9_-])";

/**
 * Known key formats, most specific first (a span matched by an earlier format is not matched again).
 * Anchored on their documented shapes, as gitleaks' provider rules are.
 */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  { label: "private key block", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { label: "Anthropic API key", pattern: new RegExp(`${B}sk-ant-[a-z]+\\d*-[A-Za-z0-9_-]{20,}`, "g") },
  { label: "OpenRouter API key", pattern: new RegExp(`${B}sk-or-v1-[a-f0-9]{32,}`, "g") },
  { label: "OpenAI project key", pattern: new RegExp(`${B}sk-proj-[A-Za-z0-9_-]{20,}`, "g") },
  { label: "OpenAI API key", pattern: new RegExp(`${B}sk-(?!ant-|or-v1-|proj-)[A-Za-z0-9_-]{20,}`, "g") },
  { label: "Hugging Face token", pattern: new RegExp(`${B}hf_[A-Za-z]{34}(?![A-Za-z0-9])`, "g") },
  { label: "AWS access key id", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  { label: "GitHub token", pattern: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])`, "g") },
  { label: "GitHub fine-grained token", pattern: new RegExp(`${B}github_pat_[A-Za-z0-9_]{22,}`, "g") },
  { label: "Google API key", pattern: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])`, "g") },
  { label: "Groq API key", pattern: new RegExp(`${B}gsk_[A-Za-z0-9]{40,}`, "g") },
];

/** Words that mark a value as a stand-in rather than a secret (`sk-your-key-here`, AWS's `…EXAMPLE` key). */
const PLACEHOLDER_WORDS =
  /example|your|placeholder|change-?me|replace|dummy|redacted|xxxx|fake|sample|insert|here/i;

/** Values that stand for "no key" in local servers' documentation (vLLM's `EMPTY`, llama.cpp's `sk-no-key-required`). */
const DUMMY_VALUES: ReadonlySet<string> = new Set([
  "",
  "empty",
  "none",
  "null",
  "dummy",
  "no-key",
  "nokey",
  "not-needed",
  "not_needed",
  "unused",
  "sk-no-key-required",
  "sk-dummy",
  "ollama",
  "lm-studio",
  "x",
  "-",
  "na",
  "n/a",
]);

/**
 * Whether a value is a placeholder rather than a secret: an environment reference (`os.environ/X`,
 * `${X}`, `$X`), a template (`<x>`, `{{ x }}`), a documented dummy value, or a value with a
 * placeholder word in it.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (ENV_REFERENCE_PATTERN.test(v)) return true;
  if (/\$\{[^}]*\}/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return true;
  if (/<[^<>]+>/.test(v) || /\{\{[^}]*\}\}/.test(v)) return true;
  if (DUMMY_VALUES.has(v.toLowerCase())) return true;
  return PLACEHOLDER_WORDS.test(v);
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  const length = [...value].length;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** One known-format secret found in a text. */
export interface SecretMatch {
  readonly label: string;
  /** The matched text (the secret; never print it). */
  readonly text: string;
  /** Offset of the match in the searched text. */
  readonly index: number;
}

/** Every known-format secret in a text, placeholders excluded. */
export function findKnownSecrets(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  const taken: [number, number][] = [];
  for (const format of SECRET_FORMATS) {
    format.pattern.lastIndex = 0;
    for (const match of text.matchAll(format.pattern)) {
      const index = match.index;
      const end = index + match[0].length;
      if (taken.some(([s, e]) => index < e && end > s)) continue;
      if (format.label !== "private key block" && isPlaceholder(match[0])) continue;
      taken.push([index, end]);
      out.push({ label: format.label, text: match[0], index });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Quick test before running every pattern: does the text contain any format's prefix? */
export function mayContainKnownSecret(text: string): boolean {
  return /sk-|hf_|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|AIza|gsk_|PRIVATE KEY/.test(text);
}

/** A secret shown safely. */
export function redact(secret: string): string {
  if (secret.startsWith("-----BEGIN")) return `${secret.replace(/-----$/, "").replace(/^-----/, "")} block`;
  return redactSecret(secret);
}

/** Key names that hold secrets (the keyword half of the keyword + entropy rule). */
export const SECRET_KEY_PATTERN =
  /(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|passwd|pwd|credential|private[_-]?key|access[_-]?key|master[_-]?key|auth|bearer|signature)/i;

/** Characters a secret token is made of (no spaces: a sentence is not a key). */
const TOKEN_CHARS = /^[A-Za-z0-9_.=+/~-]+$/;

/** Whether a literal value looks random enough to be a secret, by the documented entropy thresholds. */
export function isHighEntropy(
  value: string,
  thresholds: { entropy: number; hexEntropy: number; minSecretLength: number },
): boolean {
  if (value.length < thresholds.minSecretLength || !TOKEN_CHARS.test(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  const threshold = /^[0-9a-fA-F]+$/.test(value) ? thresholds.hexEntropy : thresholds.entropy;
  return shannonEntropy(value) >= threshold;
}
