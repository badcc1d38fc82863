/**
 * The key-name half of secret detection: which map keys (YAML keys, header names, environment
 * variable names, URL query parameters) name a secret.
 */

/** `apiKey`, `x-api-key`, `API_KEY`, `Proxy-Authorization` → `api_key`, `x_api_key`, `api_key`, `proxy_authorization`. */
export function normalizeKeyName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Last words that make a key hold a secret (`api_key`, `*_key`, `password`, `*_token`, `credentials`, …). */
const SECRET_LAST_WORDS: ReadonlySet<string> = new Set([
  "key",
  "apikey",
  "secret",
  "secrets",
  "password",
  "passwords",
  "passwd",
  "pass",
  "pwd",
  "passphrase",
  "token",
  "credential",
  "credentials",
  "creds",
  "authorization",
  "cookie",
  "dsn",
]);

/** Two-word endings that hold a secret whole: connection strings and database URLs. */
const SECRET_LAST_PAIRS: ReadonlySet<string> = new Set([
  "database_url",
  "database_uri",
  "db_url",
  "db_uri",
  "connection_string",
  "connection_url",
  "connection_uri",
  "conn_str",
  "conn_string",
]);

/**
 * Words that make a key a number or a setting about secrets rather than a secret: prices and costs
 * (`input_cost_per_token`), limits and counts (`max_token`), and public halves of key pairs
 * (`langfuse_public_key`).
 */
const NOT_SECRET_WORDS: ReadonlySet<string> = new Set([
  "cost",
  "costs",
  "price",
  "prices",
  "pricing",
  "budget",
  "per",
  "max",
  "min",
  "limit",
  "limits",
  "count",
  "num",
  "ttl",
  "timeout",
  "length",
  "size",
  "window",
  "public",
  "publishable",
]);

/** The broader keyword set of the keyword + entropy rule (gitleaks' generic rule and detect-secrets' keyword plugin). */
const SECRET_KEYWORD =
  /api_?key|apikey|secret|token|passw(?:or)?d|pwd|credential|creds|private_?key|access_?key|master_?key|auth|bearer|signature|(?:^|_)key(?:_|$)/;

const memo = new Map<string, { named: boolean; keyword: boolean }>();

function classify(key: string): { named: boolean; keyword: boolean } {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const name = normalizeKeyName(key);
  const words = name === "" ? [] : name.split("_");
  const excluded = words.some((w) => NOT_SECRET_WORDS.has(w));
  const last = words[words.length - 1] ?? "";
  const pair = words.slice(-2).join("_");
  const named = !excluded && (SECRET_LAST_WORDS.has(last) || SECRET_LAST_PAIRS.has(pair));
  const result = { named, keyword: named || (!excluded && SECRET_KEYWORD.test(name)) };
  // Keys repeat thousands of times in a large set (`name`, `model`): classify each distinct key once.
  if (memo.size < 10_000) memo.set(key, result);
  return result;
}

/**
 * Whether a key names a secret, so that any literal value under it is one: `api_key`, any `*_key`,
 * `secret`, `password`, `*_token`, `credentials`, `Authorization`, `database_url`, connection strings,
 * in any case or separator style (`apiKey`, `x-api-key`, `OPENAI_API_KEY`). Prices, costs, limits and
 * counts are never secrets (`input_cost_per_token`, `max_tokens`), nor are public keys or keys that
 * name something else (`api_key_env`, `aws_access_key_id`: the id's value is caught by its shape).
 */
export function isSecretKey(key: string): boolean {
  return classify(key).named;
}

/**
 * Whether a key contains a secret keyword (`…secret…`, `…token…`, `…auth…`, `…key…`): the keyword
 * half of the keyword + entropy rule, broader than {@link isSecretKey}. Costs and limits are excluded.
 */
export function hasSecretKeyword(key: string): boolean {
  return classify(key).keyword;
}
