import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import { hostname, userInfo } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import {
  displayPath,
  makeDirectory,
  readBoundedFile,
  readBoundedFileIfExists,
  readFailureDiagnostic,
} from "@switchyard/config-schema/fs";
import type { JsonReport } from "@switchyard/config-schema/render";
import { CONFIG_FILES } from "@switchyard/config-schema/schemas";
import { sha256 } from "@switchyard/config-schema/text";
import {
  backupFile,
  FileLockedError,
  recoverFileSets,
  recoveryDiagnostics,
  type WritePrune,
  withFileLock,
  writeFileSet,
} from "@switchyard/config-schema/write";
import { parseYaml } from "@switchyard/config-schema/yaml";
import { migrationsDiagnostic } from "../catalogue.js";
import type { MigratedKind } from "../migrations/types.js";
import { type HistoryRecord, historyWithRecord, STATE_DIR } from "./history-log.js";
import {
  type FileMigration,
  MIGRATED_KINDS,
  type MigrateTextsOptions,
  migrateConfigTexts,
  type TextMigration,
} from "./migrate-texts.js";

/** Options shared by everything that reads and writes a config directory. */
export interface ConfigDirOptions {
  /** Who ran it, for the history (default: the OS user). */
  readonly user?: string;
  /** The clock for history times and backup names. */
  readonly now?: () => Date;
  /** How long to wait for another migration's lock, in ms (default 10 000). */
  readonly lockTimeoutMs?: number;
  /** Paths in diagnostics are shown relative to this directory (default `process.cwd()`). */
  readonly cwd?: string;
  /** Called before each file is written; throwing makes that write fail (how tests inject a failed write). */
  readonly beforeWrite?: (path: string) => void | Promise<void>;
}

/** Options of {@link migrateConfigSet}. */
export interface MigrateConfigSetOptions extends MigrateTextsOptions, ConfigDirOptions {
  /** Compute everything and return the diffs, but write nothing (not even a lock or a backup). */
  readonly dryRun?: boolean;
}

/** One file of a migrated (or checked) config set. */
export interface SetFileMigration extends Omit<FileMigration, "before" | "after"> {
  /** Absolute path of the file. */
  readonly filePath: string;
  /** SHA-256 of the file as it was read. */
  readonly beforeHash: string;
  /** SHA-256 of the migrated text. */
  readonly afterHash: string;
  /** The backup taken before writing (absolute path), when the run wrote. */
  readonly backup?: string;
}

/** The outcome of {@link migrateConfigSet} or {@link planMigration}. */
export interface ConfigSetMigration {
  /** False when anything failed or was refused; the CLI exits 1. */
  readonly ok: boolean;
  /**
   * `migrated`: files were written; `current`: nothing to do; `outdated`: a check found work;
   * `dry-run`: diffs computed, nothing written; `failed`/`refused`: see diagnostics (nothing changed).
   */
  readonly status: "migrated" | "current" | "outdated" | "dry-run" | "failed" | "refused";
  /** Absolute config directory. */
  readonly dir: string;
  readonly target: string;
  readonly from: string;
  readonly files: readonly SetFileMigration[];
  readonly notes: readonly Diagnostic[];
  readonly diagnostics: readonly Diagnostic[];
  /** The history record appended (status `migrated`). */
  readonly record?: HistoryRecord;
  readonly failedStep?: TextMigration["failedStep"];
  /**
   * Old backups pruned after the write (the default retention), one entry per file whose pruning
   * removed any or failed; absent when none did.
   */
  readonly pruned?: readonly WritePrune[];
  /**
   * Status `migrated` only: the migrated set as the config-dir layer checks it after the write
   * (consistency's `validateConfigDir`, what `switchyard validate` reports): each step was validated
   * against its schema, but cross-file errors the set had before migrating are still there.
   */
  readonly checked?: { readonly status: "ok" | "invalid" | "io-error"; readonly report: JsonReport };
}

interface ReadFile {
  readonly kind: MigratedKind;
  readonly fileName: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

interface ReadSet {
  readonly files: readonly ReadFile[];
  readonly texts: Record<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Read the versioned files of a config directory as bytes and text. Never throws. */
async function readSet(dir: string): Promise<ReadSet> {
  let names: Set<string>;
  try {
    names = new Set(await readdir(dir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    return {
      files: [],
      texts: {},
      diagnostics: [
        migrationsDiagnostic("SY3010", {
          message: `Cannot read the config directory ${dir}: ${code === "ENOENT" ? "no such directory" : code}`,
          hint: "Point `--config-dir` at the config set's directory.",
        }),
      ],
    };
  }
  const files: ReadFile[] = [];
  const texts: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const kind of MIGRATED_KINDS) {
    const fileName = CONFIG_FILES[kind].fileName;
    if (!names.has(fileName)) continue;
    const path = join(dir, fileName);
    const read = await readBoundedFile(path);
    if (!read.ok) {
      diagnostics.push(readFailureDiagnostic(fileName, read.failure));
      continue;
    }
    const bytes = read.bytes;
    try {
      texts[fileName] = decoder.decode(bytes);
    } catch {
      for (const d of parseYaml(bytes, { file: fileName }).diagnostics)
        if (d.severity === "error") diagnostics.push(d);
      continue;
    }
    files.push({ kind, fileName, path, bytes });
  }
  return { files, texts, diagnostics };
}

/** The OS user running the process, for history records. */
export function currentUser(): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry (some containers).
  }
  return process.env.USER ?? process.env.USERNAME ?? "unknown";
}

/** A history record id: the UTC time and six random hex digits. */
export function newRecordId(time: Date): string {
  const stamp = time
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

function lockDiagnostic(error: FileLockedError): Diagnostic {
  return migrationsDiagnostic("SY3011", {
    message: `${error.message}; nothing was changed`,
    file: error.file,
    hint: error.hint,
  });
}

/**
 * Run `fn` holding the config set's migration lock (`.switchyard/migrate.lock`) and the lock of
 * every migrated file (`<file>.lock`, the lock `writeFileSafely` takes), so neither another
 * migration nor a safe write of one file can interleave. Returns undefined when a lock could not
 * be taken in time, with the diagnostic.
 */
export async function withConfigSetLock<T>(
  dir: string,
  options: ConfigDirOptions,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; diagnostic: Diagnostic }> {
  const timeoutMs = options.lockTimeoutMs ?? 10_000;
  const paths = MIGRATED_KINDS.map((kind) => join(dir, CONFIG_FILES[kind].fileName));
  const lockEach = (i: number): Promise<T> =>
    i === paths.length ? fn() : withFileLock(paths[i]!, () => lockEach(i + 1), { timeoutMs });
  try {
    await makeDirectory(join(dir, STATE_DIR));
    return {
      ok: true,
      value: await withFileLock(join(dir, STATE_DIR, "migrate"), () => lockEach(0), { timeoutMs }),
    };
  } catch (error) {
    if (error instanceof FileLockedError) return { ok: false, diagnostic: lockDiagnostic(error) };
    throw error;
  }
}

/**
 * After a failed change (`writeFileSet` puts back what it had replaced), the files that do not
 * have their original bytes: what could not be restored.
 */
export async function unrestored(
  files: readonly { path: string; bytes: Uint8Array }[],
): Promise<{ path: string; error: string }[]> {
  const failures: { path: string; error: string }[] = [];
  for (const file of files) {
    const current = await readBoundedFileIfExists(file.path).catch((error: unknown) => error);
    if (current instanceof Uint8Array && Buffer.compare(current, file.bytes) === 0) continue;
    failures.push({
      path: file.path,
      error:
        current instanceof Error
          ? current.message
          : "it does not have its content from before; the next switchyard run completes the change",
    });
  }
  return failures;
}

/** Show file names in diagnostics as paths relative to `cwd`. */
function located(diagnostics: readonly Diagnostic[], dir: string, cwd: string): Diagnostic[] {
  return diagnostics.map((d) =>
    d.file !== undefined && !d.file.includes("/") && !d.file.includes("\\")
      ? { ...d, file: displayPath(join(dir, d.file), cwd) }
      : d,
  );
}

function setFiles(
  result: TextMigration,
  read: ReadSet,
  backups?: ReadonlyMap<string, string>,
): SetFileMigration[] {
  return result.files.map(({ before: _before, after, ...file }) => {
    const original = read.files.find((f) => f.fileName === file.fileName)!;
    const backup = backups?.get(file.fileName);
    return {
      ...file,
      filePath: original.path,
      beforeHash: sha256(original.bytes),
      afterHash: file.changed ? sha256(after) : sha256(original.bytes),
      ...(backup !== undefined ? { backup } : {}),
    };
  });
}

function noteLine(d: Diagnostic): string {
  return `${d.code} ${d.file !== undefined ? `${d.file}: ` : ""}${d.message}`;
}

/**
 * Finish what a killed run left (an interrupted migration or rollback is completed or undone, temp
 * files removed) before reading: the notes say what was done; an error means the set may be mixed.
 */
export async function recoverSet(dir: string, cwd: string): Promise<Diagnostic[]> {
  const report = await recoverFileSets(dir);
  return recoveryDiagnostics(report, displayPath(dir, cwd));
}

async function compute(dir: string, options: MigrateConfigSetOptions, diff: boolean) {
  const recovery = await recoverSet(dir, options.cwd ?? process.cwd());
  const unrecoverable = recovery.filter((d) => d.severity === "error");
  const read = await readSet(dir);
  const problems = [...unrecoverable, ...read.diagnostics];
  const result: TextMigration =
    problems.length > 0
      ? {
          ok: false,
          status: "failed",
          target: options.to ?? "current",
          from: "none",
          files: [],
          notes: [],
          diagnostics: problems,
          removed: [],
        }
      : migrateConfigTexts(read.texts, { ...options, diff });
  const recovered = recovery.filter((d) => d.severity !== "error");
  return {
    read,
    result: recovered.length > 0 ? { ...result, notes: [...recovered, ...result.notes] } : result,
  };
}

function baseOutcome(dir: string, result: TextMigration, cwd: string) {
  return {
    dir,
    target: result.target,
    from: result.from,
    notes: located(result.notes, dir, cwd),
    diagnostics: located(result.diagnostics, dir, cwd),
    ...(result.failedStep ? { failedStep: result.failedStep } : {}),
  };
}

/**
 * What `switchyard migrate --check` reports: each file's version, the target, the path of versions
 * between them and whether anything would change. Reads only; takes no lock.
 */
export async function planMigration(
  dir: string,
  options: Omit<MigrateConfigSetOptions, "dryRun"> = {},
): Promise<ConfigSetMigration> {
  const absolute = resolve(dir);
  const cwd = options.cwd ?? process.cwd();
  const { read, result } = await compute(absolute, options, false);
  const status = result.ok ? result.status : result.status === "refused" ? "refused" : "failed";
  return { ok: result.ok, status, files: setFiles(result, read), ...baseOutcome(absolute, result, cwd) };
}

async function writeMigration(
  dir: string,
  read: ReadSet,
  result: TextMigration,
  options: MigrateConfigSetOptions,
): Promise<ConfigSetMigration> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? (() => new Date());
  const base = baseOutcome(dir, result, cwd);
  const fail = (diagnostics: Diagnostic[], backups?: ReadonlyMap<string, string>): ConfigSetMigration => ({
    ok: false,
    status: "failed",
    files: setFiles(result, read, backups),
    ...base,
    diagnostics: located(diagnostics, dir, cwd),
  });

  // (Temp files and changes a killed run left were dealt with before reading: see `compute`.)
  const notes = [...base.notes];

  // 1. A backup of every file of the set, before anything is written.
  const backups = new Map<string, string>();
  for (const file of read.files) {
    try {
      const backup = await backupFile(file.path, { now });
      if (backup !== undefined) backups.set(file.fileName, backup);
    } catch (error) {
      return fail([
        migrationsDiagnostic("SY3008", {
          message: `Could not back up ${file.fileName} before migrating (${error instanceof Error ? error.message : String(error)}); nothing was changed`,
          file: file.fileName,
          hint: "Check that the config directory is writable and has free space.",
        }),
      ]);
    }
  }

  // 2. Write every changed file and the history record as one change (an intent journal: after a
  //    crash at any point the next run finds the set all old or all new, with a history to match).
  const changed = result.files.filter((f) => f.changed);
  const originals = read.files.filter((f) => changed.some((c) => c.fileName === f.fileName));
  const time = now();
  const files = setFiles(result, read, backups);
  const record: HistoryRecord = {
    id: newRecordId(time),
    action: "migrate",
    time: time.toISOString(),
    user: options.user ?? currentUser(),
    host: hostname(),
    from: result.from,
    to: result.target,
    files: files.map((f) => ({
      file: f.fileName,
      from: f.from,
      to: f.to,
      before: f.beforeHash,
      after: f.afterHash,
      changed: f.changed,
      ...(f.backup !== undefined ? { backup: relative(dir, f.backup) } : {}),
    })),
    ...(result.removed.length > 0 ? { removed: result.removed } : {}),
    ...(result.notes.length > 0 ? { notes: result.notes.map(noteLine) } : {}),
  };
  let writing = "";
  let pruned: WritePrune[] = [];
  try {
    const history = await historyWithRecord(dir, record);
    const written = await writeFileSet(
      dir,
      [
        ...changed.map((file) => ({
          path: join(dir, file.fileName),
          content: file.after,
          ...(backups.has(file.fileName) ? { backup: backups.get(file.fileName)! } : {}),
        })),
        history,
      ],
      {
        operation: "migrate",
        beforeRename: async (path) => {
          writing = path === history.path ? `the history (${STATE_DIR}/migrations.jsonl)` : basename(path);
          await options.beforeWrite?.(path);
        },
      },
    );
    pruned = written.flatMap((f) => (f.pruned === undefined ? [] : [f.pruned]));
  } catch (error) {
    const failures = await unrestored(originals);
    const reason = error instanceof Error ? error.message : String(error);
    const diagnostics: Diagnostic[] = [
      migrationsDiagnostic("SY3008", {
        message: `Writing ${writing} failed (${reason}); ${failures.length === 0 ? "every file of the set was restored to its state before the migration" : "restoring the set failed too"}`,
        ...(writing.endsWith(".yaml") ? { file: writing } : {}),
        hint: "Fix the cause and run the migration again; the backups taken before writing are beside the files.",
      }),
    ];
    for (const failure of failures) {
      const backup = backups.get(basename(failure.path));
      diagnostics.push(
        migrationsDiagnostic("SY3009", {
          message: `Could not restore ${basename(failure.path)} (${failure.error})`,
          file: basename(failure.path),
          hint:
            backup !== undefined
              ? `Copy ${backup} over ${failure.path} by hand.`
              : "Restore the file from a backup by hand.",
        }),
      );
    }
    return fail(diagnostics, backups);
  }
  return {
    ok: true,
    status: "migrated",
    files,
    ...base,
    notes,
    record,
    ...(pruned.length > 0 ? { pruned } : {}),
  };
}

/**
 * Migrate every file of a config directory to a target version (default: current), all or
 * nothing: under the set's lock, every step of every file is computed and validated in memory;
 * then every file of the set is backed up (`<file>.backup-YYYYMMDD_HHMMSS`), the changed files are
 * replaced atomically, a record is appended to `.switchyard/migrations.jsonl` and the old backups of
 * the replaced files are pruned by the default retention (reported in `pruned`). If any of that
 * fails, every file is restored from the original bytes. A set that is already at the target is
 * left alone (status `current`, no record). A file written for a newer schema than this Switchyard
 * knows makes the whole run refuse (SY3001) without touching anything. With `dryRun`, nothing is
 * written at all and each changed file carries a unified diff.
 */
export async function migrateConfigSet(
  dir: string,
  options: MigrateConfigSetOptions = {},
): Promise<ConfigSetMigration> {
  const absolute = resolve(dir);
  const cwd = options.cwd ?? process.cwd();
  if (options.dryRun) {
    const { read, result } = await compute(absolute, options, true);
    const status = !result.ok ? result.status : result.status === "outdated" ? "dry-run" : "current";
    return {
      ok: result.ok,
      status: status as ConfigSetMigration["status"],
      files: setFiles(result, read),
      ...baseOutcome(absolute, result, cwd),
    };
  }
  const locked = await withConfigSetLock(absolute, options, async (): Promise<ConfigSetMigration> => {
    const { read, result } = await compute(absolute, options, options.diff ?? false);
    if (!result.ok || result.status === "current") {
      const status = !result.ok ? (result.status === "refused" ? "refused" : "failed") : "current";
      return { ok: result.ok, status, files: setFiles(result, read), ...baseOutcome(absolute, result, cwd) };
    }
    return writeMigration(absolute, read, result, options);
  });
  if (locked.ok) {
    if (locked.value.status !== "migrated") return locked.value;
    // Migrate reads the files' bytes itself (it edits legacy texts the current schema rejects and
    // hashes them for the history); what it wrote is checked by the same layer every command uses.
    // Loaded on this path only, so `migrate --check` does not pay for the rules.
    const { validateConfigDir } = await import("@switchyard/consistency");
    const checked = await validateConfigDir(absolute, { cwd });
    return { ...locked.value, checked: { status: checked.status, report: checked.report } };
  }
  return {
    ok: false,
    status: "failed",
    dir: absolute,
    target: options.to ?? "current",
    from: "none",
    files: [],
    notes: [],
    diagnostics: [locked.diagnostic],
  };
}
