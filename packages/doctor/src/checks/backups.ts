import { plural } from "@switchyard/config-schema/text";
import { defineDoctorCheck } from "../context.js";

export const backups = defineDoctorCheck({
  id: "backups",
  title: "backups present and verifiable",
  critical: false,
  async run(context) {
    const facts = await context.facts();
    const files = facts.backups;
    if (files.length === 0) return { status: "skip", reason: "no config files to have backups of" };
    const broken = files.filter((b) => b.verified === false);
    if (broken.length > 0)
      return {
        status: "fail",
        reason: `the newest backup of ${broken.map((b) => `${b.file} (${b.newest})`).join(", ")} cannot be restored`,
        fix: `switchyard backup verify${context.dirFlag}`,
        data: files,
      };
    const without = files.filter((b) => b.count === 0);
    const total = files.reduce((sum, b) => sum + b.count, 0);
    if (without.length === files.length)
      return {
        status: "warn",
        reason: "no backups yet (every write by switchyard makes one)",
        fix: `switchyard backup create --all${context.dirFlag}`,
        data: files,
      };
    if (without.length > 0)
      return {
        status: "warn",
        reason: `${plural(total, "backup")}, none of ${without.map((b) => b.file).join(", ")}`,
        fix: `switchyard backup create --all${context.dirFlag}`,
        data: files,
      };
    return {
      status: "pass",
      reason: `${plural(total, "backup")} of ${plural(files.length, "file")}; the newest of each verifies`,
      data: files,
    };
  },
});
