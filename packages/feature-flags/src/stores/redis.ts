import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { Flag } from "@switchyard/config-schema/schemas";
import { plural } from "@switchyard/config-schema/text";
import { createClient } from "redis";
import { FLAG_CODES, flagsDiagnostic } from "../catalogue.js";
import {
  type ChangeOptions,
  changeRecord,
  type FlagChangeRecord,
  type HistoryQuery,
  historyLimit,
  isChangeRecord,
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

/** Options of {@link RedisFlagStore.connect}. */
export interface RedisFlagStoreOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  readonly url: string;
  /** Key prefix, so several Switchyard installations can share one server (default `switchyard`). */
  readonly namespace?: string;
  /** Longest pause between reconnection attempts, in ms (default 500). */
  readonly maxReconnectDelayMs?: number;
  /** How long {@link RedisFlagStore.connect} waits for the first connection before opening degraded (default 5 000). */
  readonly connectTimeoutMs?: number;
  /** About how many change records the history stream keeps (`XADD MAXLEN ~`; default 10 000). */
  readonly historyLength?: number;
}

/**
 * Compare-and-set: write the flag only if its stored version is ARGV[2] (0: absent), record the
 * change in the capped history stream, then publish its name — one atomic step, so the store and
 * its history always agree. ARGV: name, expected version, new JSON, record JSON with the field
 * `"before":null` that the script fills in from the stored JSON, stream length.
 * Returns {1, newVersion} or {0, actualVersion}.
 */
const PUT_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
local version = 0
if current then version = tonumber(cjson.decode(current)['version']) or 0 end
if version ~= tonumber(ARGV[2]) then return {0, version} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
local record = ARGV[4]
if current then
  local at = string.find(record, '"before":null', 1, true)
  record = string.sub(record, 1, at - 1) .. '"before":' .. current .. string.sub(record, at + 13)
end
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], '*', 'record', record)
redis.call('PUBLISH', KEYS[2], ARGV[1])
return {1, version + 1}
`;

type Client = ReturnType<typeof createClient>;

function parseStored(name: string, json: string | null | undefined): StoredFlag | undefined {
  if (json === null || json === undefined) return undefined;
  try {
    const flag = JSON.parse(json) as Flag;
    const version = typeof flag.version === "number" ? flag.version : 1;
    return { name, flag, version };
  } catch {
    return undefined;
  }
}

function parseRecord(json: string | undefined): FlagChangeRecord | undefined {
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return isChangeRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A flag store shared by several server replicas through Redis: flags in one hash
 * (`<namespace>:flags`, name → JSON), compare-and-set on the version in a Lua script, and a
 * pub/sub channel (`<namespace>:changes`) so every replica sees a change at once. When Redis is
 * gone, reads serve the last known state and {@link health} reports degraded; writes fail with
 * {@link FlagStoreUnavailableError}; the store reconnects on its own and reloads everything (a change
 * made meanwhile is reported to watchers).
 */
export class RedisFlagStore extends CachedFlagStore {
  private readonly hashKey: string;
  private readonly channel: string;
  private readonly historyKey: string;
  private readonly historyLength: number;
  private clientUp = false;
  private subscriberUp = false;
  private lastError: string | undefined;
  private closed = false;

  private constructor(
    private readonly client: Client,
    private readonly subscriber: Client,
    namespace: string,
    historyLength: number,
  ) {
    super();
    this.hashKey = `${namespace}:flags`;
    this.channel = `${namespace}:changes`;
    this.historyKey = `${namespace}:history`;
    this.historyLength = historyLength;
  }

  /** Connect (and subscribe); a server that is down at start gives a degraded store that keeps trying. */
  static async connect(options: RedisFlagStoreOptions): Promise<RedisFlagStore> {
    const maxDelay = options.maxReconnectDelayMs ?? 500;
    const client: Client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        reconnectStrategy: (retries: number) => Math.min(50 * (retries + 1), maxDelay),
        connectTimeout: 2_000,
      },
    });
    const subscriber = client.duplicate();
    const store = new RedisFlagStore(
      client,
      subscriber,
      options.namespace ?? "switchyard",
      options.historyLength ?? 10_000,
    );
    store.wire();
    const ready = Promise.all([
      client.connect(),
      subscriber
        .connect()
        .then(() => subscriber.subscribe(store.channel, (name) => void store.refresh(name))),
    ]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((done) => {
      timer = setTimeout(() => done("timeout"), options.connectTimeoutMs ?? 5_000);
    });
    const outcome = await Promise.race([ready.then(() => "ready" as const), timeout]).catch(
      () => "failed" as const,
    );
    clearTimeout(timer);
    if (outcome === "ready") await store.reloadAll().catch(() => undefined);
    return store;
  }

  private wire(): void {
    const down = (which: "client" | "subscriber") => (error?: unknown) => {
      if (which === "client") this.clientUp = false;
      else this.subscriberUp = false;
      if (error instanceof Error) this.lastError = error.message;
    };
    this.client.on("error", down("client"));
    this.client.on("end", down("client"));
    this.client.on("reconnecting", down("client"));
    this.subscriber.on("error", down("subscriber"));
    this.subscriber.on("end", down("subscriber"));
    this.subscriber.on("reconnecting", down("subscriber"));
    this.client.on("ready", () => {
      this.clientUp = true;
      // Changes made while we were away were not published to us: read everything again.
      void this.reloadAll().catch(() => undefined);
    });
    this.subscriber.on("ready", () => {
      this.subscriberUp = true;
      void this.reloadAll().catch(() => undefined);
    });
  }

  health(): StoreHealth {
    if (this.clientUp && this.subscriberUp) return { state: "ok" };
    const diagnostic: Diagnostic = flagsDiagnostic(FLAG_CODES.storeUnavailable, {
      message: `Redis is unreachable${this.lastError ? ` (${this.lastError})` : ""}; serving the last known state of ${plural(this.flags.size, "flag")}`,
      hint: "The store reconnects on its own; check that the Redis server is up.",
    });
    return { state: "degraded", diagnostics: [diagnostic] };
  }

  async put(name: string, flag: Flag, expectedVersion: number, options?: ChangeOptions): Promise<StoredFlag> {
    if (!this.clientUp || !this.client.isReady) {
      throw new FlagStoreUnavailableError(`Cannot change flag '${name}': Redis is unreachable`);
    }
    const version = expectedVersion + 1;
    const stored = withVersion(flag, version);
    // `before` is filled in by the script from what Redis holds, inside the same atomic step.
    const record = changeRecord(name, undefined, stored, version, options);
    let reply: unknown;
    try {
      reply = await this.client.eval(PUT_SCRIPT, {
        keys: [this.hashKey, this.channel, this.historyKey],
        arguments: [
          name,
          String(expectedVersion),
          JSON.stringify(stored),
          JSON.stringify(record),
          String(this.historyLength),
        ],
      });
    } catch (error) {
      throw new FlagStoreUnavailableError(
        `Cannot change flag '${name}': ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const [ok, actual] = reply as [number, number];
    if (ok !== 1) throw new FlagVersionConflictError(name, expectedVersion, Number(actual));
    const result = { name, flag: stored, version };
    this.apply(name, result);
    return result;
  }

  async history(query?: HistoryQuery): Promise<FlagChangeRecord[]> {
    if (!this.client.isReady) {
      throw new FlagStoreUnavailableError("Cannot read the flag history: Redis is unreachable");
    }
    const limit = historyLimit(query);
    const out: FlagChangeRecord[] = [];
    let end = "+";
    // Newest first, a page at a time, until enough records of the flag are found.
    for (;;) {
      let page: { id: string; message: Record<string, string> }[];
      try {
        page = (await this.client.xRevRange(this.historyKey, end, "-", {
          COUNT: query?.flag === undefined ? limit : 500,
        })) as { id: string; message: Record<string, string> }[];
      } catch (error) {
        throw new FlagStoreUnavailableError(
          `Cannot read the flag history: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      for (const entry of page) {
        const record = parseRecord(entry.message.record);
        if (record !== undefined && (query?.flag === undefined || record.flag === query.flag)) {
          out.push(record);
          if (out.length >= limit) return out;
        }
      }
      if (page.length === 0 || query?.flag === undefined) return out;
      end = `(${page[page.length - 1]!.id}`;
    }
  }

  protected override async fresh(name: string): Promise<StoredFlag | undefined> {
    if (!this.client.isReady) return this.flags.get(name);
    try {
      const stored = parseStored(name, await this.client.hGet(this.hashKey, name));
      this.apply(name, stored);
      return stored;
    } catch {
      return this.flags.get(name);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await Promise.allSettled([this.subscriber.close(), this.client.close()]);
  }

  /** Re-read every flag (at start and after a reconnection); report what differs. */
  private async reloadAll(): Promise<void> {
    if (this.closed || !this.client.isReady) return;
    const all = await this.client.hGetAll(this.hashKey);
    const next = new Map<string, StoredFlag>();
    for (const name of Object.keys(all).sort()) {
      const stored = parseStored(name, all[name]);
      if (stored) next.set(name, stored);
    }
    const changed: string[] = [];
    for (const [name, stored] of next) {
      const known = this.flags.get(name);
      if (!known || known.version !== stored.version) changed.push(name);
      else next.set(name, known);
    }
    for (const name of this.flags.keys()) if (!next.has(name)) changed.push(name);
    this.flags = next;
    notify(this.listeners, { names: changed });
  }

  /** A replica published a change of `name`: read that flag. */
  private async refresh(name: string): Promise<void> {
    if (this.closed || !this.client.isReady) return;
    try {
      const stored = parseStored(name, await this.client.hGet(this.hashKey, name));
      this.apply(name, stored);
    } catch {
      // Lost the connection meanwhile: the reload after reconnecting catches up.
    }
  }

  private apply(name: string, stored: StoredFlag | undefined): void {
    const known = this.flags.get(name);
    if (stored === undefined) {
      if (!known) return;
      const next = new Map(this.flags);
      next.delete(name);
      this.flags = next;
    } else {
      if (known && known.version >= stored.version) return;
      const next = new Map(this.flags);
      next.set(name, stored);
      this.flags = next;
    }
    notify(this.listeners, { names: [name] });
  }
}
