import { type FSWatcher, watch as watchDir } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { BoundedReadError, describeFsError, readBoundedFile, utf8Text } from "@switchyard/config-schema/fs";
import { type LoadedFile, loadConfigText } from "@switchyard/config-schema/load";
import { type Flag, FlagSchema } from "@switchyard/config-schema/schemas";
import { redactSecrets } from "@switchyard/config-schema/secrets";
import { flagHistoryPath } from "@switchyard/config-schema/state";
import { plural } from "@switchyard/config-schema/text";
import { withFileLock, writeFileSafely } from "@switchyard/config-schema/write";
import {
  type InsertValue,
  parseYamlDocument,
  type ScalarValue,
  YamlEditor,
} from "@switchyard/config-schema/yaml";
import { isMap, isScalar, isSeq, LineCounter, type YAMLMap } from "yaml";
import { FLAG_CODES, flagsDiagnostic } from "../catalogue.js";
import { INITIAL_VERSION } from "../evaluate/compile.js";
import { openHistoryForAppend, readHistoryRecords, writeHistoryRecord } from "../history/jsonl.js";
import {
  type ChangeOptions,
  changeRecord,
  type FlagChangeRecord,
  type HistoryQuery,
} from "../history/types.js";
import {
  CachedFlagStore,
  FlagStoreUnavailableError,
  FlagVersionConflictError,
  notify,
  type StoredFlag,
  type StoreHealth,
  withVersion,
} from "./types.js";

/** Options of {@link FileFlagStore.open}. */
export interface FileFlagStoreOptions {
  /** Watch the file and pick up changes made by hand or by other processes (default true). */
  readonly watch?: boolean;
  /** Back up the file before each write (default true). */
  readonly backup?: boolean;
  /** How long to wait for another process's lock on the file, in ms (default 10 000). */
  readonly lockTimeoutMs?: number;
  /** How long to let a burst of file events settle before re-reading, in ms (default 10). */
  readonly settleMs?: number;
  /** The file's name in diagnostics (e.g. relative to the working directory); default the absolute path. */
  readonly displayName?: string;
  /**
   * The change history, one JSON record per line: default `.switchyard/flag-history.jsonl` in the
   * flag file's directory (where the audit reads when each flag last changed).
   */
  readonly historyPath?: string;
}

/** The actor of the history record of a hand edit the store versioned (who edited the file is unknown). */
const HAND_EDIT_ACTOR = "hand edit";

/** A flag whose version in the file must be raised to the one the store gives it. */
interface Stamp {
  readonly name: string;
  /** The flag with its new version. */
  readonly flag: Flag;
  /** What the store held before (undefined: a flag new to it). */
  readonly before: StoredFlag | undefined;
}

/** The state a read of the file leads to. */
interface Plan {
  readonly next: Map<string, StoredFlag>;
  readonly changed: string[];
  readonly stamps: Stamp[];
}

/** The order of a flag's keys, for placing a key the file does not have yet. */
const KEY_ORDER = Object.keys(FlagSchema.shape);

/** The flag's content without its version, for telling a real change from a re-read. */
function content(flag: Flag): string {
  const { version: _v, ...rest } = flag;
  return JSON.stringify(rest);
}

/**
 * The YAML file store (`feature-flags.yaml`), the default. Edits change only the text of the edited
 * values (comments, key order, quoting and blank lines stay) with config-schema's `YamlEditor`, and
 * are written with config-schema's safe writes (lock, backup, atomic replace). Every change bumps
 * the flag's `version` in the file. A change made by hand is picked up by the watcher without a
 * restart; a changed flag whose `version` was not bumped (or went back, as when a backup is
 * restored) gets the next version written into the file, under its lock and with a history record
 * (actor `hand edit`), so every instance and every restart agrees on which version is which. A file
 * that stops validating keeps the last good state being served, and {@link FileFlagStore.health}
 * says why.
 */
export class FileFlagStore extends CachedFlagStore {
  readonly path: string;
  /** The change history (JSON lines, appended under the flag file's lock). */
  readonly historyPath: string;
  private problems: readonly Diagnostic[] = [];
  private last: LoadedFile<"feature-flags"> | undefined;
  private lastReadError: unknown;
  /**
   * The file's text as this store last adopted it (read, or written by a put): a read that finds
   * the same bytes (the watcher seeing our own write, a put's re-read) skips parsing and validating.
   */
  private adopted: { readonly text: string; readonly loaded: LoadedFile<"feature-flags"> } | undefined;
  /** The last version of each flag that left the file (a flag added again never reuses one). */
  private readonly removed = new Map<string, number>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly options: FileFlagStoreOptions;

  private constructor(path: string, options: FileFlagStoreOptions) {
    super();
    this.path = resolve(path);
    this.historyPath = resolve(options.historyPath ?? flagHistoryPath(dirname(this.path)));
    this.options = options;
  }

  /** Open a flag file; a file that cannot be read or validated opens degraded (see {@link health}). */
  static async open(path: string, options: FileFlagStoreOptions = {}): Promise<FileFlagStore> {
    const store = new FileFlagStore(path, options);
    await store.reload();
    if (options.watch !== false) store.startWatching();
    return store;
  }

  health(): StoreHealth {
    return this.problems.length === 0 ? { state: "ok" } : { state: "degraded", diagnostics: this.problems };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
    await this.queue.catch(() => undefined);
  }

  /**
   * The last read of the file, valid or not: its source (for code frames) and every diagnostic of
   * parsing and validation. Undefined when the file could not be read at all.
   */
  get loaded(): LoadedFile<"feature-flags"> | undefined {
    return this.last;
  }

  /** Why the last read of the file failed (an `ErrnoException` or a `BoundedReadError`), when it did. */
  get readError(): unknown {
    return this.lastReadError;
  }

  /** Re-read the file now (the watcher does this on its own). */
  reload(): Promise<void> {
    return this.serialize(() => this.readAndApply(false).then(() => undefined));
  }

  put(name: string, flag: Flag, expectedVersion: number, options?: ChangeOptions): Promise<StoredFlag> {
    return this.serialize(() =>
      withFileLock(this.path, () => this.putLocked(name, flag, expectedVersion, options), this.lockOptions()),
    );
  }

  history(query?: HistoryQuery): Promise<FlagChangeRecord[]> {
    return readHistoryRecords(this.historyPath, query);
  }

  protected override async fresh(name: string): Promise<StoredFlag | undefined> {
    // Another process may have written the file: read it (the watcher may not have fired yet).
    await this.reload();
    return this.flags.get(name);
  }

  // --- internals --------------------------------------------------------------------------------

  /** One operation at a time in this process (the file lock serialises processes). */
  private serialize<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private startWatching(): void {
    const file = basename(this.path);
    try {
      this.watcher = watchDir(dirname(this.path), (_event, name) => {
        if (name !== null && name.toString() !== file) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          if (!this.closed) this.reload().catch(() => undefined);
        }, this.options.settleMs ?? 10);
      });
      this.watcher.on("error", () => undefined);
    } catch {
      // No watcher (e.g. the directory is gone): reads serve the last state; reload() still works.
    }
  }

  /**
   * Read and validate the file; on success adopt its flags and report what changed. A flag whose
   * definition changed without its `version` moving past the one this store gave out (a hand
   * edit), or whose version went back (a restored backup), is stamped: its next version is
   * written into the file, under the file's lock (`locked`: the caller holds it), with a history
   * record, before anyone is given it. So the file, never this process's memory, says which
   * version is which, and an instance opened later (another replica, a restart) agrees with this one.
   */
  private async readAndApply(locked: boolean): Promise<{ text: string } | undefined> {
    let text: string;
    try {
      // The one bounded reader: a regular file only (a FIFO or /dev/zero in its place never hangs
      // or fills memory), size-capped.
      const read = await readBoundedFile(this.path);
      if (!read.ok) throw new BoundedReadError(this.options.displayName ?? this.path, read.failure);
      text = utf8Text(read.bytes);
    } catch (error) {
      this.last = undefined;
      this.lastReadError = error;
      this.degrade([
        flagsDiagnostic(FLAG_CODES.storeInvalid, {
          message: `Cannot read ${this.options.displayName ?? this.path}: ${describeFsError(error)}; serving the last good state`,
          file: this.options.displayName ?? this.path,
          hint: "Restore the file (backups sit beside it as <name>.backup-<stamp>).",
        }),
      ]);
      return undefined;
    }
    this.lastReadError = undefined;
    if (this.adopted !== undefined && this.adopted.text === text) {
      // Nothing changed since the state was taken from these bytes.
      this.last = this.adopted.loaded;
      this.problems = [];
      return { text };
    }
    const loaded = loadConfigText("feature-flags", text, this.options.displayName ?? this.path);
    this.last = loaded;
    const errors = loaded.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0 || loaded.value === undefined) {
      this.degrade([
        flagsDiagnostic(FLAG_CODES.storeInvalid, {
          message: `${this.options.displayName ?? this.path} stopped validating (${plural(errors.length, "error")}); serving the last good state`,
          file: this.options.displayName ?? this.path,
          hint: "Run `switchyard validate` and fix the file; it is picked up again without a restart.",
        }),
        ...errors,
      ]);
      return undefined;
    }
    const plan = this.plan(loaded.value.flags);
    if (plan.stamps.length === 0) {
      this.adopt(plan, { text, loaded });
      return { text };
    }
    if (!locked) {
      // Re-read under the lock: another instance may have stamped the same hand edit already.
      try {
        return await withFileLock(this.path, () => this.readAndApply(true), this.lockOptions());
      } catch {
        // The lock is held too long or cannot be taken: serve the edit (its versions from this
        // process) until the next read can stamp it.
        this.adopt(plan);
        return { text };
      }
    }
    return this.stamp(text, plan);
  }

  private lockOptions() {
    return { timeoutMs: this.options.lockTimeoutMs ?? 10_000, pollMs: 5 };
  }

  /**
   * Write the versions of `plan.stamps` into the file (under its lock, which the caller holds),
   * record each definition change in the history, and adopt the file as written. A file that
   * cannot be written keeps the versions in memory only (served as before) until a later read
   * succeeds.
   */
  private async stamp(text: string, plan: Plan): Promise<{ text: string } | undefined> {
    let stamped = text;
    for (const { name, flag } of plan.stamps) stamped = editFlagText(stamped, name, flag);
    const check = loadConfigText("feature-flags", stamped, this.options.displayName ?? this.path);
    if (check.diagnostics.some((d) => d.severity === "error") || check.value === undefined) {
      this.adopt(plan);
      return { text };
    }
    // A hand edit does not take the lock: one saved while this stamp was being made would be
    // overwritten by it. Re-read just before writing; newer bytes are read and stamped instead.
    const current = await readBoundedFile(this.path).catch(() => undefined);
    if (current?.ok === true && utf8Text(current.bytes) !== text) return this.readAndApply(true);
    let history: Awaited<ReturnType<typeof openHistoryForAppend>> | undefined;
    try {
      history = await openHistoryForAppend(this.historyPath);
      await writeFileSafely(this.path, stamped, { lock: false, backup: this.options.backup ?? true });
    } catch {
      await history?.close();
      this.adopt(plan);
      return { text };
    }
    try {
      const written = this.plan(check.value.flags);
      this.adopt(written, { text: stamped, loaded: check });
      for (const { name, flag, before } of plan.stamps) {
        if (before !== undefined && content(before.flag) === content(flag)) continue;
        await writeHistoryRecord(
          history,
          changeRecord(name, before?.flag, this.flags.get(name)?.flag ?? flag, flag.version!, {
            actor: HAND_EDIT_ACTOR,
          }),
        );
      }
    } finally {
      await history.close();
    }
    return { text: stamped };
  }

  private degrade(diagnostics: readonly Diagnostic[]): void {
    this.problems = diagnostics;
  }

  /**
   * The state the file's flags make: versions never go back, and a definition that changed gets a
   * version above every one given out for the flag (also across its removal and re-addition). The
   * flags whose version in the file is below that are `stamps` (their file text must be updated).
   */
  private plan(fileFlags: Readonly<Record<string, Flag>>): Plan {
    const next = new Map<string, StoredFlag>();
    const changed: string[] = [];
    const stamps: Stamp[] = [];
    for (const [name, flag] of Object.entries(fileFlags)) {
      const fileVersion = flag.version ?? INITIAL_VERSION;
      const known = this.flags.get(name);
      let version = fileVersion;
      if (known !== undefined) {
        version =
          content(known.flag) === content(flag)
            ? Math.max(fileVersion, known.version)
            : Math.max(fileVersion, known.version + 1);
      } else {
        const gone = this.removed.get(name);
        if (gone !== undefined) version = Math.max(fileVersion, gone + 1);
      }
      const stored =
        known !== undefined && known.version === version && content(known.flag) === content(flag)
          ? known
          : { name, flag: withVersion(flag, version), version };
      if (version !== fileVersion) stamps.push({ name, flag: stored.flag, before: known });
      if (stored !== known) changed.push(name);
      next.set(name, stored);
    }
    for (const name of this.flags.keys()) if (!next.has(name)) changed.push(name);
    return { next, changed, stamps };
  }

  /**
   * Take a planned state as the new one and tell the listeners what changed; `from` is the file
   * text it was planned from when the file holds exactly that (then a re-read of it costs nothing).
   */
  private adopt(
    plan: Plan,
    from?: { readonly text: string; readonly loaded: LoadedFile<"feature-flags"> },
  ): void {
    this.problems = [];
    this.adopted = from;
    for (const [name, stored] of this.flags) if (!plan.next.has(name)) this.removed.set(name, stored.version);
    for (const name of plan.next.keys()) this.removed.delete(name);
    this.flags = plan.next;
    notify(this.listeners, { names: plan.changed });
  }

  private async putLocked(
    name: string,
    flag: Flag,
    expectedVersion: number,
    options: ChangeOptions | undefined,
  ): Promise<StoredFlag> {
    const read = await this.readAndApply(true);
    if (read === undefined) {
      throw new FlagStoreUnavailableError(
        `${this.path} cannot be changed while it does not validate: ${this.problems[1]?.message ?? this.problems[0]?.message ?? "unreadable"}`,
      );
    }
    const before = this.flags.get(name);
    const actual = before?.version ?? 0;
    if (actual !== expectedVersion) throw new FlagVersionConflictError(name, expectedVersion, actual);
    const version = expectedVersion + 1;
    const next = withVersion(flag, version);
    const text = editFlagText(read.text, name, next);
    const check = loadConfigText("feature-flags", text, this.options.displayName ?? this.path);
    if (check.diagnostics.some((d) => d.severity === "error") || check.value === undefined) {
      throw new Error(`internal error: the edited ${this.path} does not validate; nothing was written`);
    }
    // The history is opened before the flag file changes: a history that cannot be written refuses
    // the change rather than leaving it unrecorded. Both happen under the file's lock, so records
    // are in version order.
    let history: Awaited<ReturnType<typeof openHistoryForAppend>>;
    try {
      history = await openHistoryForAppend(this.historyPath);
    } catch (error) {
      throw new FlagStoreUnavailableError(
        `Cannot change flag '${name}': its history ${this.historyPath} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        { cause: error },
      );
    }
    try {
      await writeFileSafely(this.path, text, { lock: false, backup: this.options.backup ?? true });
      this.adopt(this.plan(check.value.flags), { text, loaded: check });
      const stored = this.flags.get(name) ?? { name, flag: next, version };
      await writeHistoryRecord(history, changeRecord(name, before?.flag, stored.flag, version, options));
      return stored;
    } finally {
      await history.close();
    }
  }
}

/**
 * The file's text with flag `name` set to `flag`, changing only the text of what differs: scalars
 * rewritten in place, list items appended or removed, missing keys inserted in schema order, a new
 * flag appended at the end of `flags`. Comments, blank lines, quoting and key order stay.
 */
export function editFlagText(text: string, name: string, flag: Flag): string {
  // config-schema's one parser: nesting past its cap is an error, not a recursion that can abort
  // the process. A text that does not parse is refused: edits spliced into it would land anywhere.
  const lineCounter = new LineCounter();
  const document = parseYamlDocument(text, { lineCounter });
  const problem = document.errors[0];
  if (problem) {
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    throw new Error(
      `the flag file cannot be edited: line ${line}, column ${col}: ${redactSecrets(problem.message.split("\n")[0]!.slice(0, 200))}`,
    );
  }
  const editor = new YamlEditor(text, document);
  const root = editor.root;
  if (!root) throw new Error("the flag file's top level is not a mapping");
  const flags = editor.getMap(root, "flags");
  if (!flags) throw new Error("the flag file has no `flags:` mapping");
  const existing = editor.getMap(flags, name);
  if (!existing) {
    const ordered: Record<string, unknown> = {};
    const record = flag as Readonly<Record<string, unknown>>;
    for (const key of [...KEY_ORDER, ...Object.keys(record)])
      if (record[key] !== undefined) ordered[key] = record[key];
    editor.insert(flags, name, ordered as InsertValue);
    return editor.render();
  }
  editFlagMap(editor, existing, flag);
  return editor.render();
}

function editFlagMap(editor: YamlEditor, map: YAMLMap, flag: Flag): void {
  const target = flag as Readonly<Record<string, unknown>>;
  const present = new Set(editor.entries(map).map(([key]) => key));
  // Removed keys first (never the last one the file wrote: `enabled` is always there).
  for (const key of present) {
    if (
      target[key] === undefined ||
      (Array.isArray(target[key]) && (target[key] as unknown[]).length === 0)
    ) {
      editor.delete(map, key);
    }
  }
  for (const key of [...KEY_ORDER, ...Object.keys(target).filter((k) => !KEY_ORDER.includes(k))]) {
    const value = target[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const node = editor.get(map, key);
    if (node === undefined) {
      const before = KEY_ORDER.slice(0, KEY_ORDER.indexOf(key))
        .reverse()
        .find((k) => editor.get(map, k) !== undefined);
      editor.insert(
        map,
        key,
        value as InsertValue,
        before !== undefined ? { after: before } : { first: true },
      );
      continue;
    }
    if (Array.isArray(value)) {
      if (!isSeq(node) || !editList(editor, map, key, value as ScalarValue[])) {
        editor.delete(map, key);
        editor.insert(map, key, value as InsertValue);
      }
      continue;
    }
    if (isScalar(node)) {
      if (node.value !== value) editor.setScalar(node, value as ScalarValue);
    } else {
      editor.delete(map, key);
      editor.insert(map, key, value as InsertValue);
    }
  }
}

/** Turn the sequence at `key` into `wanted` by appends and removals; false when the order would differ. */
function editList(editor: YamlEditor, map: YAMLMap, key: string, wanted: readonly ScalarValue[]): boolean {
  const seq = editor.getSeq(map, key);
  if (!seq || seq.items.some((item) => !isScalar(item) || isMap(item))) return false;
  const current = seq.items.map((item) => (isScalar(item) ? item.value : undefined)) as ScalarValue[];
  const kept = current.filter((v) => wanted.includes(v));
  const added = wanted.filter((v) => !current.includes(v));
  if ([...kept, ...added].join("\0") !== wanted.join("\0") || new Set(wanted).size !== wanted.length)
    return false;
  if (kept.length === current.length && added.length === 0) return true;
  for (const value of added) editor.appendToSeq(seq, value);
  for (let i = current.length - 1; i >= 0; i--)
    if (!wanted.includes(current[i]!)) editor.removeFromSeq(seq, i);
  return true;
}
