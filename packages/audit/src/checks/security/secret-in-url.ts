import { findSecretsInValue, redactSecrets, type SecretSpan } from "@switchyard/config-schema/secrets";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import { interestingStrings } from "../../internal/string-index.js";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

/** The secret parts of a URL: a password in the user info, secret-named query parameters. */
function urlSecrets(value: string): SecretSpan[] {
  return findSecretsInValue(value).filter((s) => s.kind === "url-password" || s.kind === "url-query");
}

function describe(span: SecretSpan): string {
  return span.kind === "url-password" ? "a password" : `the ${span.label.replace(/^URL /, "")}`;
}

/** SY5108: a URL carries a password or a secret query parameter. */
export const secretInUrl = defineCheck({
  id: "SY5108",
  name: "secret-in-url",
  category: "security",
  severity: "high",
  title: "A URL carries a password or a secret query parameter.",
  cause:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal `${X}` placeholder form is meant
    "Credentials inside URLs (`postgresql://user:pass@host/db`, `https://host/v1?api_key=…`) end up in logs, process lists, error messages and health-check output as well as in the file. Placeholders (`${X}`, `<x>`) are ignored.",
  fix: "Put the whole URL in the environment (`database_url: os.environ/DATABASE_URL`) or pass the credential in its own field as an environment reference.",
  example:
    "general_settings:\n  database_url: postgresql://litellm:hunter2@db:5432/litellm   # os.environ/DATABASE_URL",
  run(context) {
    const files = loadedFiles(context).filter((f) => f.data !== undefined);
    if (files.length === 0) return notApplicable("no config file could be parsed");
    const findings: FindingDraft[] = [];
    for (const file of files) {
      for (const { path, value, url } of interestingStrings(file)) {
        if (!url || (!value.includes("@") && !value.includes("?"))) continue;
        const spans = urlSecrets(value);
        const first = spans[0];
        if (first === undefined) continue;
        findings.push({
          file,
          path,
          message: `${formatYamlPath(path)} holds a URL with ${describe(first)} in it (${redactSecrets(value, findSecretsInValue(value))})`,
        });
      }
    }
    return ran(findings);
  },
});
