import { type FSWatcher, watch as watchDir } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { BoundedReadError, describeFsError, readBoundedFile, utf8Text } from "@switchyard/config-schema/fs";
import { type LoadedFile, loadConfigText } from "@switchyard/config-schema/load";
import type { Flag } from "@switchyard/config-schema/schemas";
import { findSecretSpans } from "@switchyard/config-schema/secrets";
import { flagHistoryPath } from "@switchyard/config-schema/state";
import { plural } from "@switchyard/config-schema/text";
import { withFileLock, writeFileSafely } from "@switchyard/config-schema/write";
import { FLAG_CODES, flagsDiagnostic } from "../catalogue.js";
import { INITIAL_VERSION } from "../evaluate/compile.js";
import { openHistoryForAppend, readHistoryRecords, writeHistoryRecord } from "../history/jsonl.js";
import {
  type ChangeOptions,
  changeRecord,
  type FlagChangeRecord,
  type HistoryQuery,
} from "../history/types.js";
import { editFlagText } from "./edit-flag-text.js";
import {
  type BlocksChange,
  editFlagBlocks,
  type FlagBlocks,
  indexFlagBlocks,
  readChangedBlocks,
} from "./flag-blocks.js";
import {
  CachedFlagStore,
  FlagStoreUnavailableError,
  FlagVersionConflictError,
  notify,
  type StoredFlag,
  type StoreHealth,
  withVersion,
} from "./types.js";

export { editFlagText } from "./edit-flag-text.js";

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

/** The flag's content without its version, for telling a real change from a re-read. */
function content(flag: Flag): string {
  const { version: _v, ...rest } = flag;
  return JSON.stringify(rest);
}

/**
 * The flag as data, independent of the order its keys were written in (an empty list is no list:
 * the editor writes none).
 */
function canonical(flag: Flag): string {
  const record = flag as Readonly<Record<string, unknown>>;
  const written = (key: string) => {
    const value = record[key];
    return value !== undefined && !(Array.isArray(value) && value.length === 0);
  };
  return JSON.stringify(
    Object.keys(record)
      .filter(written)
      .sort()
      .map((key) => [key, record[key]]),
  );
}

/** The names in the order a parsed record of them has (integer-like names first), as a whole read gives. */
function recordOrder(names: readonly string[]): string[] {
  const record: Record<string, true> = Object.create(null);
  for (const name of names) record[name] = true;
  return Object.keys(record);
}

/**
 * A read of the file's text that validated: the whole file (`loaded`), or only the blocks of the
 * flags a change touched (`region`: their names now and before), relative to the adopted state.
 */
interface Reading {
  readonly text: string;
  /** Every flag of the file, or those of the region. */
  readonly flags: Readonly<Record<string, Flag>>;
  readonly loaded?: LoadedFile<"feature-flags">;
  /** The text's block index, when known. */
  readonly blocks?: FlagBlocks;
  readonly region?: { readonly names: readonly string[]; readonly replaced: readonly string[] };
  /** Whether the text may hold a secret (then a write makes it owner-only), when known. */
  readonly secret?: boolean;
}

/**
 * A read of the blocks a change touched. Whether the new text may hold a secret is known when the
 * text before it held none: then only the changed blocks can.
 */
function blocksReading(change: BlocksChange, secretBefore: boolean | undefined): Reading {
  return {
    text: change.blocks.text,
    flags: change.flags,
    blocks: change.blocks,
    region: { names: change.names, replaced: change.replaced },
    ...(secretBefore === false ? { secret: findSecretSpans(change.source).length > 0 } : {}),
  };
}

/** The file text the store's state was taken from, with what is known about it. */
interface Adopted {
  readonly text: string;
  readonly loaded?: LoadedFile<"feature-flags"> | undefined;
  /** Built on first need from `loaded`; null when the text cannot be indexed. */
  blocks?: FlagBlocks | null | undefined;
  /** Whether the text may hold a secret (scanned on first need). */
  secret?: boolean | undefined;
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
 *
 * Re-reads and edits touch only the flags that changed (see flag-blocks.ts): the lines of the flags
 * a hand edit changed are parsed and validated alone, and a version is stamped and a `put` written
 * by editing only the flag's own lines, so a change to one flag of a 10,000-flag file costs about
 * what it costs in a small one. A file whose layout cannot be indexed with certainty is read whole.
 */
export class FileFlagStore extends CachedFlagStore {
  readonly path: string;
  /** The change history (JSON lines, appended under the flag file's lock). */
  readonly historyPath: string;
  private problems: readonly Diagnostic[] = [];
  /** The text of the last read (valid or not), and its whole load once made (see {@link loaded}). */
  private lastText: string | undefined;
  private lastLoaded: LoadedFile<"feature-flags"> | undefined;
  private lastReadError: unknown;
  /**
   * The file's text as this store last adopted it (read, or written by a put), when the state is
   * exactly that text's: a read that finds the same bytes (the watcher seeing our own write, a
   * put's re-read) skips parsing and validating, and a read of other bytes parses only the flags
   * whose text differs.
   */
  private adopted: Adopted | undefined;
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
    if (options.watch !== false) {
      store.startWatching();
      // Index the blocks now, so that the first hand edit is read as quickly as the next ones.
      void store.serialize(async () => {
        if (store.adopted === undefined) return;
        store.blocksOf(store.adopted);
        store.secretOf(store.adopted);
      });
    }
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
   * parsing and validation. Undefined when the file could not be read at all. (After a re-read that
   * parsed only the flags that changed, the whole file is loaded on first access.)
   */
  get loaded(): LoadedFile<"feature-flags"> | undefined {
    if (this.lastLoaded === undefined && this.lastText !== undefined)
      this.lastLoaded = loadConfigText("feature-flags", this.lastText, this.displayName);
    return this.lastLoaded;
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

  private get displayName(): string {
    return this.options.displayName ?? this.path;
  }

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

  /** The block index of an adopted text (built on first need; null when it cannot be indexed). */
  private blocksOf(adopted: Adopted): FlagBlocks | undefined {
    if (adopted.blocks === undefined) {
      const flags = adopted.loaded?.value?.flags;
      adopted.blocks =
        flags === undefined ? null : (indexFlagBlocks(adopted.text, Object.keys(flags)) ?? null);
    }
    return adopted.blocks ?? undefined;
  }

  /** Whether an adopted text may hold a secret (scanned on first need). */
  private secretOf(adopted: Adopted): boolean {
    adopted.secret ??= findSecretSpans(adopted.text).length > 0;
    return adopted.secret;
  }

  /**
   * Read a text of the file: only the blocks it changed when the adopted text is indexed and the
   * change stays inside flags' blocks, else the whole text (which also locates every problem).
   */
  private read(text: string): Reading | { readonly invalid: LoadedFile<"feature-flags"> } {
    const blocks = this.adopted === undefined ? undefined : this.blocksOf(this.adopted);
    if (blocks !== undefined) {
      const change = readChangedBlocks(blocks, text, this.displayName);
      if (change !== undefined) return blocksReading(change, this.secretOf(this.adopted!));
    }
    return this.readWhole(text);
  }

  private readWhole(text: string): Reading | { readonly invalid: LoadedFile<"feature-flags"> } {
    const loaded = loadConfigText("feature-flags", text, this.displayName);
    if (loaded.value === undefined || loaded.diagnostics.some((d) => d.severity === "error"))
      return { invalid: loaded };
    return { text, flags: loaded.value.flags, loaded };
  }

  /**
   * Read and validate the file; on success adopt its flags and report what changed. A flag whose
   * definition changed without its `version` moving past the one this store gave out (a hand
   * edit), or whose version went back (a restored backup), is stamped: its next version is
   * written into the file, under the file's lock (`locked`: the caller holds it), with a history
   * record, before anyone is given it. So the file, never this process's memory, says which
   * version is which, and an instance opened later (another replica, a restart) agrees with this one.
   */
  private async readAndApply(
    locked: boolean,
    unlocked?: { readonly reading: Reading; readonly plan: Plan },
  ): Promise<{ text: string } | undefined> {
    let text: string;
    try {
      // The one bounded reader: a regular file only (a FIFO or /dev/zero in its place never hangs
      // or fills memory), size-capped.
      const read = await readBoundedFile(this.path);
      if (!read.ok) throw new BoundedReadError(this.displayName, read.failure);
      text = utf8Text(read.bytes);
    } catch (error) {
      this.lastText = undefined;
      this.lastLoaded = undefined;
      this.lastReadError = error;
      this.degrade([
        flagsDiagnostic(FLAG_CODES.storeInvalid, {
          message: `Cannot read ${this.displayName}: ${describeFsError(error)}; serving the last good state`,
          file: this.displayName,
          hint: "Restore the file (backups sit beside it as <name>.backup-<stamp>).",
        }),
      ]);
      return undefined;
    }
    this.lastReadError = undefined;
    if (this.adopted !== undefined && this.adopted.text === text) {
      // Nothing changed since the state was taken from these bytes.
      this.lastText = text;
      this.lastLoaded = this.adopted.loaded;
      this.problems = [];
      return { text };
    }
    // Under the lock, the same bytes as were just read without it (no other instance stamped them
    // meanwhile, and nothing here changed the state: operations run one at a time) plan the same.
    const again = unlocked !== undefined && unlocked.reading.text === text ? unlocked : undefined;
    const reading = again?.reading ?? this.read(text);
    this.lastText = text;
    this.lastLoaded = "invalid" in reading ? reading.invalid : reading.loaded;
    if ("invalid" in reading) {
      const errors = reading.invalid.diagnostics.filter((d) => d.severity === "error");
      this.degrade([
        flagsDiagnostic(FLAG_CODES.storeInvalid, {
          message: `${this.displayName} stopped validating (${plural(errors.length, "error")}); serving the last good state`,
          file: this.displayName,
          hint: "Run `switchyard validate` and fix the file; it is picked up again without a restart.",
        }),
        ...errors,
      ]);
      return undefined;
    }
    const plan = again?.plan ?? this.plan(reading);
    if (plan.stamps.length === 0) {
      this.adopt(plan, reading);
      return { text };
    }
    if (!locked) {
      // Re-read under the lock: another instance may have stamped the same hand edit already.
      try {
        return await withFileLock(
          this.path,
          () => this.readAndApply(true, { reading, plan }),
          this.lockOptions(),
        );
      } catch {
        // The lock is held too long or cannot be taken: serve the edit (its versions from this
        // process) until the next read can stamp it.
        this.adopt(plan);
        return { text };
      }
    }
    return this.stamp(reading, plan);
  }

  private lockOptions() {
    return { timeoutMs: this.options.lockTimeoutMs ?? 10_000, pollMs: 5 };
  }

  /**
   * The file's text with `edits` made, read back: in the flags' own blocks (and only those read
   * back) when the text can be indexed, else through the whole document. Undefined when the edited
   * text does not validate.
   */
  private edit(
    reading: Reading,
    edits: readonly { readonly name: string; readonly flag: Flag }[],
  ): Reading | undefined {
    const blocks =
      reading.blocks ??
      (reading.loaded !== undefined ? indexFlagBlocks(reading.text, Object.keys(reading.flags)) : undefined);
    if (blocks !== undefined) {
      const text = editFlagBlocks(blocks, edits);
      const change = text === undefined ? undefined : readChangedBlocks(blocks, text, this.displayName);
      if (change !== undefined) return blocksReading(change, reading.secret);
    }
    let text = reading.text;
    for (const { name, flag } of edits) text = editFlagText(text, name, flag);
    const whole = this.readWhole(text);
    return "invalid" in whole ? undefined : whole;
  }

  /**
   * Write the versions of `plan.stamps` into the file (under its lock, which the caller holds),
   * record each definition change in the history, and adopt the file as written. A file that
   * cannot be written keeps the versions in memory only (served as before) until a later read
   * succeeds.
   */
  private async stamp(reading: Reading, plan: Plan): Promise<{ text: string } | undefined> {
    const { text } = reading;
    let stamped: Reading | undefined;
    try {
      stamped = this.edit(
        reading,
        plan.stamps.map(({ name, flag }) => ({ name, flag })),
      );
    } catch {
      stamped = undefined;
    }
    if (stamped === undefined || !this.holds(stamped, plan)) {
      this.adopt(plan);
      return { text };
    }
    // A hand edit does not take the lock: one saved while this stamp was being made would be
    // overwritten by it. The file is read again at the last moment, once the stamped text is
    // written and synced beside it, just before it replaces the file; newer bytes are read and
    // stamped instead. (An editor that truncates the file in the microseconds between that read
    // and the rename still loses its save: only a lock it took could prevent that.)
    const newer = new Error("the file was saved again while it was being stamped");
    let history: Awaited<ReturnType<typeof openHistoryForAppend>> | undefined;
    try {
      history = await openHistoryForAppend(this.historyPath);
      await writeFileSafely(this.path, stamped.text, {
        lock: false,
        backup: this.options.backup ?? true,
        ...(stamped.secret === undefined ? {} : { holdsSecret: stamped.secret }),
        beforeReplace: async () => {
          const current = await readBoundedFile(this.path).catch(() => undefined);
          if (current?.ok === true && utf8Text(current.bytes) !== text) throw newer;
        },
      });
    } catch (error) {
      await history?.close();
      if (error === newer) return this.readAndApply(true);
      this.adopt(plan);
      return { text };
    }
    try {
      // The plan's state (`holds` said the stamped text reads as it), with the flags as read back.
      const next = new Map(plan.next);
      for (const name of stamped.region?.names ?? Object.keys(stamped.flags)) {
        const { version } = next.get(name)!;
        next.set(name, { name, flag: stamped.flags[name]!, version });
      }
      this.adopt({ next, changed: plan.changed, stamps: [] }, stamped);
      this.lastText = stamped.text;
      this.lastLoaded = stamped.loaded;
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
    return { text: stamped.text };
  }

  /** Whether an edited text reads as exactly the state of `plan` (every flag it read, with its version). */
  private holds(reading: Reading, plan: Plan): boolean {
    const names = reading.region?.names ?? Object.keys(reading.flags);
    if (reading.region !== undefined) {
      const { replaced } = reading.region;
      if (replaced.length !== names.length || replaced.some((name, i) => names[i] !== name)) return false;
    } else if (names.length !== plan.next.size) {
      return false;
    }
    for (const name of names) {
      const stored = plan.next.get(name);
      if (stored === undefined || canonical(stored.flag) !== canonical(reading.flags[name]!)) return false;
    }
    return true;
  }

  private degrade(diagnostics: readonly Diagnostic[]): void {
    this.problems = diagnostics;
  }

  /**
   * The state a read of the file leads to: versions never go back, and a definition that changed
   * gets a version above every one given out for the flag (also across its removal and
   * re-addition). The flags whose version in the file is below that are `stamps` (their file text
   * must be updated). A read of changed blocks plans only their flags: every other flag's text,
   * and so its definition and version, is the adopted one.
   */
  private plan(reading: Reading): Plan {
    const changed: string[] = [];
    const stamps: Stamp[] = [];
    const planned = (name: string, flag: Flag): StoredFlag => {
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
      return stored;
    };
    const { region } = reading;
    if (region === undefined) {
      const next = new Map<string, StoredFlag>();
      for (const [name, flag] of Object.entries(reading.flags)) next.set(name, planned(name, flag));
      for (const name of this.flags.keys()) if (!next.has(name)) changed.push(name);
      return { next, changed, stamps };
    }
    const fresh = new Map<string, StoredFlag>();
    for (const name of region.names) fresh.set(name, planned(name, reading.flags[name]!));
    const same =
      region.names.length === region.replaced.length &&
      region.names.every((n, i) => region.replaced[i] === n);
    if (same) {
      const next = new Map(this.flags);
      for (const [name, stored] of fresh) next.set(name, stored);
      return { next, changed, stamps };
    }
    for (const name of region.replaced) if (!fresh.has(name)) changed.push(name);
    const next = new Map<string, StoredFlag>();
    for (const name of recordOrder(reading.blocks!.names))
      next.set(name, fresh.get(name) ?? this.flags.get(name)!);
    return { next, changed, stamps };
  }

  /**
   * Take a planned state as the new one and tell the listeners what changed; `from` is the read
   * it was planned from when the file holds exactly that (then a re-read of it costs nothing, and
   * a read of other bytes parses only what differs).
   */
  private adopt(plan: Plan, from?: Reading): void {
    this.problems = [];
    this.adopted =
      from === undefined
        ? undefined
        : {
            text: from.text,
            loaded: from.loaded,
            ...(from.blocks !== undefined ? { blocks: from.blocks } : {}),
            ...(from.secret !== undefined ? { secret: from.secret } : {}),
          };
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
    // The state read under the lock is the file's (a failed stamp leaves it not: then edit the
    // text as read, whole).
    const blocks =
      this.adopted !== undefined && this.adopted.text === read.text ? this.blocksOf(this.adopted) : undefined;
    const secret = blocks !== undefined ? this.adopted?.secret : undefined;
    const written = this.edit(
      {
        text: read.text,
        flags: {},
        ...(blocks !== undefined ? { blocks } : {}),
        ...(secret !== undefined ? { secret } : {}),
      },
      [{ name, flag: next }],
    );
    const stored = written?.flags[name];
    if (written === undefined || stored === undefined || canonical(stored) !== canonical(next)) {
      throw new Error(
        `internal error: the edited ${this.path} does not validate or read back as the change; nothing was written`,
      );
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
      await writeFileSafely(this.path, written.text, {
        lock: false,
        backup: this.options.backup ?? true,
        ...(written.secret === undefined ? {} : { holdsSecret: written.secret }),
      });
      this.adopt(this.plan(written), written);
      this.lastText = written.text;
      this.lastLoaded = written.loaded;
      const stored = this.flags.get(name) ?? { name, flag: next, version };
      await writeHistoryRecord(history, changeRecord(name, before?.flag, stored.flag, version, options));
      return stored;
    } finally {
      await history.close();
    }
  }
}
