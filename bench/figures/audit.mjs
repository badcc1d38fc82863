// `switchyard audit` of the 20k set (with its generated file), cold: every run a fresh process on a
// fresh copy, so no cache of an earlier audit helps.
export default {
  kind: "cli",
  name: "audit",
  title: "switchyard audit <dir>",
  input: "generated",
  args: ({ dir }) => ["audit", dir],
  // The audit's own exit codes: 0, 1 or 2 by score; 3 (could not run) and 70 are failures.
  exit: [0, 1, 2],
  verify(run) {
    // The audit must have read every file: one refused (SY1006, over the size cap) is a smaller audit.
    if (/SY1006|could not be read/.test(run.stdout + run.stderr))
      throw new Error(`the audit did not read every file:\n${(run.stdout + run.stderr).slice(0, 1500)}`);
  },
  library: {
    imports: ["audit"],
    async run({ audit }, { dir }) {
      const result = await audit.auditConfigDir(dir, { cwd: dir });
      if (result.status === "error") throw new Error("the audit could not run");
      audit.renderAudit(result, "text", { color: false, target: dir, toolVersion: "bench" });
    },
  },
};
