import { describe, expect, it } from "vitest";
import { randomToken } from "../../test/helpers.js";
import { findKnownSecrets, isHighEntropy, isPlaceholder, redact, shannonEntropy } from "./secrets.js";

const thresholds = { entropy: 3.5, hexEntropy: 3.0, minSecretLength: 10 };
const join = (...parts: string[]) => parts.join("");

describe("findKnownSecrets", () => {
  it.each([
    ["OpenAI API key", join("sk-", randomToken(48))],
    ["OpenAI project key", join("sk-proj-", randomToken(100))],
    ["Anthropic API key", join("sk-ant-api03-", randomToken(93), "AA")],
    ["OpenRouter API key", join("sk-or-v1-", "0123456789abcdef".repeat(4))],
    ["Hugging Face token", join("hf_", "aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH")],
    ["AWS access key id", join("AKIA", "Z7Q3XK2M9PLW4R8T")],
    ["GitHub token", join("ghp_", randomToken(36))],
    ["GitHub fine-grained token", join("github_pat_", randomToken(82))],
    [
      "private key block",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----",
    ],
  ])("finds a %s", (label, secret) => {
    const found = findKnownSecrets(`value: "${secret}" # trailing`);
    expect(found.map((f) => f.label)).toEqual([label]);
  });

  it("ignores documented stand-ins and placeholders", () => {
    expect(findKnownSecrets(join("AKIA", "IOSFODNN7EXAMPLE"))).toEqual([]);
    expect(findKnownSecrets("sk-your-openai-api-key-goes-here")).toEqual([]);
    expect(findKnownSecrets(`sk-${"x".repeat(40)}`)).toEqual([]);
    expect(findKnownSecrets("sk-1234")).toEqual([]);
  });

  it("does not match inside words", () => {
    expect(findKnownSecrets("risk-assessment-model-version-twenty-one")).toEqual([]);
    expect(findKnownSecrets("desk-booking-service-internal-name")).toEqual([]);
  });

  it("reports the offset of each match", () => {
    const key = join("sk-proj-", randomToken(40));
    const [match] = findKnownSecrets(`a: 1\nb: ${key}`);
    expect(match?.index).toBe(8);
    expect(match?.text).toBe(key);
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
  ])("treats %s as a placeholder", (value) => expect(isPlaceholder(value)).toBe(true));
  it("does not treat a random value as one", () => expect(isPlaceholder(randomToken(32))).toBe(false));
});

describe("entropy rule", () => {
  it("computes Shannon entropy in bits per character", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
    expect(shannonEntropy("")).toBe(0);
  });

  it("flags random tokens at the 3.5-bit threshold and skips words, URLs and short values", () => {
    expect(isHighEntropy("7hG2kP9xQ4mZ8vT1wR5y", thresholds)).toBe(true);
    expect(isHighEntropy("production", thresholds)).toBe(false);
    expect(isHighEntropy("a sentence with spaces in it", thresholds)).toBe(false);
    expect(isHighEntropy("https://example.com/aB3dE5gH7jK9", thresholds)).toBe(false);
    expect(isHighEntropy("aB3dE5g", thresholds)).toBe(false);
  });

  it("uses the lower threshold for hex-only values", () => {
    // Ten symbols used equally often: log2(10) ≈ 3.32 bits, between the two thresholds.
    const hex = "1a2b3c4d5e".repeat(3);
    const letters = "klmnopqrst".repeat(3);
    expect(shannonEntropy(hex)).toBeCloseTo(Math.log2(10));
    expect(isHighEntropy(hex, thresholds)).toBe(true);
    expect(isHighEntropy(letters, thresholds)).toBe(false);
  });
});

describe("redact", () => {
  it("keeps four characters and the length", () => {
    const key = join("sk-proj-", randomToken(40));
    expect(redact(key)).toBe(`sk-p…**** (${key.length} chars)`);
    expect(redact("-----BEGIN RSA PRIVATE KEY-----")).toBe("BEGIN RSA PRIVATE KEY block");
  });
});
