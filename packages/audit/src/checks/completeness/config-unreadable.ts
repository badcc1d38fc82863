import { readFailure } from "@switchyard/config-schema/load";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

/** SY5407: a config file exists but could not be read, so no check saw what it holds. */
export const configUnreadable = defineCheck({
  id: "SY5407",
  name: "config-unreadable",
  category: "completeness",
  // Critical: the audit is blind to the whole file (a secret in it would go unseen), so the overall
  // score is capped and no gate passes.
  severity: "critical",
  everyMode: true,
  title: "A config file cannot be read, so the audit could not check it.",
  cause:
    "The file is a directory, is not readable by this user, is not a regular file, or is over the size limit. Every check that needs it found nothing to look at, so a category can score 100 while the file holds a secret or an open gateway: this finding is reported in every mode (`--quick` and `--focus` too) and is critical, so that no gate passes over it.",
  fix: "Make the file readable by the user that runs the audit (or put the real file back in place of the directory), then audit again.",
  run(context) {
    const findings: FindingDraft[] = [];
    for (const file of loadedFiles(context)) {
      const failure = readFailure(file);
      if (failure === undefined) continue;
      findings.push({ file: file.file, message: `${failure.message}; no check saw its content` });
    }
    if (findings.length === 0) return notApplicable("every config file could be read");
    return ran(findings);
  },
});
