import type { CommandSpec } from "../../command.js";
import { configDirOption, dryRunOption, forceOption, jsonOption } from "../../options.js";

/** `switchyard migrate`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "migrate",
  summary: "Check, migrate or roll back the schema version of a config set.",
  description:
    "Without a mode (or with --check) reports each file's schema version and the versions between it and the target, and exits 1 when the set is outdated. --auto migrates every file to the current schema (--to <version> to another, up or down), all or nothing: each step is validated in memory, every file is backed up, the changed files are replaced atomically, comments are kept, and the run is recorded in <config-dir>/.switchyard/migrations.jsonl. --dry-run prints the diffs and writes nothing; --history prints the schema versions and their changes. 'migrate history' prints the recorded runs; 'migrate rollback' restores the set to its state before the last migration, verified by hash (--force when a file changed since).",
  positionals: [
    {
      name: "action-or-dir",
      description:
        "history: the recorded runs; rollback: undo the last migration. Anything else is the config directory (the same as --config-dir).",
    },
    { name: "dir", description: "After an action: the config directory (the same as --config-dir)." },
  ],
  options: {
    "config-dir": configDirOption("Config directory to migrate."),
    check: {
      type: "boolean",
      description: "Report the versions and what would change; exit 1 when outdated (the default mode).",
    },
    auto: { type: "boolean", description: "Migrate every file to the current schema version." },
    to: {
      type: "string",
      valueName: "version",
      description:
        "Migrate (or with --check/--dry-run, plan) to this version instead, e.g. 1.2.0; older versions migrate down.",
    },
    "dry-run": dryRunOption("Print the diff of every file; write nothing."),
    history: { type: "boolean", description: "Print the schema versions and what each changed." },
    force: forceOption(
      "rollback: roll back even when a file changed after the migration (it is backed up first).",
    ),
    json: jsonOption(),
  },
  examples: [
    {
      command: "switchyard migrate examples/legacy-v1",
      description: "Is the set outdated? (exit 1 when it is)",
    },
    { command: "switchyard migrate --dry-run", description: "Show the changes a migration makes" },
    { command: "switchyard migrate --auto", description: "Migrate ./config to the current schema" },
    { command: "switchyard migrate --to 1.2.0", description: "Migrate to (or down to) a given version" },
    { command: "switchyard migrate history", description: "List the recorded migrations" },
    { command: "switchyard migrate rollback", description: "Undo the last migration" },
    { command: "switchyard migrate --history", description: "The schema versions and their changes" },
  ],
  load: () => import("./run.js"),
};
