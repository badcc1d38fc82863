import { type FSWatcher, watch as watchDir } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import {
  BoundedReadError,
  type Diagnostic,
  describeFsError,
  type Flag,
  FlagSchema,
  flagHistoryPath,
  type InsertValue,
  type LoadedFile,
  loadConfigText,
  plural,
  readBoundedFile,
  type ScalarValue,
  utf8Text,
  withFileLock,
  writeFileSafely,
  YamlEditor,
} from "@switchyard/config-schema";
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
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
 * restart (a changed flag whose `version` was not bumped gets the next version); a file that stops
 * validating keeps the last good state being served, and {@link FileFlagStore.health} says why.
 */
export class FileFlagStore extends CachedFlagStore {
  readonly path: string;
  /** The change history (JSON lines, appended under the flag file's lock). */
  readonly historyPath: string;
  private problems: readonly Diagnostic[] = [];
  private last: LoadedFile<"feature-flags"> | undefined;
  private lastReadError: unknown;
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
    return this.serialize(() => this.readAndApply().then(() => undefined));
  }

  put(name: string, flag: Flag, expectedVersion: number, options?: ChangeOptions): Promise<StoredFlag> {
    return this.serialize(() =>
      withFileLock(this.path, () => this.putLocked(name, flag, expectedVersion, options), {
        timeoutMs: this.options.lockTimeoutMs ?? 10_000,
        pollMs: 5,
      }),
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

  /** Read and validate the file; on success adopt its flags and report what changed. */
  private async readAndApply(): Promise<{ text: string } | undefined> {
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
    this.problems = [];
    this.adopt(loaded.value.flags);
    return { text };
  }

  private degrade(diagnostics: readonly Diagnostic[]): void {
    this.problems = diagnostics;
  }

  /** Take the file's flags as the new state; versions never go back, hand edits get the next one. */
  private adopt(fileFlags: Readonly<Record<string, Flag>>): void {
    const next = new Map<string, StoredFlag>();
    const changed: string[] = [];
    for (const [name, flag] of Object.entries(fileFlags)) {
      const fileVersion = flag.version ?? INITIAL_VERSION;
      const known = this.flags.get(name);
      let version = fileVersion;
      if (known !== undefined) {
        version =
          content(known.flag) === content(flag)
            ? Math.max(fileVersion, known.version)
            : Math.max(fileVersion, known.version + 1);
      }
      const stored =
        known !== undefined && known.version === version && content(known.flag) === content(flag)
          ? known
          : { name, flag: withVersion(flag, version), version };
      if (stored !== known) changed.push(name);
      next.set(name, stored);
    }
    for (const name of this.flags.keys()) if (!next.has(name)) changed.push(name);
    this.flags = next;
    notify(this.listeners, { names: changed });
  }

  private async putLocked(
    name: string,
    flag: Flag,
    expectedVersion: number,
    options: ChangeOptions | undefined,
  ): Promise<StoredFlag> {
    const read = await this.readAndApply();
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
    const check = loadConfigText("feature-flags", text, this.path);
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
      this.adopt(check.value.flags);
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
  const document = parseDocument(text, { uniqueKeys: false, keepSourceTokens: false });
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
