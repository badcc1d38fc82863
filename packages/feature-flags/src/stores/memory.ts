import type { Flag } from "@switchyard/config-schema";
import { INITIAL_VERSION } from "../evaluate/compile.js";
import {
  type FlagChange,
  type FlagStore,
  FlagVersionConflictError,
  notify,
  type StoredFlag,
  type StoreHealth,
  withVersion,
} from "./types.js";

/** A flag store in memory: for tests, and for applications that get their flags elsewhere. */
export class MemoryFlagStore implements FlagStore {
  private readonly flags = new Map<string, StoredFlag>();
  private readonly listeners = new Set<(change: FlagChange) => void>();

  /** Start with these flags (each at its own `version`, or 1). */
  constructor(initial: Readonly<Record<string, Flag>> = {}) {
    for (const [name, flag] of Object.entries(initial)) {
      const version = flag.version ?? INITIAL_VERSION;
      this.flags.set(name, { name, flag: withVersion(flag, version), version });
    }
  }

  async get(name: string): Promise<StoredFlag | undefined> {
    return this.flags.get(name);
  }

  async list(): Promise<StoredFlag[]> {
    return [...this.flags.values()];
  }

  async put(name: string, flag: Flag, expectedVersion: number): Promise<StoredFlag> {
    const actual = this.flags.get(name)?.version ?? 0;
    if (actual !== expectedVersion) throw new FlagVersionConflictError(name, expectedVersion, actual);
    const version = expectedVersion + 1;
    const stored = { name, flag: withVersion(flag, version), version };
    this.flags.set(name, stored);
    notify(this.listeners, { names: [name] });
    return stored;
  }

  watch(listener: (change: FlagChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): ReadonlyMap<string, StoredFlag> {
    return this.flags;
  }

  health(): StoreHealth {
    return { state: "ok" };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
