import { findSecretsInValue, isPlaceholder, redactSecret } from "@switchyard/config-schema/secrets";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import { interestingStrings } from "../../internal/string-index.js";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

/** SY5103: a credential field (`api_key`, `master_key`, Redis passwords) holds a literal value. */
export const literalCredential = defineCheck({
  id: "SY5103",
  name: "literal-credential",
  category: "security",
  severity: "high",
  title: "A credential field holds a literal value instead of an environment reference.",
  cause:
    "`api_key`, `master_key`, `cache_params.password` and `redis_password` exist to hold secrets. A literal value there, weak (`sk-1234`, LiteLLM's documentation default) or strong, is readable by everyone who can read the file, its backups and its git history. Values in a known key format are reported as SY5101 instead; documented dummy values for local servers (`EMPTY`, `sk-no-key-required`) are ignored.",
  fix: "Write `os.environ/NAME` and set NAME in the gateway's environment (a systemd `EnvironmentFile`, a Docker secret). Rotate the value if the file was ever shared.",
  example: "general_settings:\n  master_key: sk-1234   # write os.environ/LITELLM_MASTER_KEY",
  run(context) {
    const files = loadedFiles(context).filter(
      (f) => (f.kind === "providers" || f.kind === "litellm") && f.data !== undefined,
    );
    if (files.length === 0) return notApplicable("no providers.yaml or litellm-unified.yaml to read");
    const findings: FindingDraft[] = [];
    for (const file of files) {
      for (const { path, value, credential } of interestingStrings(file)) {
        // Known formats are SY5101's; a URL (a `database_url`) is SY5108's when it carries a password.
        if (!credential || isPlaceholder(value) || findSecretsInValue(value).length > 0) continue;
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
        findings.push({
          file,
          path,
          message: `${formatYamlPath(path)} is a literal credential (${redactSecret(value)}), not an environment reference`,
        });
      }
    }
    return ran(findings);
  },
});
