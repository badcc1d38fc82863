import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { Flag } from "@switchyard/config-schema/schemas";
import { FLAG_CODES } from "../catalogue.js";
import type { ChangeOptions, FlagChangeRecord, HistoryQuery } from "../history/types.js";

/** A flag as a store holds it: its `flag.version` always equals `version`. */
export interface StoredFlag {
  readonly name: string;
  readonly flag: Flag;
  readonly version: number;
}

/** What changed, as {@link FlagStore.watch} reports it. */
export interface FlagChange {
  /** The flags whose content or version changed (added ones included). */
  readonly names: readonly string[];
}

/** Whether a store is serving fresh data. */
export type StoreHealth =
  | { readonly state: "ok" }
  /** Serving the last good state: the backend is unreachable (Redis) or the file stopped validating. */
  | { readonly state: "degraded"; readonly diagnostics: readonly Diagnostic[] };

/**
 * One interface for every flag store (memory, YAML file, Redis). Every change goes through
 * {@link FlagStore.put} with the version it was based on, so no update is ever lost.
 */
export interface FlagStore {
  /** One flag, or undefined when there is none of that name. */
  get(name: string): Promise<StoredFlag | undefined>;
  /** Every flag, in the store's order (the file's order for the file store). */
  list(): Promise<StoredFlag[]>;
  /**
   * Write a flag if its current version is `expectedVersion` (0: it must not exist yet). The stored
   * flag gets version `expectedVersion + 1` (any `version` in `flag` is ignored). The change is
   * recorded in the store's history in the same step (who: `options.actor`).
   * @throws FlagVersionConflictError (SY7003) when the flag is at another version.
   * @throws FlagStoreUnavailableError (SY7021) when the backend cannot be written.
   */
  put(name: string, flag: Flag, expectedVersion: number, options?: ChangeOptions): Promise<StoredFlag>;
  /**
   * Read-modify-write without lost updates: `edit` gets the flag's current state and returns the
   * new definition; the store writes it with that state's version. Without `expectedVersion` a
   * conflict (another writer, another replica) re-reads and applies `edit` again; with it, the
   * change applies only on top of that version (an HTTP `If-Match`) and a conflict throws.
   * Changes of one flag through one store instance are applied one at a time. An edit that changes
   * nothing writes nothing.
   * @throws FlagVersionConflictError, FlagStoreUnavailableError, or whatever `edit` throws.
   */
  update(name: string, edit: FlagEditor, options?: UpdateOptions): Promise<UpdateResult>;
  /** The recorded changes, newest first (see {@link HistoryQuery}). */
  history(query?: HistoryQuery): Promise<FlagChangeRecord[]>;
  /** Be told of every change (made here, by another replica or by hand). Returns the unsubscribe. */
  watch(listener: (change: FlagChange) => void): () => void;
  /** The last known state, synchronously (what an engine evaluates). */
  snapshot(): ReadonlyMap<string, StoredFlag>;
  /** Whether the store is serving fresh data, and why not. */
  health(): StoreHealth;
  /** Stop watching and release connections. */
  close(): Promise<void>;
}

/** What {@link FlagStore.update} applies: the new definition from the current one (undefined: no such flag). */
export type FlagEditor = (current: StoredFlag | undefined) => Flag;

/** Options of {@link FlagStore.update}. */
export interface UpdateOptions extends ChangeOptions {
  /** Apply only on top of this version (0: the flag must not exist); a conflict throws instead of retrying. */
  readonly expectedVersion?: number;
  /** How many conflicts to retry before giving up (default 100). */
  readonly maxAttempts?: number;
}

/** What {@link FlagStore.update} did. */
export interface UpdateResult {
  /** The flag as stored now. */
  readonly stored: StoredFlag;
  /** The flag before this change (undefined when it was created). */
  readonly previous: StoredFlag | undefined;
  /** False when the edit changed nothing (then nothing was written). */
  readonly changed: boolean;
}

/** A put whose expected version is stale: another writer changed the flag first. Code SY7003. */
export class FlagVersionConflictError extends Error {
  readonly code = FLAG_CODES.versionConflict;
  readonly flag: string;
  readonly expected: number;
  readonly actual: number;
  constructor(flag: string, expected: number, actual: number) {
    super(
      actual === 0
        ? `Flag '${flag}' does not exist (expected version ${expected})`
        : `Flag '${flag}' is at version ${actual}, not ${expected}: it changed since it was read`,
    );
    this.name = "FlagVersionConflictError";
    this.flag = flag;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The store's backend cannot be written right now (reads still serve the last known state). Code SY7021. */
export class FlagStoreUnavailableError extends Error {
  readonly code = FLAG_CODES.storeUnavailable;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FlagStoreUnavailableError";
  }
}

/** Flags by name from a store's snapshot, ready for `FlagEngine.setFlags`. */
export function flagsOf(snapshot: ReadonlyMap<string, StoredFlag>): Record<string, Flag> {
  const out: Record<string, Flag> = {};
  for (const [name, stored] of snapshot)
    Object.defineProperty(out, name, { value: stored.flag, enumerable: true });
  return out;
}

/** The flag's definition without its version, for telling a real change from a re-write. */
export function sameDefinition(a: Flag, b: Flag): boolean {
  const { version: _a, ...restA } = a;
  const { version: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

/** A flag with its version set, as stores keep it. */
export function withVersion(flag: Flag, version: number): Flag {
  const { version: _ignored, ...rest } = flag;
  return { ...rest, version };
}

/** Call every listener, isolating their failures from the store and from each other. */
export function notify(listeners: Iterable<(change: FlagChange) => void>, change: FlagChange): void {
  if (change.names.length === 0) return;
  for (const listener of listeners) {
    try {
      listener(change);
    } catch {
      // A listener's bug must not break the store or the other listeners.
    }
  }
}

/**
 * What every store shares: the last known state (a map replaced or updated as changes arrive), the
 * listeners, and the reads served from that state. A store adds `put`, `health` and `close`.
 */
export abstract class CachedFlagStore implements FlagStore {
  protected flags = new Map<string, StoredFlag>();
  protected readonly listeners = new Set<(change: FlagChange) => void>();
  /** The tail of each flag's queue of updates through this instance. */
  private readonly updating = new Map<string, Promise<unknown>>();

  async get(name: string): Promise<StoredFlag | undefined> {
    return this.flags.get(name);
  }

  async list(): Promise<StoredFlag[]> {
    return [...this.flags.values()];
  }

  snapshot(): ReadonlyMap<string, StoredFlag> {
    return this.flags;
  }

  watch(listener: (change: FlagChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(name: string, edit: FlagEditor, options: UpdateOptions = {}): Promise<UpdateResult> {
    const previous = this.updating.get(name) ?? Promise.resolve();
    const run = previous.then(
      () => this.updateNow(name, edit, options),
      () => this.updateNow(name, edit, options),
    );
    const tail = run.catch(() => undefined);
    this.updating.set(name, tail);
    void tail.then(() => {
      if (this.updating.get(name) === tail) this.updating.delete(name);
    });
    return run;
  }

  private async updateNow(name: string, edit: FlagEditor, options: UpdateOptions): Promise<UpdateResult> {
    const attempts = options.maxAttempts ?? 100;
    const change = options.actor === undefined ? {} : { actor: options.actor };
    const expected = options.expectedVersion;
    for (let attempt = 1; ; attempt++) {
      let current = attempt === 1 ? await this.get(name) : await this.fresh(name);
      // The cached state may lag a replica's write that the caller already saw: ask the backend.
      if (expected !== undefined && (current?.version ?? 0) !== expected) current = await this.fresh(name);
      const actual = current?.version ?? 0;
      if (expected !== undefined && expected !== actual)
        throw new FlagVersionConflictError(name, expected, actual);
      const next = edit(current);
      if (current !== undefined && sameDefinition(current.flag, next)) {
        return { stored: current, previous: current, changed: false };
      }
      try {
        const stored = await this.put(name, next, actual, change);
        return { stored, previous: current, changed: true };
      } catch (error) {
        if (!(error instanceof FlagVersionConflictError) || expected !== undefined) throw error;
        if (attempt >= attempts) throw error;
        // Another process or replica wrote first: back off a little, re-read, apply the edit again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
      }
    }
  }

  /**
   * The flag as the backend holds it now (after a conflict the cached state may lag): the cached
   * state by default; stores whose backend others write to override it.
   */
  protected async fresh(name: string): Promise<StoredFlag | undefined> {
    return this.flags.get(name);
  }

  abstract put(
    name: string,
    flag: Flag,
    expectedVersion: number,
    options?: ChangeOptions,
  ): Promise<StoredFlag>;
  abstract history(query?: HistoryQuery): Promise<FlagChangeRecord[]>;
  abstract health(): StoreHealth;
  abstract close(): Promise<void>;
}
