import { defineCheck, notApplicable, ran } from "../define.js";

/** SY5202: no config file has any backup. */
export const noBackups = defineCheck({
  id: "SY5202",
  name: "no-backups",
  category: "compliance",
  severity: "medium",
  title: "No config file has a backup.",
  cause:
    "Switchyard backs a file up (`<file>.backup-YYYYMMDD_HHMMSS`, beside it) before every write it makes; none exists for any config file. Either the files were only ever edited by hand or the backups were deleted, so a bad change has nothing local to roll back to.",
  fix: "Make changes through Switchyard's commands (`switchyard generate`, `switchyard migrate`), which back a file up before they write it, or copy each file to `<file>.backup-YYYYMMDD_HHMMSS` beside it now.",
  run(context) {
    const backups = context.facts.backups;
    if (backups.length === 0) return notApplicable("no config file loaded");
    if (backups.some((b) => b.count > 0)) return ran([]);
    return ran([
      {
        message: `None of ${backups.map((b) => b.file).join(", ")} has a backup`,
        discriminator: "no-backups",
      },
    ]);
  },
});
