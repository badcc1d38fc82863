import { formatYamlPath } from "@switchyard/config-schema";
import { maskUrl, parseUrl } from "../../internal/net.js";
import { isPlaceholder } from "../../internal/secrets.js";
import { interestingStrings } from "../../internal/string-index.js";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

const SECRET_PARAM = /key|token|secret|password|passwd|pwd|sig|signature|auth/i;

/** The secret part of a URL, if any: a password in the user info or a secret-named query parameter. */
function urlSecret(value: string): string | undefined {
  const url = parseUrl(value);
  if (!url) return undefined;
  if (url.password !== "" && !isPlaceholder(url.password)) return "a password";
  for (const [name, param] of new URLSearchParams(url.search)) {
    if (SECRET_PARAM.test(name) && param !== "" && !isPlaceholder(param))
      return `the query parameter '${name}'`;
  }
  return undefined;
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
        const secret = urlSecret(value);
        if (secret === undefined) continue;
        findings.push({
          file,
          path,
          message: `${formatYamlPath(path)} holds a URL with ${secret} in it (${maskUrl(value)})`,
        });
      }
    }
    return ran(findings);
  },
});
