import { join } from "node:path";
import { displayPath } from "@switchyard/config-schema/fs";
import { CONFIG_FILE_KINDS, CONFIG_FILES } from "@switchyard/config-schema/schemas";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, ran } from "../define.js";

/** SY5401: a required config file is absent. */
export const requiredFileMissing = defineCheck({
  id: "SY5401",
  name: "required-file-missing",
  category: "completeness",
  severity: "high",
  title: "A required config file is missing.",
  cause: `A config set needs ${CONFIG_FILE_KINDS.filter((k) => CONFIG_FILES[k].required)
    .map((k) => CONFIG_FILES[k].fileName)
    .join(" and ")}; without them there is nothing to route or generate from.`,
  fix: "Run `switchyard init` to write a complete set, or restore the file from a backup or version control.",
  run(context) {
    const present = new Set(loadedFiles(context).map((f) => f.kind));
    const findings: FindingDraft[] = [];
    for (const kind of CONFIG_FILE_KINDS) {
      const spec = CONFIG_FILES[kind];
      if (!spec.required || present.has(kind)) continue;
      const reported = context.set.diagnostics.find(
        (d) => d.code === "SY1011" && d.file?.endsWith(spec.fileName),
      );
      const file = reported?.file ?? displayPath(join(context.set.dir, spec.fileName), context.cwd);
      findings.push({ file, message: `Required file ${spec.fileName} is missing` });
    }
    return ran(findings);
  },
});
