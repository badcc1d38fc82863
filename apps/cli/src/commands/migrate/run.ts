import { resolve } from "node:path";
import type { Catalogue, Diagnostic } from "@switchyard/config-schema/diagnostics";
import { plural } from "@switchyard/config-schema/text";
import {
  type ConfigSetMigration,
  formatHistory,
  formatSchemaHistory,
  historyPath,
  migrateConfigSet,
  migrationsCatalogue,
  planMigration,
  type RollbackResult,
  readHistory,
  rollbackLastMigration,
  SCHEMA_HISTORY,
  type SetFileMigration,
} from "@switchyard/migrations";
import { booleanOption, stringOption } from "../../args.js";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { actionOrDirectory, configDirArgument, requireConfigDirectory } from "../../config-dir.js";
import { ioErrorFor, isFsError, UsageError } from "../../errors.js";
import { displayPath } from "../../paths.js";
import { jsonOnly, prettyDiagnostics, prunedData, prunedLines } from "../../report.js";

/** The subcommands: `switchyard migrate history`, `switchyard migrate rollback`. */
export const MIGRATE_ACTIONS = ["history", "rollback"] as const;
type Action = (typeof MIGRATE_ACTIONS)[number];

type Mode = "check" | "migrate" | "dry-run" | "schema-history" | Action;

/** Codes that mean the directory or a file could not be read: exit 2, as `validate` does. */
const UNREADABLE = new Set(["SY3010", "SY1010"]);

function usage(message: string): UsageError {
  return new UsageError(message, { hint: "Run 'switchyard migrate --help' for usage." });
}

/**
 * The action the first positional names, or `undefined` when it is the config directory instead
 * (`migrate DIR`, like `validate DIR`). A word close to an action that is not a path is a usage error.
 */
function parseAction(text: string | undefined, cwd: string): Action | undefined {
  return actionOrDirectory(text, MIGRATE_ACTIONS, "migrate", cwd);
}

/** Which of the mutually exclusive modes the flags select; conflicting flags are a usage error. */
function chooseMode(args: ParsedArgs, action: Action | undefined): Mode {
  const given = (["check", "auto", "dry-run", "history"] as const).filter((flag) =>
    booleanOption(args, flag),
  );
  const to = stringOption(args, "to");
  if (action !== undefined) {
    const extra = [...given.map((f) => `--${f}`), ...(to === undefined ? [] : ["--to"])];
    if (extra.length > 0) throw usage(`'migrate ${action}' takes no ${extra.join(" or ")}`);
    if (action === "history" && booleanOption(args, "force"))
      throw usage("--force applies only to 'migrate rollback'");
    return action;
  }
  if (booleanOption(args, "force")) throw usage("--force applies only to 'migrate rollback'");
  if (given.includes("history")) {
    if (given.length > 1 || to !== undefined)
      throw usage("--history lists the schema versions; it takes no other mode");
    return "schema-history";
  }
  if (given.includes("check") && (given.includes("auto") || given.includes("dry-run")))
    throw usage(`--check cannot be combined with --${given.includes("auto") ? "auto" : "dry-run"}`);
  if (given.includes("dry-run")) return "dry-run";
  if (given.includes("auto") || (to !== undefined && !given.includes("check"))) return "migrate";
  return "check";
}

interface Run {
  readonly context: CommandContext;
  readonly catalogue: Catalogue;
  /** Absolute config directory. */
  readonly dir: string;
  /** The directory as shown, and as passed back in suggested commands. */
  readonly shownDir: string;
  readonly to: string | undefined;
}

function dirFlag(run: Run): string {
  return run.shownDir === "config" ? "" : ` --config-dir ${run.shownDir}`;
}

function problems(run: Run, diagnostics: readonly Diagnostic[]): string {
  return prettyDiagnostics(diagnostics, run.context, { stream: "stderr", catalogue: run.catalogue });
}

function notes(run: Run, diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return "";
  return `\n${prettyDiagnostics(diagnostics, run.context, { stream: "stdout", catalogue: run.catalogue })}`;
}

function failure(
  run: Run,
  result: { readonly diagnostics: readonly Diagnostic[] },
  data: unknown,
): CommandOutcome {
  return {
    status: result.diagnostics.some((d) => UNREADABLE.has(d.code)) ? "io-error" : "invalid",
    data,
    stderr: problems(run, result.diagnostics),
  };
}

function fileLines(
  files: readonly SetFileMigration[],
  describe: (file: SetFileMigration) => string,
): string[] {
  const width = files.reduce((w, f) => Math.max(w, f.fileName.length), 0);
  return files.map((f) => `  ${f.fileName.padEnd(width)}  ${describe(f)}`.trimEnd());
}

function current(run: Run, result: ConfigSetMigration): CommandOutcome {
  return {
    status: "ok",
    data: result,
    stdout: `${run.context.style.green("✔")} the set is current (${result.target}); nothing to migrate in ${run.shownDir}\n`,
  };
}

async function check(run: Run): Promise<CommandOutcome> {
  const result = await planMigration(run.dir, {
    cwd: run.context.io.cwd,
    ...(run.to === undefined ? {} : { to: run.to }),
  });
  if (!result.ok) return failure(run, result, result);
  if (result.status === "current") return current(run, result);
  const to = run.to === undefined ? "" : ` --to ${run.to}`;
  const lines = [
    `${run.shownDir} is at ${result.from}; the target is ${result.target}:`,
    ...fileLines(result.files, (f) => (f.changed ? f.versions.join(" → ") : `${f.from} (unchanged)`)),
    "",
    `Run 'switchyard migrate${run.to === undefined ? " --auto" : to}${dirFlag(run)}' to migrate it (every file is backed up first);`,
    `'switchyard migrate --dry-run${to}${dirFlag(run)}' shows the changes${result.notes.length > 0 ? ` and ${plural(result.notes.length, "note")} on what they do` : ""}.`,
  ];
  // Like `prettier --check`: outdated is a failed check.
  return { status: "invalid", data: result, stdout: `${lines.join("\n")}\n` };
}

async function dryRun(run: Run): Promise<CommandOutcome> {
  const result = await migrateConfigSet(run.dir, {
    dryRun: true,
    cwd: run.context.io.cwd,
    ...(run.to === undefined ? {} : { to: run.to }),
  });
  if (!result.ok) return failure(run, result, result);
  if (result.status === "current") return current(run, result);
  const diffs = result.files.flatMap((f) =>
    f.diff === undefined || f.diff.kind === "equal"
      ? []
      : [f.diff.kind === "patch" ? f.diff.text : `${f.fileName}: ${f.diff.text}`],
  );
  const summary = [
    `Dry run: ${run.shownDir} would go from ${result.from} to ${result.target}; nothing was written.`,
    ...fileLines(result.files, (f) => (f.changed ? f.versions.join(" → ") : `${f.from} (unchanged)`)),
  ];
  return {
    status: "ok",
    data: result,
    stdout: `${diffs.join("")}${diffs.length > 0 ? "\n" : ""}${summary.join("\n")}\n${notes(run, result.notes)}`,
  };
}

/**
 * A migration or rollback that the file system refused (read-only, full, not writable) is an I/O
 * error, exit 2, "Cannot write <dir>: read-only file system"; the files are intact (all or nothing).
 */
function throwIfFsError(run: Run, error: unknown): never {
  if (isFsError(error)) throw ioErrorFor("write", run.shownDir, run.dir, error);
  throw error;
}

async function migrate(run: Run): Promise<CommandOutcome> {
  const { cwd } = run.context.io;
  const result = await migrateConfigSet(run.dir, {
    cwd,
    ...(run.to === undefined ? {} : { to: run.to }),
  }).catch((error: unknown) => throwIfFsError(run, error));
  if (!result.ok) return failure(run, result, result);
  if (result.status === "current") return current(run, result);
  const backup = (f: SetFileMigration) =>
    f.backup === undefined ? "" : run.context.style.dim(`  (backup: ${displayPath(f.backup, cwd)})`);
  const lines = [
    `${run.context.style.green("Migrated")} ${run.shownDir} from ${result.from} to ${result.target}:`,
    ...fileLines(
      result.files,
      (f) => `${f.changed ? f.versions.join(" → ") : `${f.from} (unchanged)`}${backup(f)}`,
    ),
    "",
    ...(result.record === undefined
      ? []
      : [
          `Recorded as ${result.record.id} in ${displayPath(historyPath(run.dir), cwd)}; 'switchyard migrate rollback${dirFlag(run)}' undoes it.`,
        ]),
    `Check the result with 'switchyard validate ${run.shownDir}'.`,
    ...prunedLines(result.pruned, run.context),
  ];
  const { pruned, ...migrated } = result;
  return {
    status: "ok",
    data: { ...migrated, ...prunedData(pruned, cwd) },
    stdout: `${lines.join("\n")}\n${notes(run, result.notes)}`,
  };
}

async function history(run: Run): Promise<CommandOutcome> {
  let reading: Awaited<ReturnType<typeof readHistory>>;
  try {
    reading = await readHistory(run.dir);
  } catch (error) {
    const path = historyPath(run.dir);
    throw ioErrorFor("read", displayPath(path, run.context.io.cwd), path, error);
  }
  return {
    status: "ok",
    data: reading,
    stdout: formatHistory(reading.records),
    ...(reading.diagnostics.length > 0 ? { stderr: problems(run, reading.diagnostics) } : {}),
  };
}

function rolledBack(run: Run, result: RollbackResult): string {
  const { cwd } = run.context.io;
  const undone = result.undone;
  const backups = new Map(
    (result.record?.files ?? []).flatMap((f) =>
      f.backup === undefined ? [] : [[f.file, f.backup] as const],
    ),
  );
  const width = result.files.reduce((w, f) => Math.max(w, f.fileName.length), 0);
  const lines = [
    `${run.context.style.green("Rolled back")} migration ${undone?.id ?? "?"} (${undone?.from ?? "?"} → ${undone?.to ?? "?"}) in ${run.shownDir}:`,
    ...result.files.map((f) => {
      const backup = backups.get(f.fileName);
      const saved =
        backup === undefined
          ? ""
          : run.context.style.dim(
              `  (the migrated file is saved as ${displayPath(resolve(run.dir, backup), cwd)})`,
            );
      return `  ${f.fileName.padEnd(width)}  ${f.from} → ${f.to}, sha256 ${f.hash.slice(0, 12)} verified${saved}`;
    }),
  ];
  if (result.files.length === 0) lines.push("  (no file had changed)");
  return `${lines.join("\n")}\n`;
}

async function rollback(run: Run, force: boolean): Promise<CommandOutcome> {
  const result = await rollbackLastMigration(run.dir, { force, cwd: run.context.io.cwd }).catch(
    (error: unknown) => throwIfFsError(run, error),
  );
  if (!result.ok) return failure(run, result, result);
  return {
    status: "ok",
    data: result,
    stdout: rolledBack(run, result),
    ...(result.diagnostics.length > 0 ? { stderr: problems(run, result.diagnostics) } : {}),
  };
}

/**
 * `switchyard migrate`: `--check` (the default) reports each file's schema version and exits 1
 * when the set is outdated; `--auto` / `--to V` migrate the whole set, all or nothing, backed up
 * and recorded; `--dry-run` prints the diffs; `--history` prints the schema history;
 * `migrate history` prints the recorded runs; `migrate rollback` undoes the last migration.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const { cwd } = context.io;
  const action = parseAction(args.positionals[0], cwd);
  if (action === undefined && args.positionals.length > 1)
    throw usage(`Two directories given: '${args.positionals[0]}' and '${args.positionals[1]}'; pass one`);
  const mode = chooseMode(args, action);
  if (mode === "schema-history") return { status: "ok", data: SCHEMA_HISTORY, stdout: formatSchemaHistory() };
  const dir = resolve(
    cwd,
    configDirArgument(args, "migrate", { positional: true, positionalIndex: action === undefined ? 0 : 1 }),
  );
  await requireConfigDirectory(dir, cwd);
  const run: Run = {
    context,
    catalogue: cliCatalogue(migrationsCatalogue),
    dir,
    shownDir: displayPath(dir, cwd),
    to: stringOption(args, "to"),
  };
  const outcome = await (async () => {
    switch (mode) {
      case "check":
        return check(run);
      case "dry-run":
        return dryRun(run);
      case "migrate":
        return migrate(run);
      case "history":
        return history(run);
      case "rollback":
        return rollback(run, booleanOption(args, "force"));
    }
  })();
  return booleanOption(args, "json") ? jsonOnly(outcome) : outcome;
}
