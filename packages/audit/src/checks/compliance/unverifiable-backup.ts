import { defineCheck, notApplicable, ran } from "../define.js";

/** SY5203: a file's newest backup cannot be read or does not parse. */
export const unverifiableBackup = defineCheck({
  id: "SY5203",
  name: "unverifiable-backup",
  category: "compliance",
  severity: "medium",
  title: "The newest backup of a config file cannot be verified.",
  cause:
    "The newest `<file>.backup-…` is unreadable, empty, not UTF-8 or not valid YAML. A restore from it would fail exactly when it is needed.",
  fix: "Take a fresh backup, then remove the broken one; check the disk and whatever else writes into the config directory.",
  run(context) {
    const withBackups = context.facts.backups.filter((b) => b.count > 0);
    if (withBackups.length === 0) return notApplicable("no backups to verify");
    return ran(
      withBackups
        .filter((b) => b.verified === false)
        .map((b) => ({
          file: b.file,
          discriminator: b.newest ?? "newest",
          message: `The newest backup of ${b.file}, ${b.newest ?? "?"}, ${b.problem ?? "cannot be verified"}`,
        })),
    );
  },
});
