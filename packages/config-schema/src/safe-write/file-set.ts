import { readdir, rename, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pruneAfterWrite, reportedPrune, type WritePrune } from "../backups/prune.js";
import type { RetentionPolicy } from "../backups/retention.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { describeFsError } from "../fs/errno.js";
import { makeDirectory } from "../fs/make-dir.js";
import { readBoundedFile, readBoundedFileIfExists, utf8Text, versionMaxBytes } from "../fs/read-file.js";
import { STATE_DIR } from "../state/state-files.js";
import { randomHex, sha256 } from "../text/hash.js";
import { plural } from "../text/plural.js";
import { fsyncDirectory, resolveTarget, writeFileAtomic, writeTempFile } from "./atomic-write.js";
import { cleanStaleTempFiles } from "./clean-temp.js";
import { FileLockedError, withFileLock } from "./file-lock.js";
import { isOwnerAlive, processStartTime } from "./process-alive.js";

/**
 * Multi-file changes that are all-or-nothing across a crash (an intent journal):
 *
 * 1. every new file is written beside its target as `.<name>.staged-<id>` and fsynced;
 * 2. the journal `<dir>/.switchyard/journal-<id>.json` is written atomically, naming each file with
 *    its hash before and after (the commit point: from here on the change happens);
 * 3. each staged file is renamed over its target, the directories are fsynced;
 * 4. the journal is removed.
 *
 * A process killed before step 2 leaves only staged files, which the next run removes (the set is
 * old); killed after it, the next run finds the journal and renames what is left (the set is new).
 * When it cannot roll forward (a staged file is gone, or a target changed since), it rolls back the
 * files already replaced from the backups the journal names. Either way it says what it did.
 */

/** One file of a {@link writeFileSet} change. */
export interface FileSetChange {
  /** The file to write; inside the set's directory (or a subdirectory such as `.switchyard`). */
  readonly path: string;
  readonly content: string | Uint8Array;
  /** Permission bits; default the replaced file's (0o666 minus the umask for a new file). */
  readonly mode?: number;
  /**
   * A backup of the file's current content (taken by the caller), named in the journal: a later
   * run rolls back to it when it cannot roll the change forward.
   */
  readonly backup?: string;
}

/** Options of {@link writeFileSet}. */
export interface WriteFileSetOptions {
  /** What the change is, for the journal and the messages of a later recovery ("migrate"). */
  readonly operation: string;
  /** Called before each file is moved into place (tests inject a failure here). */
  readonly beforeRename?: (path: string) => void | Promise<void>;
  /**
   * Once the change is complete, prune the backups of every file it replaced by this policy
   * (default `DEFAULT_RETENTION`); `false` keeps every backup. Never fails the change: see
   * {@link FileSetFile.pruned}.
   */
  readonly retention?: RetentionPolicy | false;
}

/** One file of a written set. */
export interface FileSetFile {
  /** Absolute path. */
  readonly path: string;
  /** SHA-256 before (`null`: the file did not exist). */
  readonly before: string | null;
  readonly after: string;
  /** False when the file already had this content (then it was not written). */
  readonly changed: boolean;
  /** The file's backups pruned after the change, when pruning removed any or failed. */
  readonly pruned?: WritePrune;
}

const FORMAT = "switchyard-journal/1";
const JOURNAL_NAME = /^journal-(\d+-[0-9a-f]{12})\.json$/;
const STAGED_NAME = /^\.(.+)\.staged-(\d+)-([0-9a-f]{12})$/;
const ID = /^\d+-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;
/** A journal is a few KiB; anything far larger is not one. */
const JOURNAL_MAX_BYTES = 1024 * 1024;

interface JournalEntry {
  /** The file, relative to the set's directory, with `/`. */
  readonly file: string;
  /** The staged file's name (in the target's directory). */
  readonly staged: string;
  readonly before: string | null;
  readonly after: string;
  /** A backup of the content before, relative to the set's directory. */
  readonly backup?: string;
}

interface Journal {
  readonly format: typeof FORMAT;
  readonly id: string;
  readonly operation: string;
  readonly pid: number;
  readonly pidStart?: string;
  readonly host: string;
  readonly started: string;
  readonly entries: readonly JournalEntry[];
}

/** The name of the staged copy of `target`'s new content for journal `id`. */
function stagedName(target: string, id: string): string {
  return `.${basename(target)}.staged-${id}`;
}

function journalPath(dir: string, id: string): string {
  return join(dir, STATE_DIR, `journal-${id}.json`);
}

/** `path` relative to `dir` with `/`, or `undefined` when it is not inside `dir`. */
function inside(dir: string, path: string): string | undefined {
  const rel = relative(dir, resolve(path));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

async function hashOf(path: string): Promise<string | null> {
  const bytes = await readBoundedFileIfExists(path);
  return bytes === undefined ? null : sha256(bytes);
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

async function fsyncAll(dirs: Iterable<string>): Promise<void> {
  for (const dir of new Set(dirs)) await fsyncDirectory(dir);
}

/**
 * Replace several files of a config directory as one change: after a crash at any point, every
 * file is either all old or all new, and the next {@link recoverFileSets} completes (or undoes) a
 * change that had begun. Files whose content is already the new one are not written. The caller
 * holds whatever locks keep other writers of these files out.
 *
 * On an error before the change is committed nothing is changed; on an error while moving files
 * into place, the files already moved are put back from memory (failing that, the journal stays and
 * the next run completes the change). The error is rethrown.
 */
export async function writeFileSet(
  dir: string,
  changes: readonly FileSetChange[],
  options: WriteFileSetOptions,
): Promise<readonly FileSetFile[]> {
  const root = resolve(dir);
  const id = `${process.pid}-${randomHex(6)}`;
  const planned: {
    entry: JournalEntry;
    target: string;
    staged: string;
    previous: Uint8Array | undefined;
    bytes: Uint8Array;
    mode: number | undefined;
    file: FileSetFile;
  }[] = [];
  const unchanged: FileSetFile[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    const file = inside(root, change.path);
    if (file === undefined) throw new Error(`${change.path} is not inside ${root}`);
    if (seen.has(file)) throw new Error(`${change.path} is given twice`);
    seen.add(file);
    const target = await resolveTarget(join(root, file));
    const bytes = typeof change.content === "string" ? Buffer.from(change.content) : change.content;
    const previous = await readBoundedFileIfExists(target, { maxBytes: versionMaxBytes(bytes.length) });
    const before = previous === undefined ? null : sha256(previous);
    const after = sha256(bytes);
    const result: FileSetFile = { path: join(root, file), before, after, changed: before !== after };
    if (before === after) {
      unchanged.push(result);
      continue;
    }
    const backup = change.backup === undefined ? undefined : inside(root, change.backup);
    planned.push({
      entry: {
        file,
        staged: stagedName(target, id),
        before,
        after,
        ...(backup !== undefined ? { backup } : {}),
      },
      target,
      staged: join(dirname(target), stagedName(target, id)),
      previous,
      bytes,
      mode: change.mode,
      file: result,
    });
  }
  if (planned.length === 0) return unchanged;

  // 1. Stage every new file, fsynced, and make their names durable.
  const staged: string[] = [];
  try {
    await makeDirectory(join(root, STATE_DIR));
    for (const change of planned) {
      staged.push(await writeTempFile(change.target, change.bytes, change.mode, basename(change.staged)));
    }
    await fsyncAll(planned.map((p) => dirname(p.target)));
    // 2. The commit point.
    const pidStart = processStartTime(process.pid);
    const journal: Journal = {
      format: FORMAT,
      id,
      operation: options.operation,
      pid: process.pid,
      ...(pidStart !== undefined ? { pidStart } : {}),
      host: hostname(),
      started: new Date().toISOString(),
      entries: planned.map((p) => p.entry),
    };
    await writeFileAtomic(journalPath(root, id), `${JSON.stringify(journal, null, 2)}\n`);
  } catch (error) {
    for (const path of staged) await removeQuietly(path);
    throw error;
  }

  // 3. Move each file into place.
  const moved: (typeof planned)[number][] = [];
  try {
    for (const change of planned) {
      await options.beforeRename?.(change.file.path);
      await rename(change.staged, change.target);
      moved.push(change);
    }
    await fsyncAll(planned.map((p) => dirname(p.target)));
  } catch (error) {
    try {
      for (const change of moved.reverse()) {
        if (change.previous === undefined) await unlink(change.target);
        else await writeFileAtomic(change.target, change.previous);
      }
      for (const change of planned) await removeQuietly(change.staged);
      await unlink(journalPath(root, id));
    } catch {
      // Leave the journal: the next run completes the change.
    }
    throw error;
  }

  // 4. Done: the journal goes.
  await unlink(journalPath(root, id));
  await fsyncDirectory(join(root, STATE_DIR));

  // 5. Prune the backups of every file replaced (a failure is reported, never thrown).
  const written: FileSetFile[] = [];
  for (const change of planned) {
    const pruned =
      options.retention === false
        ? undefined
        : reportedPrune(await pruneAfterWrite(change.target, options.retention));
    written.push(pruned === undefined ? change.file : { ...change.file, pruned });
  }
  return [...written, ...unchanged];
}

/** What {@link recoverFileSets} did about one interrupted change. */
export interface FileSetRecovery {
  /** The journal's id. */
  readonly id: string;
  /** What the change was ("migrate", "backup restore", …). */
  readonly operation: string;
  /** When it started (ISO 8601), and by whom. */
  readonly started: string;
  readonly pid: number;
  /**
   * `rolled-forward`: the change was completed; `rolled-back`: the files it had replaced were put
   * back from their backups; `failed`: neither was possible, the journal is kept (see `reason`).
   */
  readonly outcome: "rolled-forward" | "rolled-back" | "failed";
  /** The files (relative to the directory) the change was about. */
  readonly files: readonly string[];
  /** Why it failed, or why it could not roll forward. */
  readonly reason?: string;
}

/** What {@link recoverFileSets} found and did. */
export interface RecoveryReport {
  readonly recovered: readonly FileSetRecovery[];
  /** Staged files of changes that never reached their commit point, removed (absolute paths). */
  readonly removedStagedFiles: readonly string[];
  /** Temp files of writers killed mid-write, removed (absolute paths): see `cleanStaleTempFiles`. */
  readonly removedTempFiles: readonly string[];
}

function isJournalEntry(value: unknown): value is JournalEntry {
  if (value === null || typeof value !== "object") return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.file === "string" &&
    typeof e.staged === "string" &&
    (e.before === null || (typeof e.before === "string" && HASH.test(e.before))) &&
    typeof e.after === "string" &&
    HASH.test(e.after) &&
    (e.backup === undefined || typeof e.backup === "string")
  );
}

/** Parse a journal; anything that is not exactly one (a hostile file included) is `undefined`. */
function parseJournal(text: string, id: string): Journal | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const j = value as Record<string, unknown>;
  if (
    j.format !== FORMAT ||
    j.id !== id ||
    typeof j.operation !== "string" ||
    typeof j.pid !== "number" ||
    typeof j.host !== "string" ||
    typeof j.started !== "string" ||
    (j.pidStart !== undefined && typeof j.pidStart !== "string") ||
    !Array.isArray(j.entries) ||
    !j.entries.every(isJournalEntry)
  )
    return undefined;
  return value as Journal;
}

/** A journal's entry resolved to paths, refusing any that would reach outside the directory. */
async function locate(root: string, id: string, entry: JournalEntry) {
  const file = inside(root, join(root, entry.file));
  if (file === undefined || file !== entry.file) return undefined;
  const target = await resolveTarget(join(root, file));
  if (entry.staged !== stagedName(target, id)) return undefined;
  const backup = entry.backup === undefined ? undefined : inside(root, join(root, entry.backup));
  if (entry.backup !== undefined && backup !== entry.backup) return undefined;
  return {
    entry,
    target,
    staged: join(dirname(target), entry.staged),
    backup: backup === undefined ? undefined : join(root, backup),
  };
}

type Located = NonNullable<Awaited<ReturnType<typeof locate>>>;

async function rollForward(files: readonly Located[]): Promise<string | undefined> {
  const states = [];
  for (const f of files) {
    const current = await hashOf(f.target);
    const staged = await hashOf(f.staged);
    states.push({ f, current, staged });
  }
  for (const { f, current, staged } of states) {
    if (current === f.entry.after) continue;
    if (staged !== f.entry.after) return `the new ${f.entry.file} is missing`;
    if (current !== f.entry.before) return `${f.entry.file} was changed since the interrupted run`;
  }
  for (const { f, current } of states) {
    if (current !== f.entry.after) await rename(f.staged, f.target);
    else await removeQuietly(f.staged);
  }
  await fsyncAll(files.map((f) => dirname(f.target)));
  return undefined;
}

async function rollBack(files: readonly Located[]): Promise<string | undefined> {
  const restores: { f: Located; bytes: Uint8Array | undefined }[] = [];
  for (const f of files) {
    const current = await hashOf(f.target);
    if (current === f.entry.before) continue;
    if (current !== f.entry.after) return `${f.entry.file} was changed since the interrupted run`;
    if (f.entry.before === null) {
      restores.push({ f, bytes: undefined });
      continue;
    }
    if (f.backup === undefined) return `${f.entry.file} has no backup to roll back to`;
    const read = await readBoundedFile(f.backup, { noFollow: true });
    if (!read.ok || sha256(read.bytes) !== f.entry.before)
      return `the backup of ${f.entry.file} (${f.entry.backup}) is missing or does not match`;
    restores.push({ f, bytes: read.bytes });
  }
  for (const { f, bytes } of restores) {
    if (bytes === undefined) await unlink(f.target);
    else await writeFileAtomic(f.target, bytes);
  }
  for (const f of files) await removeQuietly(f.staged);
  return undefined;
}

/** A journal that could not even be read: nothing is known of its change but the id. */
function unknownFailure(id: string, reason: string): FileSetRecovery {
  return { id, operation: "unknown", started: "", pid: 0, outcome: "failed", files: [], reason };
}

async function recoverOne(root: string, id: string): Promise<FileSetRecovery | undefined> {
  const path = journalPath(root, id);
  const read = await readBoundedFile(path, { noFollow: true, maxBytes: JOURNAL_MAX_BYTES });
  if (!read.ok) {
    if (read.failure.kind === "not-found") return undefined;
    return unknownFailure(id, `the journal cannot be read: ${read.failure.reason}`);
  }
  const journal = parseJournal(utf8Text(read.bytes), id);
  const base = { id, operation: journal?.operation ?? "unknown", started: journal?.started ?? "" };
  if (journal === undefined)
    return {
      ...base,
      pid: 0,
      outcome: "failed",
      files: [],
      reason: "the journal is not a Switchyard journal",
    };
  // A change still being made by a live process is not interrupted.
  if (journal.host === hostname() && isOwnerAlive(journal.pid, journal.pidStart)) return undefined;
  const summary = { ...base, pid: journal.pid, files: journal.entries.map((e) => e.file) };
  if (journal.host !== hostname())
    return {
      ...summary,
      outcome: "failed",
      reason: `it was started on host ${journal.host}, whose processes cannot be checked from here`,
    };
  const located: Located[] = [];
  for (const entry of journal.entries) {
    const found = await locate(root, id, entry);
    if (found === undefined)
      return { ...summary, outcome: "failed", reason: `the journal names a path outside ${root}` };
    located.push(found);
  }
  try {
    const blocked = await rollForward(located);
    if (blocked === undefined) {
      await unlink(path);
      await fsyncDirectory(dirname(path));
      return { ...summary, outcome: "rolled-forward" };
    }
    const stuck = await rollBack(located);
    if (stuck === undefined) {
      await unlink(path);
      await fsyncDirectory(dirname(path));
      return { ...summary, outcome: "rolled-back", reason: blocked };
    }
    return { ...summary, outcome: "failed", reason: `${blocked}, and ${stuck}` };
  } catch (error) {
    return { ...summary, outcome: "failed", reason: `cannot write ${root}: ${describeFsError(error)}` };
  }
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Options of {@link recoverFileSets}. */
export interface RecoverFileSetsOptions {
  /**
   * Subdirectories of `dir` (relative) whose files a change also writes (`grafana/dashboards` of a
   * monitoring set): the staged and temp files a killed writer left there are removed too. A
   * committed change is completed wherever its files are; this is only for the leftovers of one
   * that never reached its commit point. Default none: `dir` and its `.switchyard`.
   */
  readonly subdirectories?: readonly string[];
}

/**
 * Find changes of {@link writeFileSet} that a crash interrupted in `dir` and finish them: roll
 * forward (or, when that is impossible, back), remove their journals, and remove staged files of
 * changes that never reached their commit point and temp files of killed writers (in `dir`, its
 * `.switchyard` and `options.subdirectories`). Changes and writes of live processes are left alone.
 * Cheap when there is nothing to do (one directory listing); safe to call from any command.
 */
export async function recoverFileSets(
  dir: string,
  options: RecoverFileSetsOptions = {},
): Promise<RecoveryReport> {
  const root = resolve(dir);
  const stateDir = join(root, STATE_DIR);
  // Only directories inside `dir`: a subdirectory never leads the cleanup elsewhere.
  const extra = (options.subdirectories ?? []).flatMap((sub) => {
    const rel = inside(root, join(root, sub));
    return rel === undefined ? [] : [join(root, rel)];
  });
  const scanned = [...new Set([root, stateDir, ...extra])];
  const journals = (await namesIn(stateDir)).flatMap((n) => JOURNAL_NAME.exec(n)?.[1] ?? []);
  const recovered: FileSetRecovery[] = [];
  for (const id of journals.sort()) {
    // One recoverer per journal; a second one finds it held (or gone) and moves on.
    let outcome: FileSetRecovery | undefined;
    try {
      outcome = await withFileLock(journalPath(root, id), () => recoverOne(root, id), { timeoutMs: 0 });
    } catch (error) {
      if (error instanceof FileLockedError) continue;
      outcome = unknownFailure(id, describeFsError(error));
    }
    if (outcome !== undefined) recovered.push(outcome);
  }
  const live = new Set((await namesIn(stateDir)).flatMap((n) => JOURNAL_NAME.exec(n)?.[1] ?? []));
  const removedStagedFiles: string[] = [];
  for (const where of scanned) {
    for (const name of await namesIn(where)) {
      const m = STAGED_NAME.exec(name);
      if (!m) continue;
      const id = `${m[2]}-${m[3]}`;
      if (!ID.test(id) || live.has(id) || isOwnerAlive(Number(m[2]), undefined)) continue;
      const path = join(where, name);
      try {
        await unlink(path);
        removedStagedFiles.push(path);
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  }
  const removedTempFiles: string[] = [];
  for (const where of scanned) {
    for (const path of await cleanStaleTempFiles(where).catch(() => [])) removedTempFiles.push(path);
  }
  return { recovered, removedStagedFiles: removedStagedFiles.sort(), removedTempFiles };
}

function describeChange(r: FileSetRecovery): string {
  const when = r.started === "" ? "" : ` (started ${r.started} by pid ${r.pid})`;
  return `an interrupted ${r.operation}${when}`;
}

/**
 * The codes of {@link recoveryDiagnostics}: a command that loads a config set (which recovers first)
 * picks these out of the set's diagnostics to say what was recovered, whatever else it prints.
 */
export const RECOVERY_CODES: ReadonlySet<string> = new Set(["SY1051", "SY1052", "SY1053"]);

/**
 * What a recovery did, as diagnostics the commands print: SY1051 (info) for a change completed or
 * staged files removed, SY1052 (warning) for a change undone, SY1053 (error) for one that could be
 * neither, which leaves the files a mix of old and new.
 */
export function recoveryDiagnostics(report: RecoveryReport, shownDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of report.recovered) {
    const files = r.files.length > 0 ? `: ${r.files.join(", ")}` : "";
    if (r.outcome === "rolled-forward") {
      out.push(
        schemaDiagnostic("SY1051", {
          message: `Completed ${describeChange(r)} in ${shownDir}${files}`,
          hint: "Nothing to do: every file of that change now has its new content.",
        }),
      );
    } else if (r.outcome === "rolled-back") {
      out.push(
        schemaDiagnostic("SY1052", {
          message: `Undid ${describeChange(r)} in ${shownDir} (${r.reason ?? "it could not be completed"})${files}`,
          hint: "Every file of that change has its content from before it again; run the command again.",
        }),
      );
    } else {
      out.push(
        schemaDiagnostic("SY1053", {
          message: `Could not finish ${describeChange(r)} in ${shownDir}: ${r.reason ?? "unknown reason"}; its files may be a mix of old and new content${files}`,
          hint: `Fix the cause (write access, disk space) and run any switchyard command on ${shownDir} again; the journal ${STATE_DIR}/journal-${r.id}.json names each file's hashes before and after, and the backups beside the files hold the old content.`,
        }),
      );
    }
  }
  if (report.removedTempFiles.length > 0) {
    const names = report.removedTempFiles.map((p) => basename(p));
    out.push(
      schemaDiagnostic("SY1051", {
        message: `Removed ${plural(names.length, "temp file")} left by an interrupted write in ${shownDir}: ${names.join(", ")}`,
        hint: "Nothing to do: a write that is killed leaves the file it was replacing whole.",
      }),
    );
  }
  if (report.removedStagedFiles.length > 0) {
    const names = report.removedStagedFiles.map((p) => basename(p));
    out.push(
      schemaDiagnostic("SY1051", {
        message: `Removed ${plural(names.length, "staged file")} of a change that was interrupted before it began, in ${shownDir}: ${names.join(", ")}`,
        hint: "Nothing to do: no file had been changed.",
      }),
    );
  }
  return out;
}
