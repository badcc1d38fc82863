/**
 * Catalogued codes that have no checked example, each with the reason. The docs test fails when a
 * code without an example is missing here, and when a listed code has one: the list only shrinks.
 */
const INTERRUPTED =
  "needs a multi-file change killed between its steps (a journal left behind); apps/cli's kill test and config-schema's file-set tests make one";

export const WITHOUT_EXAMPLE: Readonly<Record<string, string>> = {
  SY1051: INTERRUPTED,
  SY1052: INTERRUPTED,
  SY1053: INTERRUPTED,
  SY2099: "a rule that throws (a bug in Switchyard): no input makes a correct rule throw",
  SY3004:
    "only a custom MigrationRegistry with a gap has no path; Switchyard's own registry links every version (migrate-texts.test.ts)",
  SY3008:
    "needs a write or a backup to fail mid-migration (a full disk); the migrations' tests inject the failure",
  SY3009:
    "needs the write and then the restore to fail (a disk that fills up mid-migration); only injected in tests",
  SY3024:
    "no code reports it: the migrations catalogue defines it but nothing emits it (a killed run's temp files are removed without a finding)",
  SY4004: "the generator producing output its own schema rejects (a bug in Switchyard): no input does it",
  SY5003: "an audit check that throws (a bug in Switchyard): no input makes a correct check throw",
  SY6012:
    "needs a port held by another user while Switchyard runs unprivileged; port-registry's other-user test does it as root with setpriv",
};
