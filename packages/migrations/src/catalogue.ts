import { type CodeOf, defineCatalogue, diagnosticFactory } from "@switchyard/config-schema/diagnostics";

/** SY3xxx: schema versions, migrations, migration history and rollback. */
export const migrationsCatalogue = defineCatalogue([
  {
    code: "SY3001",
    name: "newer-schema-version",
    title: "A file is written for a newer schema than this Switchyard knows.",
    severity: "error",
    cause:
      "Its `schema_version` is later than the newest version this release understands, so it may use fields or rules this release would misread or silently drop. Migrating it could lose data, so the whole set is left untouched.",
    fix: "Upgrade Switchyard (`npm i -g @switchyard/cli@latest`), then run the migration again.",
    example: 'schema_version: "3.0.0"',
  },
  {
    code: "SY3002",
    name: "unknown-schema-version",
    title: "A file names a schema version that never existed.",
    severity: "error",
    cause:
      "The version is older than the current one but not in the schema history (a typo, or a hand-edited marker).",
    fix: "Set the version the file was really written for; `switchyard migrate --history` lists them.",
    example: 'schema_version: "1.5.0"',
  },
  {
    code: "SY3003",
    name: "invalid-version-marker",
    title: "A file's version marker cannot be read.",
    severity: "error",
    cause:
      '`schema_version` must be a semver string; unquoted `2.0` is read by YAML as a number. Legacy files (1.0.0, 1.1.0) say `version: "1.0"` or `"1.1"`.',
    fix: 'Quote the version and give all three parts: `schema_version: "2.0.0"`.',
    example: "schema_version: 2.0",
  },
  {
    code: "SY3004",
    name: "no-migration-path",
    title: "No chain of migrations leads from the file's version to the target.",
    severity: "error",
    cause:
      "Some adjacent pair of versions has no migration in that direction (the message names it), typically a downgrade through a step that cannot be undone.",
    fix: "Choose another target, restore a backup, or use `switchyard migrate rollback` to return to the state before the last migration.",
  },
  {
    code: "SY3005",
    name: "unknown-target-version",
    title: "The requested target version is not a known schema version.",
    severity: "error",
    cause: "`--to` names a version that is not in the schema history.",
    fix: "Use one of the versions `switchyard migrate --history` lists, or `--auto` for the current one.",
  },
  {
    code: "SY3006",
    name: "step-validation-failed",
    title: "A file is not valid against a step's target schema.",
    severity: "error",
    cause:
      "After every step, each file is checked against the schema of the version it just reached. A value the older schema allowed but the newer one rejects (an unknown provider type under 1.1.0's stricter validation, say) cannot be fixed automatically. Nothing was written.",
    fix: "Fix the value named in the message in the original file, then run the migration again.",
    example: "providers:\n  local:\n    type: olama   # 1.1.0 only accepts known provider types",
  },
  {
    code: "SY3007",
    name: "migration-step-failed",
    title: "A migration step could not be applied to a file.",
    severity: "error",
    cause:
      "The step met a YAML construct it cannot edit without disturbing the rest of the file (a block scalar where a short value is expected, a key that exists under both its old and new name, an anchored sequence item), or failed unexpectedly. Nothing was written.",
    fix: "Edit that part of the file by hand into the form of the target version, or report the failure with the file attached.",
  },
  {
    code: "SY3008",
    name: "write-failed-restored",
    title: "Writing the migrated set failed; every file was restored.",
    severity: "error",
    cause:
      "A file could not be written (disk full, permissions, an injected failure). The migration is all or nothing, so every file already written was put back from the original bytes.",
    fix: "Fix the cause named in the message and run the migration again. The backups taken before writing are still beside the files.",
  },
  {
    code: "SY3009",
    name: "restore-failed",
    title: "A failed migration or rollback could not restore every file.",
    severity: "error",
    cause:
      "After a failed write, putting the original bytes back failed too, so the set may be half-migrated.",
    fix: "Copy the backups named in the message over the files by hand (each `<file>.backup-YYYYMMDD_HHMMSS` holds the content from before the run).",
  },
  {
    code: "SY3010",
    name: "no-config-files",
    title: "The directory holds no config file to migrate.",
    severity: "error",
    cause:
      "None of providers.yaml, model-mappings.yaml, ports.yaml or feature-flags.yaml exists in the directory.",
    fix: "Point `--config-dir` at the config set's directory.",
  },
  {
    code: "SY3011",
    name: "migration-locked",
    title: "Another process holds the config set's lock.",
    severity: "error",
    cause:
      "A migration, rollback or safe write is running on the same config set; two never interleave. The message names the holder's pid, host and start time.",
    fix: "Wait for it to finish. If that process is gone (after a reboot, say), delete the lock file named in the message.",
  },
  {
    code: "SY3012",
    name: "nothing-to-roll-back",
    title: "The migration history has no migration to roll back.",
    severity: "error",
    cause:
      "`config/.switchyard/migrations.jsonl` is missing, empty, or every migration in it has already been rolled back.",
    fix: "Restore an older state from the `.backup-` files beside the config files instead.",
  },
  {
    code: "SY3013",
    name: "rollback-file-changed",
    title: "A file changed after the migration that would be rolled back.",
    severity: "error",
    cause:
      "Its SHA-256 no longer matches the hash recorded after the migration, so rolling back would throw away later edits. Nothing was changed.",
    fix: "Keep the edits and migrate them by hand, or roll back anyway with `--force` (the current files are backed up first).",
  },
  {
    code: "SY3014",
    name: "rollback-backup-missing",
    title: "The backup a rollback needs is missing or altered.",
    severity: "error",
    cause:
      "The backup recorded for the migration is gone (pruned, moved) or its SHA-256 differs from the hash of the file before the migration. Nothing was changed.",
    fix: "Restore the file from another backup, or migrate down with `switchyard migrate --to <version>`.",
  },
  {
    code: "SY3015",
    name: "history-line-unreadable",
    title: "A line of the migration history could not be read.",
    severity: "warning",
    cause: "The line is not a JSON history record (truncated by a crash, or edited by hand). It is skipped.",
    fix: "Remove or repair the line in `config/.switchyard/migrations.jsonl`.",
  },
  {
    code: "SY3020",
    name: "vllm-provider-disabled",
    title: "A vLLM provider was disabled by the 2.0.0 migration.",
    severity: "warning",
    cause:
      "Schema 2.0.0 allows one active vLLM provider per host and port (a vLLM process serves one model). Where several were active, the first listed stays active and the others are set to `status: disabled`.",
    fix: "Check the choice: swap the `status` values to serve another model, or give each vLLM its own port.",
    example:
      "providers:\n  vllm-qwen:    {type: vllm, url: http://127.0.0.1:8001/v1, models: [qwen]}\n  vllm-dolphin: {type: vllm, url: http://127.0.0.1:8001/v1, models: [dolphin]}   # disabled",
  },
  {
    code: "SY3021",
    name: "unimplemented-field-removed",
    title: "A field that was never implemented was removed.",
    severity: "info",
    cause:
      "Schema 2.0.0 drops fields earlier versions accepted but nothing ever read. Their values are kept in the migration history.",
    fix: "Nothing to do. `switchyard migrate history --json` shows the removed values.",
  },
  {
    code: "SY3022",
    name: "irreversible-downgrade",
    title: "A downgrade cannot restore everything the upgrade changed.",
    severity: "warning",
    cause:
      "The step removed information on the way up (dropped fields, providers it disabled); going down cannot know it.",
    fix: "To return to the exact files from before an upgrade, use `switchyard migrate rollback`.",
  },
  {
    code: "SY3023",
    name: "values-normalised",
    title: "Quoted numbers and yes/no words were rewritten as numbers and booleans.",
    severity: "info",
    cause: 'Schema 1.1.0 validates types strictly; 1.0.0 accepted `port: "8001"` and `enabled: yes`.',
    fix: "Nothing to do: the values mean what they meant before.",
  },
  {
    code: "SY3024",
    name: "stale-temp-files-removed",
    title: "Temp files of an interrupted write were removed (no longer reported: see SY1051).",
    severity: "info",
    cause:
      "Atomic writes go through a temp file (`.<file>.tmp-<pid>-<random>`) beside the target; a writer that was killed mid-write leaves it behind. Every command now removes such leftovers before it reads the config directory and reports them as SY1051, with changes a crash interrupted; this code is kept so that it is never given another meaning.",
    fix: "Nothing to do.",
  },
]);

/** The migrations' codes (SY3xxx), as a literal union: a code outside the catalogue does not compile. */
export type MigrationsCode = CodeOf<typeof migrationsCatalogue>;

/** A finding of this package: severity and default message from {@link migrationsCatalogue}. */
export const migrationsDiagnostic = diagnosticFactory(migrationsCatalogue);
