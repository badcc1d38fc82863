import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { suppressionCatalogue } from "@switchyard/config-schema/suppressions";
import { plural } from "@switchyard/config-schema/text";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

/** Version problems are SY5205's; a missing file is SY5401's; a file that could not be read is SY5407's. */
const COVERED_ELSEWHERE: ReadonlySet<string> = new Set([
  "SY1011",
  "SY1020",
  "SY1021",
  "SY1022",
  "SY1023",
  "SY1010",
  "SY1006",
]);

/** SY5402: the set does not pass `switchyard validate` (syntax, schema or cross-file errors). */
export const configInvalid = defineCheck({
  id: "SY5402",
  name: "config-invalid",
  category: "completeness",
  // Critical: a set that `validate` rejects cannot be generated or deployed, so the overall score is
  // capped and no gate passes; reported in every mode, as `--quick` must not pass it either.
  severity: "critical",
  everyMode: true,
  title: "The config set does not validate.",
  cause:
    "`switchyard validate` finds errors: YAML syntax or schema errors in a file, or a cross-file error (a route to an unknown provider, a fallback loop, two services on one port…). The generator refuses to run, and every other check sees only what parsed, so a category could score 100 on a set that cannot be deployed.",
  fix: "Run `switchyard validate` for each error with its position and hint, and fix them.",
  run(context) {
    const files = loadedFiles(context);
    if (files.length === 0) return notApplicable("no config file loaded");
    // The same verdict as `switchyard validate`: the config-dir layer's check (schema diagnostics,
    // cross-file rules, suppressions and severity overrides of `.switchyard.yaml`), done once per run.
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of context.validation()) {
      // Suppression and settings problems are the audit's own `problems` (it reads the same settings).
      if (d.severity !== "error" || COVERED_ELSEWHERE.has(d.code) || suppressionCatalogue.has(d.code))
        continue;
      const key = d.file ?? "";
      byFile.set(key, [...(byFile.get(key) ?? []), d]);
    }
    if (byFile.size === 0) return notApplicable("the set passes `switchyard validate`");
    const findings: FindingDraft[] = [];
    for (const [shown, errors] of byFile) {
      const first = errors[0]!;
      const file = files.find((f) => f.file === shown);
      const where = first.range ? ` at line ${first.range.start.line}` : "";
      const name = shown === "" ? "The config set" : shown;
      findings.push({
        ...(file !== undefined ? { file } : shown !== "" ? { file: shown } : {}),
        ...(first.range ? { range: first.range } : {}),
        discriminator: "errors",
        message: `${name} has ${plural(errors.length, "error")} (first: ${first.code}${where}: ${first.message})`,
      });
    }
    return ran(findings);
  },
});
