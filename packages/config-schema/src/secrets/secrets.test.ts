import { describe, expect, it } from "vitest";
import {
  detectSecret,
  findSecretSpans,
  findSecretsInValue,
  hasSecretKeyword,
  isCredentialField,
  isEnvReferenceName,
  isHighEntropy,
  isPlaceholder,
  isSecretKey,
  redactSecret,
  redactSecrets,
  shannonEntropy,
} from "../entries/secrets.js";

/** Deterministic pseudo-random token (a linear congruential generator: no secret is written here). */
function token(
  length: number,
  seed = 7,
  alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
): string {
  let state = seed;
  let out = "";
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[state % alphabet.length];
  }
  return out;
}
const join = (...parts: string[]) => parts.join("");
const texts = (text: string) => findSecretSpans(text).map((s) => text.slice(s.start, s.end));

describe("isSecretKey (the key-name rule)", () => {
  it.each([
    "api_key",
    "apiKey",
    "x-api-key",
    "OPENAI_API_KEY",
    "master_key",
    "aws_secret_access_key",
    "secret",
    "client_secret",
    "password",
    "redis_password",
    "passwd",
    "token",
    "aws_session_token",
    "azure_ad_token",
    "credentials",
    "vertex_credentials",
    "Authorization",
    "Proxy-Authorization",
    "database_url",
    "DATABASE_URL",
    "connection_string",
    "sentry_dsn",
    "private_key",
  ])("%s names a secret", (key) => expect(isSecretKey(key)).toBe(true));

  it.each([
    "input_cost_per_token",
    "output_cost_per_token",
    "input_cost_per_token_batches",
    "cache_read_input_token_cost",
    "max_tokens",
    "max_token",
    "tokens_per_minute",
    "langfuse_public_key",
    "api_key_env",
    "master_key_env",
    "aws_access_key_id",
    "api_base",
    "model",
    "keyword",
    "monkey",
    "redis_url",
    "author",
  ])("%s does not", (key) => expect(isSecretKey(key)).toBe(false));

  it("the keyword rule is broader but still excludes costs", () => {
    expect(hasSecretKeyword("langfuse_secret_value")).toBe(true);
    expect(hasSecretKeyword("oauth_client")).toBe(true);
    expect(hasSecretKeyword("input_cost_per_token")).toBe(false);
    expect(hasSecretKeyword("max_tokens")).toBe(false);
  });
});

describe("isPlaceholder", () => {
  it.each([
    "os.environ/OPENAI_API_KEY",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal `${X}` placeholder form is meant
    "${OPENAI_API_KEY}",
    "$OPENAI_API_KEY",
    "<your key>",
    "{{ .Values.key }}",
    "EMPTY",
    "sk-no-key-required",
    "changeme",
    "sk-your-openai-api-key-goes-here",
    "sk-xxxxxxxxxxxxxxxxxxxxxxxx",
    "****",
  ])("%s is a placeholder", (value) => expect(isPlaceholder(value)).toBe(true));

  it.each(["hunter2", "therefore-2024!", "somewhere-safe", token(32)])("%s is not", (value) =>
    expect(isPlaceholder(value)).toBe(false),
  );
});

describe("findSecretsInValue (shapes)", () => {
  it.each([
    ["OpenAI API key", join("sk-", token(48))],
    ["OpenAI project key", join("sk-proj-", token(100))],
    ["Anthropic API key", join("sk-ant-api03-", token(93), "AA")],
    ["OpenRouter API key", join("sk-or-v1-", "0123456789abcdef".repeat(4))],
    ["Hugging Face token", join("hf_", "aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH")],
    ["AWS access key id", join("AKIA", "Z7Q3XK2M9PLW4R8T")],
    ["GitHub token", join("ghp_", token(36))],
    ["GitHub fine-grained token", join("github_pat_", token(82))],
    [
      "private key block",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----",
    ],
  ])("finds a %s", (label, secret) => {
    const text = `value: "${secret}" # trailing`;
    const spans = findSecretsInValue(text);
    expect(spans.map((s) => s.label)).toEqual([label]);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(secret);
  });

  it("allowlists the AWS documentation key and ignores stand-ins", () => {
    expect(findSecretsInValue(join("AKIA", "IOSFODNN7EXAMPLE"))).toEqual([]);
    expect(findSecretsInValue("sk-your-openai-api-key-goes-here")).toEqual([]);
    expect(findSecretsInValue(`sk-${"x".repeat(40)}`)).toEqual([]);
    expect(findSecretsInValue("sk-1234")).toEqual([]);
    expect(findSecretsInValue("risk-assessment-model-version-twenty-one")).toEqual([]);
  });

  it("finds bearer tokens, URL passwords and secret query parameters, and only the secret part", () => {
    const bearer = token(40, 3);
    const value = `Bearer ${bearer}`;
    expect(findSecretsInValue(value).map((s) => value.slice(s.start, s.end))).toEqual([bearer]);
    const url = "postgresql://litellm:hunter2@db:5432/litellm";
    expect(findSecretsInValue(url).map((s) => [s.kind, url.slice(s.start, s.end)])).toEqual([
      ["url-password", "hunter2"],
    ]);
    const hook = "https://alerts.example.net/hook?channel=ops&token=abc123def456&x=1";
    expect(findSecretsInValue(hook).map((s) => [s.kind, hook.slice(s.start, s.end)])).toEqual([
      ["url-query", "abc123def456"],
    ]);
    const google = "https://api.example.com/v1?key=AbCdEf123456";
    expect(findSecretsInValue(google).map((s) => google.slice(s.start, s.end))).toEqual(["AbCdEf123456"]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder in a URL
    expect(findSecretsInValue("redis://:${REDIS_PASSWORD}@cache:6379")).toEqual([]);
    expect(findSecretsInValue("https://x/v1?max_tokens=100&page=2")).toEqual([]);
  });
});

describe("detectSecret (key + value)", () => {
  it("numbers and booleans are never secrets, whatever the key", () => {
    expect(detectSecret("api_key", 12345)).toBeUndefined();
    expect(detectSecret("password", 123456)).toBeUndefined();
    expect(detectSecret("input_cost_per_token", 0.000002)).toBeUndefined();
    expect(detectSecret("token", true)).toBeUndefined();
  });

  it("cost and price keys are never secrets, even holding a string", () => {
    expect(detectSecret("input_cost_per_token", "0.000002")).toBeUndefined();
    expect(detectSecret("output_cost_per_token", "3e-06")).toBeUndefined();
  });

  it("placeholders are never secrets", () => {
    expect(detectSecret("api_key", "os.environ/OPENAI_API_KEY")).toBeUndefined();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal `${X}` placeholder form is meant
    expect(detectSecret("api_key", "${OPENAI_API_KEY}")).toBeUndefined();
    expect(detectSecret("api_key", "<your key>")).toBeUndefined();
  });

  it("a malformed env reference (SY1043) is a name, not a secret, unless a key was pasted after the prefix", () => {
    // A variable's name is no secret, even one no shell can export; the value it would hold is.
    expect(detectSecret("api_key", "os.environ/openai-key")).toBeUndefined();
    expect(detectSecret("api_key", "os.environ/1-BAD")).toBeUndefined();
    expect(texts("api_key: os.environ/openai-key\n")).toEqual([]);
    expect(isEnvReferenceName("os.environ/per-provider")).toBe(true);
    // A key pasted where the name goes is still a secret: by its shape, or by its randomness.
    const pasted = join("sk-proj-", token(48));
    expect(detectSecret("api_key", `os.environ/${pasted}`)).toBeDefined();
    expect(texts(`api_key: os.environ/${pasted}\n`)).not.toEqual([]);
    expect(isEnvReferenceName(`os.environ/${pasted}`)).toBe(false);
    const random = join(token(20, 3), "-", token(20, 5));
    expect(isEnvReferenceName(`os.environ/${random}`)).toBe(false);
    expect(detectSecret("api_key", `os.environ/${random}`)).toBeDefined();
  });

  it("a secret-named key makes any literal a secret", () => {
    expect(detectSecret("password", "hunter2")).toMatchObject({ reason: "key-name" });
    expect(detectSecret("Authorization", `Bearer ${token(30)}`)).toMatchObject({ reason: "key-name" });
    expect(detectSecret("database_url", "postgresql://localhost/litellm")).toMatchObject({
      reason: "key-name",
    });
  });

  it("otherwise the shape decides, then keyword + entropy", () => {
    expect(detectSecret("api_base", "https://u:hunter2@llm.internal/v1")).toMatchObject({ reason: "shape" });
    expect(
      detectSecret("slack_webhook_url", "https://hooks.example.com/in?token=abc123def456"),
    ).toMatchObject({
      reason: "shape",
    });
    expect(detectSecret("description", join("sk-proj-", token(40)))).toMatchObject({
      reason: "shape",
      label: "OpenAI project key",
    });
    expect(detectSecret("langfuse_secret_value", "7hG2kP9xQ4mZ8vT1wR5y")).toMatchObject({
      reason: "entropy",
    });
    expect(detectSecret("langfuse_secret_value", "production")).toBeUndefined();
    expect(detectSecret("model", "gpt-4o")).toBeUndefined();
    expect(detectSecret(undefined, "hello")).toBeUndefined();
  });
});

describe("findSecretSpans (text)", () => {
  it("finds literal values under secret keys in YAML, flow maps, JSON and env files", () => {
    expect(texts("a:\n  password: hunter2 # old\n  model: x\n")).toEqual(["hunter2"]);
    expect(texts("p: {api_key: abc123, model: x}")).toEqual(["abc123"]);
    expect(texts('{"master_key": "sk-1234", "n": 1}')).toEqual(["sk-1234"]);
    expect(texts("REDIS_PASSWORD=s3cr3t\n")).toEqual(["s3cr3t"]);
    expect(texts("x:\n  password: 'it''s'\n")).toEqual(["it''s"]);
  });

  it("skips numbers, references, placeholders, aliases and block scalar headers", () => {
    expect(texts("input_cost_per_token: 0.000002\napi_key: 1234\n")).toEqual([]);
    expect(texts("api_key: os.environ/OPENAI_API_KEY\npassword: *pw\ntoken: |\n")).toEqual([]);
    expect(texts("max_tokens: 4096\ntoken_limit: abcdefghijklmnop\n")).toEqual([]);
  });

  it("covers PEM blocks across lines, and URL passwords in any value", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\n  MIIEow\n  -----END RSA PRIVATE KEY-----";
    expect(texts(`key_file: |\n  ${pem}\n`)).toEqual([pem]);
    expect(texts("api_base: https://bob:pa55w0rd@x.internal/v1\n")).toEqual(["pa55w0rd"]);
  });

  it("stays linear on a 200,000-character line", () => {
    const line = `k: ${"a: b, ".repeat(30_000)}`;
    const started = performance.now();
    findSecretSpans(line);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("redaction", () => {
  it("shows a provider prefix of long secrets only, and the length", () => {
    const key = join("sk-proj-", token(40));
    expect(redactSecret(key)).toBe(`sk-p…**** (${key.length} chars)`);
    expect(redactSecret("hunter2")).toBe("**** (7 chars)");
    expect(redactSecret("-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----")).toBe(
      "BEGIN RSA PRIVATE KEY block",
    );
  });

  it("redacts every span of a text and nothing else", () => {
    const text = "db: postgresql://u:hunter2@h/db\npassword: swordfish\nmodel: gpt-4o\n";
    const out = redactSecrets(text);
    expect(out).not.toContain("hunter2");
    expect(out).not.toContain("swordfish");
    expect(out).toContain("model: gpt-4o");
    expect(out).toContain("postgresql://u:**** (7 chars)@h/db");
  });
});

describe("entropy", () => {
  it("computes Shannon entropy and applies gitleaks' and detect-secrets' thresholds", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
    expect(isHighEntropy("7hG2kP9xQ4mZ8vT1wR5y")).toBe(true);
    expect(isHighEntropy("production")).toBe(false);
    expect(isHighEntropy("https://example.com/aB3dE5gH7jK9")).toBe(false);
    expect(isHighEntropy("1a2b3c4d5e".repeat(3))).toBe(true);
    expect(isHighEntropy("klmnopqrst".repeat(3))).toBe(false);
  });
});

describe("isCredentialField", () => {
  it("knows the fields that exist to hold a credential", () => {
    expect(isCredentialField("providers", ["providers", "openai", "api_key"])).toBe(true);
    expect(isCredentialField("litellm", ["model_list", 0, "litellm_params", "api_key"])).toBe(true);
    expect(isCredentialField("litellm", ["general_settings", "database_url"])).toBe(true);
    expect(isCredentialField("litellm", ["litellm_settings", "cache_params", "password"])).toBe(true);
    expect(isCredentialField("ports", ["services", "x", "api_key"])).toBe(false);
  });
});
