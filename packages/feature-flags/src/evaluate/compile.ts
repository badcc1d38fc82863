import { windowEnd, windowStart } from "@switchyard/config-schema/dates";
import type { Flag } from "@switchyard/config-schema/schemas";
import { bucketWithPrefix, type HashPrefix, hashPrefix } from "../hash/murmurhash3.js";
import type { EvaluationContext, EvaluationReason, FlagEvaluation } from "./types.js";

/** What an environment override changes about one flag (see `overrides/env.ts`). */
export interface FlagOverride {
  /** `FEATURE_<NAME>=true|false`: the value for everyone, before anything in the file. */
  readonly value?: boolean;
  /** `FEATURE_<NAME>_ROLLOUT=50`: replaces `rollout_percentage`. */
  readonly rollout?: number;
  /** `FEATURE_<NAME>_WHITELIST=a,b`: replaces `whitelist`. */
  readonly whitelist?: readonly string[];
}

/** The version of a flag that carries none (hand-written): every existing flag is at least 1. */
export const INITIAL_VERSION = 1;

const result = (
  value: boolean,
  reason: EvaluationReason,
  version: number,
  extra: Partial<FlagEvaluation> = {},
): FlagEvaluation => Object.freeze({ value, reason, version, ...extra });

/** The answer for a flag that does not exist. */
export const FLAG_NOT_FOUND: FlagEvaluation = result(false, "ERROR", 0, { errorCode: "FLAG_NOT_FOUND" });

/**
 * A flag prepared for evaluation: dates parsed once, lists as sets, the hash state of
 * `"<groupId>:"` computed once, and every possible answer built once (frozen and shared), so
 * {@link CompiledFlag.evaluate} allocates nothing.
 */
export class CompiledFlag {
  readonly name: string;
  readonly flag: Flag;
  readonly version: number;
  readonly groupId: string;
  readonly stickiness: string;
  readonly override: FlagOverride | undefined;
  /** The effective percentage (override applied), 0–100. */
  readonly percentage: number;
  private readonly start: number | undefined;
  private readonly end: number | undefined;
  private readonly dated: boolean;
  private readonly blacklist: ReadonlySet<string> | undefined;
  private readonly whitelist: ReadonlySet<string> | undefined;
  private readonly prefix: HashPrefix;
  private readonly forced: FlagEvaluation | undefined;
  private readonly disabled: FlagEvaluation;
  private readonly blacklisted: FlagEvaluation;
  private readonly whitelisted: FlagEvaluation;
  private readonly outside: FlagEvaluation;
  private readonly allOn: FlagEvaluation;
  private readonly allOff: FlagEvaluation;
  private readonly noKey: FlagEvaluation;
  private readonly invalid: FlagEvaluation;
  private readonly splits: (FlagEvaluation | undefined)[] = new Array(101).fill(undefined);
  private readonly splitReason: EvaluationReason;

  constructor(name: string, flag: Flag, override?: FlagOverride) {
    this.name = name;
    this.flag = flag;
    this.override = override;
    const version = flag.version ?? INITIAL_VERSION;
    this.version = version;
    this.groupId = flag.group_id ?? name;
    this.stickiness = flag.stickiness ?? "userId";
    this.start = windowStart(flag.start_date);
    this.end = windowEnd(flag.end_date);
    this.dated = this.start !== undefined || this.end !== undefined;
    this.blacklist = flag.blacklist?.length ? new Set(flag.blacklist) : undefined;
    const whitelist = override?.whitelist ?? flag.whitelist;
    this.whitelist = whitelist?.length ? new Set(whitelist) : undefined;
    const percentage = override?.rollout ?? flag.rollout_percentage ?? 100;
    this.percentage = Math.min(100, Math.max(0, percentage));
    this.prefix = hashPrefix(`${this.groupId}:`);
    const rolloutReason = (r: EvaluationReason) => (override?.rollout !== undefined ? "OVERRIDE" : r);
    this.splitReason = rolloutReason("SPLIT");
    this.forced = override?.value !== undefined ? result(override.value, "OVERRIDE", version) : undefined;
    this.disabled = result(false, "DISABLED", version);
    this.blacklisted = result(false, "TARGETING_MATCH", version);
    this.whitelisted = result(
      true,
      override?.whitelist !== undefined ? "OVERRIDE" : "TARGETING_MATCH",
      version,
    );
    this.outside = result(false, "TARGETING_MATCH", version);
    this.allOn = result(true, rolloutReason("STATIC"), version);
    this.allOff = result(false, rolloutReason("STATIC"), version);
    this.noKey = result(false, "DEFAULT", version);
    this.invalid = result(false, "ERROR", version, { errorCode: "INVALID_CONTEXT" });
  }

  /**
   * Evaluate for one context at `now` (ms since the epoch; default the current time), in the legacy
   * order: overridden → that value; globally disabled → off; blacklisted → off; whitelisted → on;
   * outside `start_date`/`end_date` → off; 100 % → on, 0 % → off; otherwise the bucket of the
   * stickiness value decides (no value → off, `DEFAULT`). A context that is not an object, or a
   * `userId` that is not a string or number, gives off with `INVALID_CONTEXT`. Never throws.
   */
  evaluate(context: EvaluationContext | undefined, now?: number): FlagEvaluation {
    if (this.forced !== undefined) return this.forced;
    if (!this.flag.enabled) return this.disabled;
    let userId: string | undefined;
    if (context !== undefined) {
      if (context === null || typeof context !== "object") return this.invalid;
      const raw = context.userId;
      if (typeof raw === "string") userId = raw;
      else if (raw !== undefined && raw !== null) {
        if (typeof raw !== "number" || !Number.isFinite(raw)) return this.invalid;
        userId = String(raw);
      }
    }
    if (userId !== undefined && userId !== "") {
      if (this.blacklist?.has(userId)) return this.blacklisted;
      if (this.whitelist?.has(userId)) return this.whitelisted;
    }
    if (this.dated) {
      const time = now ?? Date.now();
      if ((this.start !== undefined && time < this.start) || (this.end !== undefined && time >= this.end)) {
        return this.outside;
      }
    }
    const percentage = this.percentage;
    if (percentage >= 100) return this.allOn;
    if (percentage <= 0) return this.allOff;
    const key = this.stickiness === "userId" ? userId : stickyValue(context, this.stickiness);
    if (key === undefined || key === "") return this.noKey;
    if (key === null) return this.invalid;
    const bucket = bucketWithPrefix(this.prefix, key);
    const known = this.splits[bucket];
    if (known !== undefined) return known;
    const fresh = result(bucket <= percentage, this.splitReason, this.version, { bucket });
    this.splits[bucket] = fresh;
    return fresh;
  }

  /** The bucket (1–100) of a stickiness value in this flag's group. */
  bucketOf(value: string): number {
    return bucketWithPrefix(this.prefix, value);
  }
}

/** The value of a stickiness field: a string, `undefined` when absent, `null` when of a wrong type. */
function stickyValue(context: EvaluationContext | undefined, field: string): string | undefined | null {
  if (context === undefined) return undefined;
  const value = context.properties?.[field] ?? context[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean")
    return String(value);
  return null;
}
