import {
  findSecretsInValue,
  isHighEntropy,
  isPlaceholder,
  redactSecret,
} from "@switchyard/config-schema/secrets";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import { interestingStrings } from "../../internal/string-index.js";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

/** SY5102: a random-looking literal under a secret-like key (keyword + entropy rule). */
export const highEntropySecret = defineCheck({
  id: "SY5102",
  name: "high-entropy-secret",
  category: "security",
  severity: "high",
  title: "A random-looking value under a secret-like key is written in plain text.",
  cause:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal `${X}` placeholder form is meant
    "The key's name says secret (`…key`, `…token`, `…secret`, `password`, `auth`, …, or any entry of LiteLLM's `environment_variables`) and the value is random enough to be one: a Shannon entropy of at least 3.5 bits per character (3.0 for hex-only values), gitleaks' threshold, over at least 10 characters with no spaces. Environment references (`os.environ/X`, `${X}`), templates (`<x>`, `{{ x }}`) and stand-ins (`…EXAMPLE`, `your-…`) are skipped. Credential fields and known key formats are reported by SY5103 and SY5101.",
  fix: "Move the value into the environment and write `os.environ/NAME`. If it is not a secret (a public id, a hash), suppress the finding with a reason: `# switchyard-ignore SY5102: public client id`.",
  example: "litellm_settings:\n  langfuse_secret: 7hG2kP9xQ4mZ8vT1   # write os.environ/LANGFUSE_SECRET_KEY",
  run(context) {
    const files = loadedFiles(context).filter((f) => f.data !== undefined);
    if (files.length === 0) return notApplicable("no config file could be parsed");
    const findings: FindingDraft[] = [];
    for (const file of files) {
      for (const { path, value, secretKey, credential } of interestingStrings(file)) {
        if (!secretKey || credential || isPlaceholder(value)) continue;
        if (!isHighEntropy(value, context.thresholds) || findSecretsInValue(value).length > 0) continue;
        findings.push({
          file,
          path,
          message: `${formatYamlPath(path)} looks like a secret in plain text (${redactSecret(value)})`,
        });
      }
    }
    return ran(findings);
  },
});
