import { basename, dirname, join, resolve } from "node:path";
import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { BoundedReadError, readBoundedFile } from "@switchyard/config-schema/fs";
import { CONFIG_FILE_KINDS, CONFIG_FILES } from "@switchyard/config-schema/schemas";
import { plural } from "@switchyard/config-schema/text";
import {
  type BackupEntries,
  type BackupInfo,
  type BackupVerification,
  backupFile,
  backupMaxBytes,
  copyMaxBytes,
  DEFAULT_RETENTION,
  type ForeignBackup,
  listBackupEntries,
  type NaiveTime,
  pruneBackups,
  RETENTION_RULES,
  type RetentionDecision,
  type RetentionPolicy,
  type RetentionRule,
  recoverFileSets,
  recoveryDiagnostics,
  verifyBackup,
  writeFileSafely,
} from "@switchyard/config-schema/write";
import { DEFAULT_OUTPUT_FILE, generatorCatalogue } from "@switchyard/litellm-generator";
import { booleanOption, stringOption } from "../../args.js";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument, requireConfigDirectory } from "../../config-dir.js";
import { ioErrorFor, UsageError } from "../../errors.js";
import { displayPath } from "../../paths.js";
import { prettyDiagnostics, prunedData, prunedLines } from "../../report.js";

/** The actions of `switchyard backup`. */
export const BACKUP_ACTIONS = ["list", "prune", "verify", "restore", "create"] as const;
type Action = (typeof BACKUP_ACTIONS)[number];

/** The `--keep-*` option of each retention rule. */
const KEEP_OPTIONS: Readonly<Record<RetentionRule, string>> = {
  last: "keep-last",
  hourly: "keep-hourly",
  daily: "keep-daily",
  weekly: "keep-weekly",
  monthly: "keep-monthly",
  yearly: "keep-yearly",
};

/** Which options each action takes (besides --config-dir, --file and --json). */
const ACTION_OPTIONS: Readonly<Record<Action, readonly string[]>> = {
  list: Object.values(KEEP_OPTIONS),
  prune: [...Object.values(KEEP_OPTIONS), "dry-run"],
  verify: ["all"],
  restore: ["latest", "force"],
  create: ["all"],
};
const SHARED_OPTIONS = new Set(["config-dir", "file", "json", "help"]);

function usage(message: string, hint = "Run 'switchyard backup --help' for usage."): UsageError {
  return new UsageError(message, { hint });
}

function parseAction(args: ParsedArgs): Action {
  const text = args.positionals[0];
  if (text === undefined) throw usage(`Missing action: one of ${BACKUP_ACTIONS.join(", ")}`);
  if (!(BACKUP_ACTIONS as readonly string[]).includes(text)) {
    throw usage(
      `Unknown backup action '${text}'${didYouMean(suggestName(text, BACKUP_ACTIONS))} (actions: ${BACKUP_ACTIONS.join(", ")})`,
    );
  }
  const action = text as Action;
  for (const [name, value] of Object.entries(args.values)) {
    if (value === undefined || SHARED_OPTIONS.has(name) || ACTION_OPTIONS[action].includes(name)) continue;
    throw usage(`'backup ${action}' takes no --${name}`);
  }
  const extra = args.positionals[backupPositionals(action, args).dirIndex + 1];
  if (extra !== undefined)
    throw usage(
      action === "restore"
        ? `Too many arguments for 'backup restore': unexpected '${extra}' (write 'backup restore <name> [dir]' or 'backup restore --latest [dir]')`
        : `Too many arguments for 'backup ${action}': unexpected '${extra}' (write 'backup ${action} [dir]')`,
    );
  return action;
}

/**
 * Where the positionals of an action are: every action takes the config directory as its last
 * positional, like `validate DIR` and `migrate DIR` (`backup list config`); `restore` names the
 * backup first unless `--latest` picks it (`backup restore <name> [dir]`, `backup restore --latest [dir]`).
 */
function backupPositionals(action: Action, args: ParsedArgs): { nameIndex?: number; dirIndex: number } {
  if (action === "restore" && !booleanOption(args, "latest")) return { nameIndex: 1, dirIndex: 2 };
  return { dirIndex: 1 };
}

/**
 * The retention policy: the defaults (10 last, 7 daily, 4 weekly) with each given `--keep-*` replacing
 * its rule. `unlimited` (or `-1`, written `--keep-daily=-1` so it is not read as an option) keeps every
 * period; `0` turns the rule off.
 */
export function retentionPolicy(args: ParsedArgs): RetentionPolicy {
  const policy: Record<string, number> = { ...DEFAULT_RETENTION };
  for (const rule of RETENTION_RULES) {
    const text = stringOption(args, KEEP_OPTIONS[rule]);
    if (text === undefined) continue;
    const trimmed = text.trim();
    if (trimmed !== "unlimited" && !/^(-1|\d+)$/.test(trimmed))
      throw usage(
        `Invalid --${KEEP_OPTIONS[rule]} '${text}': write a whole number, 0 to turn the rule off, or unlimited (--${KEEP_OPTIONS[rule]}=-1)`,
      );
    policy[rule] = trimmed === "unlimited" ? -1 : Number(trimmed);
  }
  return policy;
}

/** `last 10, daily 7, weekly 4` */
export function describePolicy(policy: RetentionPolicy): string {
  const parts = RETENTION_RULES.flatMap((rule) => {
    const count = policy[rule];
    if (count === undefined || count === 0) return [];
    return [`${rule} ${count === -1 ? "unlimited" : count}`];
  });
  return parts.length === 0 ? "no rule: everything is kept" : parts.join(", ");
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `2026-11-26 12:15:00` (the backup's stamp, in the local time it was taken in). */
export function formatTime(t: NaiveTime): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** The config file a backup command works on: `--file` (a bare name is a file of the config directory), else the generated file. */
function targetFile(action: Action, args: ParsedArgs, cwd: string): string {
  const { dirIndex } = backupPositionals(action, args);
  const dir = resolve(
    cwd,
    configDirArgument(args, "backup", { positional: true, positionalIndex: dirIndex }),
  );
  const file = stringOption(args, "file");
  if (file === undefined) return join(dir, DEFAULT_OUTPUT_FILE);
  return file.includes("/") || file.includes("\\") ? resolve(cwd, file) : join(dir, file);
}

interface Run {
  readonly context: CommandContext;
  /** Absolute path of the backed-up file. */
  readonly path: string;
  readonly shown: string;
}

async function decide(run: Run, policy: RetentionPolicy, dryRun: boolean) {
  try {
    return await pruneBackups(run.path, policy, { dryRun });
  } catch (error) {
    throw ioErrorFor(dryRun ? "list the backups of" : "prune the backups of", run.shown, run.path, error);
  }
}

function decisionRows(decisions: readonly RetentionDecision<BackupInfo>[]) {
  return decisions.map((d) => ({
    name: d.item.name,
    path: d.item.path,
    stamp: d.item.stamp,
    time: formatTime(d.item.time),
    size: d.item.size,
    keep: d.keep,
    reasons: d.reasons,
  }));
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? "").length), 0)) ?? [];
  return rows.map((r) =>
    `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("   ")}`.trimEnd(),
  );
}

function foreignRows(foreign: readonly ForeignBackup[]) {
  return foreign.map((f) => ({ name: f.name, path: f.path, fileType: f.fileType }));
}

/** The entries named like backups that are not regular files: shown, never read, restored or pruned. */
function foreignLines(run: Run, foreign: readonly ForeignBackup[]): string {
  if (foreign.length === 0) return "";
  const lines = [
    "",
    `Foreign (named like backups of ${run.shown}, but not regular files of its directory; never read, restored or pruned):`,
    ...table(foreign.map((f) => [f.name, `a ${f.fileType}`])),
  ];
  return `${run.context.style.yellow(lines.join("\n"))}\n`;
}

async function list(run: Run, policy: RetentionPolicy): Promise<CommandOutcome> {
  const { decisions, foreign } = await decide(run, policy, true);
  const backups = decisionRows(decisions);
  const data = { file: run.shown, policy, backups, foreign: foreignRows(foreign) };
  const others = foreignLines(run, foreign);
  if (backups.length === 0) return { status: "ok", data, stdout: `No backups of ${run.shown}.\n${others}` };
  const { style } = run.context;
  const removed = backups.filter((b) => !b.keep).length;
  const lines = [
    `Backups of ${run.shown}, newest first (retention: ${describePolicy(policy)}):`,
    ...table(
      backups.map((b) => [
        b.name,
        b.time,
        formatSize(b.size),
        b.keep ? style.green("keep") : style.yellow("prune"),
        b.keep ? b.reasons.join(", ") : "",
      ]),
    ),
    "",
    removed === 0
      ? `${plural(backups.length, "backup")}; the policy keeps all of them.`
      : `${plural(backups.length, "backup")}; 'switchyard backup prune' would remove ${removed}.`,
  ];
  return { status: "ok", data, stdout: `${lines.join("\n")}\n${others}` };
}

async function prune(run: Run, policy: RetentionPolicy, dryRun: boolean): Promise<CommandOutcome> {
  const result = await decide(run, policy, dryRun);
  const backups = decisionRows(result.decisions);
  const data = {
    file: run.shown,
    policy,
    dryRun,
    removed: result.removed.map((b) => b.name),
    kept: backups.filter((b) => b.keep).map((b) => ({ name: b.name, reasons: b.reasons })),
    removedTempFiles: result.removedTempFiles.map((p) => displayPath(p, run.context.io.cwd)),
    foreign: foreignRows(result.foreign),
  };
  const others = foreignLines(run, result.foreign);
  const cleaned =
    data.removedTempFiles.length === 0
      ? ""
      : `Removed ${plural(data.removedTempFiles.length, "temp file")} left by an interrupted write: ${data.removedTempFiles.join(", ")}\n`;
  if (backups.length === 0)
    return {
      status: "ok",
      data,
      stdout: `No backups of ${run.shown}; nothing to prune.\n${cleaned}${others}`,
    };
  const verb = dryRun ? "Would remove" : "Removed";
  const lines = [
    `${verb} ${plural(result.removed.length, "backup")} of ${run.shown} and kept ${result.kept.length} (retention: ${describePolicy(policy)}):`,
    ...table(
      backups.map((b) => [
        b.keep ? "kept" : dryRun ? "would remove" : "removed",
        b.name,
        b.time,
        b.keep ? b.reasons.join(", ") : "",
      ]),
    ),
  ];
  if (dryRun) lines.push("", "Dry run: nothing was deleted.");
  return { status: "ok", data, stdout: `${lines.join("\n")}\n${cleaned}${others}` };
}

function verificationReport(run: Run, results: readonly BackupVerification[]): string {
  const { style } = run.context;
  const width = results.reduce((w, r) => Math.max(w, r.name.length), 0);
  const lines = results.map((r) =>
    r.ok
      ? `  ${style.green("✔")} ${r.name.padEnd(width)}  restorable${r.notes.length > 0 ? `: ${r.notes.join("; ")}` : ""}`
      : `  ${style.red("✖")} ${r.name.padEnd(width)}  ${r.problems.join("; ")}`,
  );
  const failed = results.filter((r) => !r.ok);
  const head =
    failed.length === 0
      ? `${plural(results.length, "backup")} of ${run.shown} verified:`
      : `${failed.length} of ${plural(results.length, "backup")} of ${run.shown} failed verification:`;
  const details = failed.flatMap((r) => r.diagnostics.filter((d) => d.severity === "error"));
  if (details.length === 0) return `${head}\n${lines.join("\n")}\n`;
  const sources = new Map(failed.flatMap((r) => (r.text === undefined ? [] : [[r.file, r.text] as const])));
  const rendered = prettyDiagnostics(details, run.context, {
    stream: "stdout",
    catalogue: cliCatalogue(generatorCatalogue),
    sources,
  });
  return `${head}\n${lines.join("\n")}\n\n${rendered}`;
}

/**
 * Verify backups one at a time, keeping the text (for code frames) only of those that fail: a
 * backup of a large generated file is read and parsed whole, so 500 of them at once would not fit
 * in memory.
 */
async function verifyAll(run: Run, backups: readonly BackupInfo[]): Promise<BackupVerification[]> {
  const { cwd } = run.context.io;
  const baseName = basename(run.path);
  const maxBytes = await backupMaxBytes(run.path);
  const results: BackupVerification[] = [];
  for (const b of backups) {
    const result = await verifyBackup(b, baseName, displayPath(b.path, cwd), { maxBytes });
    if (!result.ok) results.push(result);
    else {
      const { text: _text, ...kept } = result;
      results.push(kept);
    }
  }
  return results;
}

async function listBackupsOf(run: Run): Promise<BackupInfo[]> {
  return (await backupEntriesOf(run)).backups;
}

async function backupEntriesOf(run: Run): Promise<BackupEntries> {
  try {
    return await listBackupEntries(run.path);
  } catch (error) {
    throw ioErrorFor("list the backups of", run.shown, run.path, error);
  }
}

async function verify(run: Run, all: boolean): Promise<CommandOutcome> {
  const backups = await listBackupsOf(run);
  if (backups.length === 0) {
    return {
      status: "invalid",
      data: { file: run.shown, ok: false, backups: [] },
      stderr: `No backups of ${run.shown} to verify.\n`,
    };
  }
  const results = await verifyAll(run, all ? backups : backups.slice(0, 1));
  const ok = results.every((r) => r.ok);
  return {
    status: ok ? "ok" : "invalid",
    data: { file: run.shown, ok, backups: results.map(({ text: _text, ...r }) => r) },
    stdout: verificationReport(run, results),
  };
}

function findBackup(backups: readonly BackupInfo[], query: string): BackupInfo {
  const name = basename(query);
  const found = backups.find((b) => b.name === name || b.name.endsWith(`.backup-${name}`));
  if (found !== undefined) return found;
  const stamp = /^\d{8}_\d{6}/.test(name);
  const suggestion = suggestName(
    name,
    backups.map((b) => (stamp ? b.name.slice(b.name.lastIndexOf(".backup-") + ".backup-".length) : b.name)),
  );
  throw usage(
    `No backup named '${query}'${didYouMean(suggestion)}`,
    "Run 'switchyard backup list' to see the backups.",
  );
}

/**
 * `backup create`: copy the file (with `--all`, every config file of the directory that exists) to a
 * new `<file>.backup-YYYYMMDD_HHMMSS` through the one backup writer (`backupFile`: exclusive, atomic,
 * keeping the mode; an identical backup of the same second is reused), read up to `copyMaxBytes` (twice
 * its newest backup, never under 16 MiB). A named file that does not exist is an error (exit 1):
 * there is nothing to back up.
 */
async function create(run: Run, all: boolean): Promise<CommandOutcome> {
  const { cwd } = run.context.io;
  const dir = dirname(run.path);
  const paths = all ? CONFIG_FILE_KINDS.map((kind) => join(dir, CONFIG_FILES[kind].fileName)) : [run.path];
  const created: { file: string; backup: string }[] = [];
  for (const path of paths) {
    const shown = displayPath(path, cwd);
    let backup: string | undefined;
    try {
      backup = await backupFile(path, { maxBytes: await copyMaxBytes(path) });
    } catch (error) {
      throw ioErrorFor("back up", shown, path, error);
    }
    if (backup !== undefined) created.push({ file: shown, backup: displayPath(backup, cwd) });
  }
  const data = { created };
  if (created.length === 0) {
    const what = all ? `no config file in ${displayPath(dir, cwd)}` : `${run.shown} does not exist`;
    return { status: "invalid", data, stderr: `Nothing to back up: ${what}.\n` };
  }
  const lines = [
    `Backed up ${plural(created.length, "file")}:`,
    ...table(created.map((c) => [c.file, `→ ${c.backup}`])),
  ];
  return { status: "ok", data, stdout: `${lines.join("\n")}\n` };
}

async function restore(run: Run, args: ParsedArgs): Promise<CommandOutcome> {
  const { nameIndex } = backupPositionals("restore", args);
  const query = nameIndex === undefined ? undefined : args.positionals[nameIndex];
  const latest = booleanOption(args, "latest");
  if (query === undefined && !latest) throw usage("Name the backup to restore, or pass --latest");
  if (query !== undefined && latest)
    throw usage(`Pass either a backup name or --latest, not both (got '${query}')`);
  const { backups, foreign } = await backupEntriesOf(run);
  const other = query === undefined ? undefined : foreign.find((f) => f.name === basename(query));
  if (other !== undefined)
    throw usage(
      `Refusing to restore ${other.name}: it is a ${other.fileType}, not a regular file of ${displayPath(dirname(run.path), run.context.io.cwd)}`,
      "Backups are regular files inside the config directory; a foreign entry is never read or restored. Run 'switchyard backup list'.",
    );
  if (backups.length === 0)
    throw usage(`There are no backups of ${run.shown}`, "Run 'switchyard backup list'.");
  const backup = query === undefined ? backups[0]! : findBackup(backups, query);
  const [verification] = await verifyAll(run, [backup]);
  const force = booleanOption(args, "force");
  if (!verification!.ok && !force) {
    return {
      status: "invalid",
      data: { file: run.shown, restored: false, backup: backup.name, verification },
      stderr: `Refusing to restore ${backup.name}: it ${verification!.problems.join("; ")}.\nRun 'switchyard backup verify --all' for details, or pass --force to restore it anyway (the current file is backed up first).\n`,
    };
  }
  const read = await readBoundedFile(backup.path, {
    noFollow: true,
    maxBytes: await backupMaxBytes(run.path),
  });
  if (!read.ok)
    throw ioErrorFor(
      "read",
      displayPath(backup.path, run.context.io.cwd),
      backup.path,
      new BoundedReadError(backup.path, read.failure),
    );
  const bytes = read.bytes;
  let written: Awaited<ReturnType<typeof writeFileSafely>>;
  try {
    written = await writeFileSafely(run.path, bytes, { backup: true, lock: true });
  } catch (error) {
    throw ioErrorFor("write", run.shown, run.path, error);
  }
  const { cwd } = run.context.io;
  const saved = written.backupPath === undefined ? undefined : displayPath(written.backupPath, cwd);
  const lines = written.changed
    ? [
        `${run.context.style.green("Restored")} ${run.shown} from ${backup.name} (${formatTime(backup.time)}).`,
        ...(saved === undefined
          ? []
          : [run.context.style.dim(`  the replaced content is saved as ${saved}`)]),
      ]
    : [`${run.shown} already has the content of ${backup.name}; nothing written.`];
  if (!verification!.ok)
    lines.push(
      run.context.style.yellow(`  restored with --force although it ${verification!.problems.join("; ")}`),
    );
  for (const line of prunedLines(written.pruned, run.context)) lines.push(line);
  return {
    status: "ok",
    data: {
      file: run.shown,
      restored: true,
      backup: backup.name,
      changed: written.changed,
      ...(saved === undefined ? {} : { savedAs: saved }),
      verification,
      ...prunedData(written.pruned, cwd),
    },
    stdout: `${lines.join("\n")}\n`,
  };
}

/**
 * `switchyard backup list|prune|verify|restore`: the `<file>.backup-YYYYMMDD_HHMMSS` copies Switchyard
 * keeps of a config file (default: the generated litellm-unified.yaml). `list` shows each with the
 * retention rules that keep it; `prune` deletes the ones no rule keeps (restic's `forget` semantics);
 * `verify` checks that the newest (or `--all`) would restore to a valid file; `restore` puts one back
 * atomically, backing the current file up first, and refuses an invalid backup unless `--force`.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const action = parseAction(args);
  const path = targetFile(action, args, context.io.cwd);
  const target: Run = { context, path, shown: displayPath(path, context.io.cwd) };
  const dir = dirname(path);
  await requireConfigDirectory(dir, context.io.cwd);
  // A multi-file change a crash interrupted in the directory is finished first, and reported.
  const recovery = recoveryDiagnostics(await recoverFileSets(dir), displayPath(dir, context.io.cwd));
  const outcome = await runAction(action, target, args);
  if (recovery.length === 0) return outcome;
  const notes = prettyDiagnostics(recovery, context, { stream: "stderr", catalogue: cliCatalogue() });
  return { ...outcome, stderr: `${notes}${outcome.stderr ?? ""}` };
}

function runAction(action: Action, target: Run, args: ParsedArgs): Promise<CommandOutcome> {
  switch (action) {
    case "list":
      return list(target, retentionPolicy(args));
    case "prune":
      return prune(target, retentionPolicy(args), booleanOption(args, "dry-run"));
    case "verify":
      return verify(target, booleanOption(args, "all"));
    case "restore":
      return restore(target, args);
    case "create":
      return create(target, booleanOption(args, "all"));
  }
}
