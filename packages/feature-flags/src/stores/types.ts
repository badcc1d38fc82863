import type { Diagnostic, Flag } from "@switchyard/config-schema";
import { FLAG_CODES } from "../catalogue.js";

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
   * flag gets version `expectedVersion + 1` (any `version` in `flag` is ignored).
   * @throws FlagVersionConflictError (SY7003) when the flag is at another version.
   * @throws FlagStoreUnavailableError (SY7021) when the backend cannot be written.
   */
  put(name: string, flag: Flag, expectedVersion: number): Promise<StoredFlag>;
  /** Be told of every change (made here, by another replica or by hand). Returns the unsubscribe. */
  watch(listener: (change: FlagChange) => void): () => void;
  /** The last known state, synchronously (what an engine evaluates). */
  snapshot(): ReadonlyMap<string, StoredFlag>;
  /** Whether the store is serving fresh data, and why not. */
  health(): StoreHealth;
  /** Stop watching and release connections. */
  close(): Promise<void>;
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

  abstract put(name: string, flag: Flag, expectedVersion: number): Promise<StoredFlag>;
  abstract health(): StoreHealth;
  abstract close(): Promise<void>;
}
