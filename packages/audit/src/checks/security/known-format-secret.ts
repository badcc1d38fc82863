import {
  findSecretsInValue,
  mayContainKnownFormat,
  redactSecret,
  type SecretSpan,
} from "@switchyard/config-schema/secrets";
import { sha256 } from "@switchyard/config-schema/text";
import { formatYamlPath, rangeFromOffsets } from "@switchyard/config-schema/yaml";
import { walkStrings } from "../../internal/data.js";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

/** Provider keys and private-key blocks (not URL passwords or bearer tokens: SY5108 and SY5102 cover those). */
function knownFormats(text: string): SecretSpan[] {
  return findSecretsInValue(text).filter((s) => s.kind === "known-format" || s.kind === "private-key");
}

/** SY5101: a key in a known provider format, in plain text anywhere in a config file (values, keys, comments). */
export const knownFormatSecret = defineCheck({
  id: "SY5101",
  name: "known-format-secret",
  category: "security",
  severity: "critical",
  title: "A provider key or private key is written in plain text in a config file.",
  cause:
    "The value has the shape of a real credential: an OpenAI key (`sk-…`, `sk-proj-…`), an Anthropic key (`sk-ant-…`), a Hugging Face token (`hf_…`), an AWS access key id (`AKIA…`), a GitHub token (`ghp_…`, `github_pat_…`), a Google or Groq key, or a PEM private-key block. Config files are copied, committed, backed up and pasted into tickets; a key in one is a key leaked. Documented stand-ins (AWS's `…EXAMPLE` key, `sk-your-key-here`) are ignored.",
  fix: "Move the key into the environment and reference it as `os.environ/NAME` (the only form LiteLLM resolves). Then rotate the key: assume it has leaked, since backups and git history still hold it.",
  example: "providers:\n  openai:\n    api_key: sk-proj-…   # write os.environ/OPENAI_API_KEY",
  run(context) {
    const files = loadedFiles(context).filter((f) => f.source.text !== "");
    if (files.length === 0) return notApplicable("no config file could be read");
    const findings: FindingDraft[] = [];
    for (const file of files) {
      const text = file.source.text;
      if (!mayContainKnownFormat(text)) continue;
      const inValues = new Set<string>();
      walkStrings(file.data, (path, value) => {
        if (!mayContainKnownFormat(value)) return;
        const matches = knownFormats(value);
        const first = matches[0];
        if (first === undefined) return;
        for (const m of matches) inValues.add(value.slice(m.start, m.end));
        const more = matches.length > 1 ? ` (and ${matches.length - 1} more)` : "";
        findings.push({
          file,
          path: [...path],
          message: `${first.label} in plain text at ${formatYamlPath(path)}: ${redactSecret(value.slice(first.start, first.end))}${more}`,
        });
      });
      for (const match of knownFormats(text)) {
        const secret = text.slice(match.start, match.end);
        if (inValues.has(secret)) continue;
        const range = rangeFromOffsets(file.source.lineCounter, match.start, match.end);
        findings.push({
          file,
          range,
          discriminator: sha256(secret).slice(0, 12),
          message: `${match.label} in plain text in a comment or key on line ${range.start.line}: ${redactSecret(secret)}`,
          remediation:
            "Delete it from the file (comments are copied and committed like everything else) and rotate the key.",
        });
      }
    }
    return ran(findings);
  },
});
