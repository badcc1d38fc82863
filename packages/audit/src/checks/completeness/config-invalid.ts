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

/** SY5402: a config file has parse or schema errors. */
export const configInvalid = defineCheck({
  id: "SY5402",
  name: "config-invalid",
  category: "completeness",
  severity: "high",
  title: "A config file does not validate.",
  cause:
    "The file has YAML syntax or schema errors, so the parts that fail are not used: the generator refuses to run, and every other check sees only what parsed.",
  fix: "Run `switchyard validate` for each error with its position and hint, and fix them.",
  run(context) {
    const files = loadedFiles(context);
    if (files.length === 0) return notApplicable("no config file loaded");
    const findings: FindingDraft[] = [];
    for (const file of files) {
      const errors = file.diagnostics.filter((d) => d.severity === "error" && !COVERED_ELSEWHERE.has(d.code));
      const first = errors[0];
      if (first === undefined) continue;
      const where = first.range ? ` at line ${first.range.start.line}` : "";
      findings.push({
        file,
        ...(first.range ? { range: first.range } : {}),
        discriminator: "errors",
        message: `${file.file} has ${errors.length} error${errors.length === 1 ? "" : "s"} (first: ${first.code}${where}: ${first.message})`,
      });
    }
    return ran(findings);
  },
});
