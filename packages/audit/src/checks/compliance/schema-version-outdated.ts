import { CONFIG_FILES, CURRENT_SCHEMA_VERSION } from "@switchyard/config-schema/schemas";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

/** SY5205: a versioned config file is not at the current schema version. */
export const schemaVersionOutdated = defineCheck({
  id: "SY5205",
  name: "schema-version-outdated",
  category: "compliance",
  severity: "medium",
  title: "A config file is not at the current schema version.",
  cause: `Each Switchyard file carries \`schema_version\`; this release validates and writes ${CURRENT_SCHEMA_VERSION}. A file at an older, unknown, newer, missing or malformed version is validated against rules it was not written for, and tools disagree about what it means.`,
  fix: "Run `switchyard migrate --auto` (it backs up, migrates the whole set and records the history); a newer version means Switchyard itself needs an upgrade.",
  run(context) {
    const files = loadedFiles(context).filter((f) => CONFIG_FILES[f.kind].versioned && f.data !== undefined);
    if (files.length === 0) return notApplicable("no versioned config file parsed");
    const findings: FindingDraft[] = [];
    for (const file of files) {
      const v = file.version;
      if (v.status === "current") continue;
      const said =
        "version" in v
          ? `is at ${v.version}`
          : v.status === "missing"
            ? "has no schema_version"
            : "has a malformed schema_version";
      const what =
        v.status === "newer"
          ? "newer than this Switchyard"
          : v.status === "unknown"
            ? "not a known version"
            : `current is ${CURRENT_SCHEMA_VERSION}`;
      findings.push({ file, path: ["schema_version"], message: `${file.file} ${said} (${what})` });
    }
    return ran(findings);
  },
});
