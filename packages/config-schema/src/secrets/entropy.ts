/** The limits of the keyword + entropy rule. */
export interface EntropyThresholds {
  /** Bits per character at or above which a value is random enough to be a secret (gitleaks: 3.5). */
  readonly entropy: number;
  /** The threshold for values made only of hex digits, whose alphabet is smaller (detect-secrets: 3.0). */
  readonly hexEntropy: number;
  /** Shortest value considered. */
  readonly minSecretLength: number;
}

/** gitleaks' generic threshold, detect-secrets' hex threshold, and ten characters at least. */
export const DEFAULT_ENTROPY_THRESHOLDS: EntropyThresholds = {
  entropy: 3.5,
  hexEntropy: 3.0,
  minSecretLength: 10,
};

/** Shannon entropy in bits per character (per code point). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  let length = 0;
  for (const ch of value) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    length++;
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Characters a secret token is made of (no spaces: a sentence is not a key). */
const TOKEN_CHARS = /^[A-Za-z0-9_.=+/~-]+$/;

/**
 * Whether a literal looks random enough to be a secret: a token (no spaces, not a URL) of at least
 * `minSecretLength` characters whose entropy reaches the threshold (the lower one for hex-only values).
 */
export function isHighEntropy(
  value: string,
  thresholds: EntropyThresholds = DEFAULT_ENTROPY_THRESHOLDS,
): boolean {
  if (value.length < thresholds.minSecretLength || !TOKEN_CHARS.test(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  const threshold = /^[0-9a-fA-F]+$/.test(value) ? thresholds.hexEntropy : thresholds.entropy;
  return shannonEntropy(value) >= threshold;
}
