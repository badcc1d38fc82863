import { type CodeOf, defineCatalogue, diagnosticFactory } from "@switchyard/config-schema/diagnostics";

/** The diagnostic codes of `@switchyard/feature-flags` (SY7xxx). */
export const FLAG_CODES = {
  flagNotFound: "SY7001",
  invalidPercentage: "SY7002",
  versionConflict: "SY7003",
  invalidFlagName: "SY7004",
  invalidUser: "SY7005",
  overrideInvalid: "SY7010",
  overrideUnknownFlag: "SY7011",
  overrideAmbiguous: "SY7012",
  storeInvalid: "SY7020",
  storeUnavailable: "SY7021",
} as const;

/** What `switchyard explain SY7xxx` prints. */
export const flagsCatalogue = defineCatalogue([
  {
    code: FLAG_CODES.flagNotFound,
    name: "flag-not-found",
    title: "No flag of that name exists.",
    severity: "error",
    cause:
      "The flag is not in feature-flags.yaml (or the store). Evaluating an unknown flag gives off with the error code FLAG_NOT_FOUND; changing one is refused.",
    fix: "Check the spelling (`switchyard flags list`), or add the flag to feature-flags.yaml first.",
  },
  {
    code: FLAG_CODES.invalidPercentage,
    name: "invalid-percentage",
    title: "A rollout percentage is not a number from 0 to 100.",
    severity: "error",
    cause: "Rollouts are a share of users from 0 (nobody) to 100 (everybody); fractions are allowed.",
    fix: "Give a number from 0 to 100, e.g. `switchyard flags rollout new-router 25`.",
  },
  {
    code: FLAG_CODES.versionConflict,
    name: "version-conflict",
    title: "The flag changed since it was read (stale version).",
    severity: "error",
    cause:
      "Every change names the version it was based on; another writer changed the flag in between, so applying this change would silently undo theirs (a lost update).",
    fix: "Read the flag again and re-apply the change on top of its current version.",
  },
  {
    code: FLAG_CODES.invalidFlagName,
    name: "invalid-flag-name",
    title: "A flag name is empty or not a single line.",
    severity: "error",
    cause: "Flag names are keys of `flags:` in feature-flags.yaml: non-empty, one line.",
    fix: "Use a name such as `new-router`.",
  },
  {
    code: FLAG_CODES.invalidUser,
    name: "invalid-user",
    title: "A user id is empty or not a single line.",
    severity: "error",
    cause: "White- and blacklists hold user ids as the application passes them: non-empty, one line.",
    fix: "Give the user id exactly as the application passes it as `userId`.",
  },
  {
    code: FLAG_CODES.overrideInvalid,
    name: "env-override-invalid",
    title: "A FEATURE_* environment override has a value that cannot be read.",
    severity: "warning",
    cause:
      "`FEATURE_<NAME>` takes `true` or `false`, `FEATURE_<NAME>_ROLLOUT` a percentage from 0 to 100 and `FEATURE_<NAME>_WHITELIST` a comma-separated list of user ids. An override that cannot be read is ignored, so the file decides.",
    fix: "Fix the variable's value, or unset it.",
  },
  {
    code: FLAG_CODES.overrideUnknownFlag,
    name: "env-override-unknown-flag",
    title: "A FEATURE_* environment override names no flag.",
    severity: "warning",
    cause:
      "`<NAME>` is the flag's name in upper case with every character other than A–Z and 0–9 turned into `_` (`new-router` → `FEATURE_NEW_ROUTER`). No flag has that name, so the override does nothing.",
    fix: "Correct the variable's name, or add the flag to feature-flags.yaml.",
  },
  {
    code: FLAG_CODES.overrideAmbiguous,
    name: "env-override-ambiguous",
    title: "A FEATURE_* environment override matches two flags.",
    severity: "warning",
    cause:
      "Two flag names map to the same variable name (`new-router` and `new_router` are both `FEATURE_NEW_ROUTER`), so the override applies to neither.",
    fix: "Rename one of the flags.",
  },
  {
    code: FLAG_CODES.storeInvalid,
    name: "flag-store-invalid",
    title: "The flag file stopped validating; the last good state is still served.",
    severity: "error",
    cause:
      "A change to feature-flags.yaml (often a hand edit) made it unreadable or invalid. The store keeps evaluating the last valid state and reports why until the file is fixed.",
    fix: "Run `switchyard validate` and fix the file; the store picks the fixed file up without a restart.",
  },
  {
    code: FLAG_CODES.storeUnavailable,
    name: "flag-store-unavailable",
    title: "The flag store's backend is unreachable (degraded).",
    severity: "error",
    cause:
      "The Redis server cannot be reached. Reads serve the last known state; writes fail with this code. The store reconnects on its own and reloads the state when the server is back.",
    fix: "Check that the Redis server is up and reachable at the configured URL.",
  },
]);

/** The codes of `@switchyard/feature-flags` (SY7xxx), as a literal union inferred from {@link flagsCatalogue}. */
export type FlagCode = CodeOf<typeof flagsCatalogue>;

/**
 * A feature-flags diagnostic: severity and default message from {@link flagsCatalogue}; a code that is
 * not in it does not compile.
 */
export const flagsDiagnostic = diagnosticFactory(flagsCatalogue);
