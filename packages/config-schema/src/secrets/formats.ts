/** What kind of evidence found a secret. */
export type SecretKind =
  /** A provider key format (OpenAI, Anthropic, Hugging Face, AWS, GitHub, …). */
  | "known-format"
  /** A PEM private-key block. */
  | "private-key"
  /** The token of an `Authorization: Bearer …` or `Basic …` value. */
  | "bearer"
  /** The password in a URL's user info (`postgresql://user:PASSWORD@host`). */
  | "url-password"
  /** A secret-named URL query parameter (`?token=…`, `&key=…`). */
  | "url-query"
  /** A literal under a key that names a secret (`password: …`, `api_key: …`). */
  | "key-name"
  /** A random-looking literal under a key with a secret keyword (keyword + entropy rule). */
  | "entropy";

/** A span of text that is a secret: never print `text.slice(start, end)`. */
export interface SecretSpan {
  /** UTF-16 offset of the first character of the secret. */
  readonly start: number;
  /** UTF-16 offset just past the secret. */
  readonly end: number;
  readonly kind: SecretKind;
  /** What it is, for messages: "OpenAI project key", "URL password", "value of 'password'". */
  readonly label: string;
}

/** A secret recognised by its shape. */
export interface SecretFormat {
  /** What a match is, e.g. "OpenAI API key". */
  readonly label: string;
  readonly kind: "known-format" | "private-key";
  /**
   * A global pattern. The whole match is the secret, unless the pattern has a `secret` named group,
   * which then is (a webhook URL's path, not its host).
   */
  readonly pattern: RegExp;
}

const B = "(?<![A-Za-z0-9_-])";

/**
 * Provider key formats, most specific first (a span matched by an earlier format is not matched
 * again), anchored on their documented shapes as gitleaks' provider rules are.
 */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  {
    label: "private key block",
    kind: "private-key",
    pattern:
      /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY(?: BLOCK)?-----|$(?![\s\S]))/g,
  },
  {
    label: "Anthropic API key",
    kind: "known-format",
    pattern: new RegExp(`${B}sk-ant-[a-z]+\\d*-[A-Za-z0-9_-]{20,}`, "g"),
  },
  {
    label: "OpenRouter API key",
    kind: "known-format",
    pattern: new RegExp(`${B}sk-or-v1-[a-f0-9]{32,}`, "g"),
  },
  {
    label: "OpenAI project key",
    kind: "known-format",
    pattern: new RegExp(`${B}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}`, "g"),
  },
  {
    label: "OpenAI API key",
    kind: "known-format",
    pattern: new RegExp(`${B}sk-(?!ant-|or-v1-|proj-|svcacct-|admin-)[A-Za-z0-9_-]{20,}`, "g"),
  },
  {
    label: "Hugging Face token",
    kind: "known-format",
    pattern: new RegExp(`${B}hf_[A-Za-z]{34}(?![A-Za-z0-9])`, "g"),
  },
  {
    label: "AWS access key id",
    kind: "known-format",
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])/g,
  },
  {
    label: "GitHub token",
    kind: "known-format",
    pattern: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])`, "g"),
  },
  {
    label: "GitHub fine-grained token",
    kind: "known-format",
    pattern: new RegExp(`${B}github_pat_[A-Za-z0-9_]{22,}`, "g"),
  },
  {
    label: "Google API key",
    kind: "known-format",
    pattern: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])`, "g"),
  },
  { label: "Groq API key", kind: "known-format", pattern: new RegExp(`${B}gsk_[A-Za-z0-9]{40,}`, "g") },
  {
    label: "Slack token",
    kind: "known-format",
    pattern: new RegExp(`${B}xox[baprse]-[0-9A-Za-z-]{10,}`, "g"),
  },
  {
    label: "Slack webhook URL",
    kind: "known-format",
    pattern: /hooks\.slack\.com\/(?<secret>(?:services|workflows|triggers)\/[A-Za-z0-9+/]{30,})/g,
  },
  {
    label: "Discord webhook URL",
    kind: "known-format",
    pattern: /discord(?:app)?\.com\/api\/webhooks\/(?<secret>\d+\/[A-Za-z0-9_-]{30,})/g,
  },
  {
    label: "Stripe secret key",
    kind: "known-format",
    pattern: new RegExp(`${B}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}`, "g"),
  },
];

/** A quick test before running every format: does the text contain any format's prefix? */
export function mayContainKnownFormat(text: string): boolean {
  return /sk-|sk_|rk_|hf_|AKIA|ASIA|ABIA|ACCA|A3T|gh[pousr]_|github_pat_|AIza|gsk_|xox|hooks\.slack|discord|PRIVATE KEY/.test(
    text,
  );
}
