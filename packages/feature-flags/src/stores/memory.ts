import type { Flag } from "@switchyard/config-schema";
import { INITIAL_VERSION } from "../evaluate/compile.js";
import {
  CachedFlagStore,
  FlagVersionConflictError,
  notify,
  type StoredFlag,
  type StoreHealth,
  withVersion,
} from "./types.js";

/** A flag store in memory: for tests, and for applications that get their flags elsewhere. */
export class MemoryFlagStore extends CachedFlagStore {
  /** Start with these flags (each at its own `version`, or 1). */
  constructor(initial: Readonly<Record<string, Flag>> = {}) {
    super();
    for (const [name, flag] of Object.entries(initial)) {
      const version = flag.version ?? INITIAL_VERSION;
      this.flags.set(name, { name, flag: withVersion(flag, version), version });
    }
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

  health(): StoreHealth {
    return { state: "ok" };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
