import type { Flag } from "@switchyard/config-schema/schemas";
import { INITIAL_VERSION } from "../evaluate/compile.js";
import {
  type ChangeOptions,
  changeRecord,
  type FlagChangeRecord,
  type HistoryQuery,
  historyLimit,
} from "../history/types.js";
import {
  CachedFlagStore,
  FlagVersionConflictError,
  notify,
  type StoredFlag,
  type StoreHealth,
  withVersion,
} from "./types.js";

/** How many changes the memory store's history keeps (the oldest are dropped). */
const MEMORY_HISTORY_CAP = 10_000;

/** A flag store in memory: for tests, and for applications that get their flags elsewhere. */
export class MemoryFlagStore extends CachedFlagStore {
  private readonly records: FlagChangeRecord[] = [];

  /** Start with these flags (each at its own `version`, or 1). */
  constructor(initial: Readonly<Record<string, Flag>> = {}) {
    super();
    for (const [name, flag] of Object.entries(initial)) {
      const version = flag.version ?? INITIAL_VERSION;
      this.flags.set(name, { name, flag: withVersion(flag, version), version });
    }
  }

  async put(name: string, flag: Flag, expectedVersion: number, options?: ChangeOptions): Promise<StoredFlag> {
    const known = this.flags.get(name);
    const actual = known?.version ?? 0;
    if (actual !== expectedVersion) throw new FlagVersionConflictError(name, expectedVersion, actual);
    const version = expectedVersion + 1;
    const stored = { name, flag: withVersion(flag, version), version };
    this.flags.set(name, stored);
    this.records.push(changeRecord(name, known?.flag, stored.flag, version, options));
    if (this.records.length > MEMORY_HISTORY_CAP)
      this.records.splice(0, this.records.length - MEMORY_HISTORY_CAP);
    notify(this.listeners, { names: [name] });
    return stored;
  }

  async history(query?: HistoryQuery): Promise<FlagChangeRecord[]> {
    const limit = historyLimit(query);
    const out: FlagChangeRecord[] = [];
    for (let i = this.records.length - 1; i >= 0 && out.length < limit; i--) {
      const record = this.records[i]!;
      if (query?.flag === undefined || record.flag === query.flag) out.push(record);
    }
    return out;
  }

  health(): StoreHealth {
    return { state: "ok" };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
