import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { Flag } from "@switchyard/config-schema/schemas";
import { CompiledFlag, FLAG_NOT_FOUND, type FlagOverride } from "./evaluate/compile.js";
import type { EvaluationContext, FlagEvaluation } from "./evaluate/types.js";
import { readEnvOverrides } from "./overrides/env.js";

/** One flag as {@link FlagEngine.listFlags} lists it. */
export interface FlagInfo {
  readonly name: string;
  readonly flag: Flag;
  readonly version: number;
  /** The environment override in force for it, if any. */
  readonly override?: FlagOverride;
}

/** Options of {@link FlagEngine}. */
export interface FlagEngineOptions {
  /**
   * Environment variables to read `FEATURE_<NAME>`, `FEATURE_<NAME>_ROLLOUT` and
   * `FEATURE_<NAME>_WHITELIST` overrides from (e.g. `process.env`); none when absent.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A set of flags ready to evaluate: each flag compiled once (and again only when it changes),
 * environment overrides applied. What a server or an application holds; feed it a store's
 * snapshots with {@link FlagEngine.setFlags}.
 */
export class FlagEngine {
  private compiled = new Map<string, CompiledFlag>();
  private readonly env: Readonly<Record<string, string | undefined>> | undefined;
  private problems: readonly Diagnostic[] = [];

  constructor(flags: Readonly<Record<string, Flag>> = {}, options: FlagEngineOptions = {}) {
    this.env = options.env;
    this.setFlags(flags);
  }

  /** Replace the flags (unchanged flag objects keep their compiled form). */
  setFlags(flags: Readonly<Record<string, Flag>>): void {
    const names = Object.keys(flags);
    const env = this.env ? readEnvOverrides(this.env, names) : undefined;
    this.problems = env?.diagnostics ?? [];
    const next = new Map<string, CompiledFlag>();
    for (const name of names) {
      const flag = flags[name]!;
      const override = env?.overrides.get(name);
      const old = this.compiled.get(name);
      next.set(
        name,
        old !== undefined && old.flag === flag && sameOverride(old.override, override)
          ? old
          : new CompiledFlag(name, flag, override),
      );
    }
    this.compiled = next;
  }

  /** Environment variables that were ignored, and why. */
  get overrideDiagnostics(): readonly Diagnostic[] {
    return this.problems;
  }

  /** Evaluate one flag (see {@link CompiledFlag.evaluate}); an unknown flag is off with `FLAG_NOT_FOUND`. */
  evaluate(name: string, context?: EvaluationContext, now?: number): FlagEvaluation {
    const flag = this.compiled.get(name);
    return flag === undefined ? FLAG_NOT_FOUND : flag.evaluate(context, now);
  }

  /** Whether the flag is on for this context. */
  isEnabled(name: string, context?: EvaluationContext, now?: number): boolean {
    return this.evaluate(name, context, now).value;
  }

  /** The compiled flag of that name. */
  get(name: string): CompiledFlag | undefined {
    return this.compiled.get(name);
  }

  /** The flags, in the file's order, optionally only those carrying `tag`. */
  listFlags(filter: { readonly tag?: string } = {}): FlagInfo[] {
    const out: FlagInfo[] = [];
    for (const compiled of this.compiled.values()) {
      if (filter.tag !== undefined && !compiled.flag.tags?.includes(filter.tag)) continue;
      out.push({
        name: compiled.name,
        flag: compiled.flag,
        version: compiled.version,
        ...(compiled.override ? { override: compiled.override } : {}),
      });
    }
    return out;
  }

  /** The names of the flags that are on for this context ("which flags does this user have"). */
  enabledFlagsFor(context?: EvaluationContext, now?: number): string[] {
    const time = now ?? Date.now();
    const out: string[] = [];
    for (const compiled of this.compiled.values())
      if (compiled.evaluate(context, time).value) out.push(compiled.name);
    return out;
  }
}

function sameOverride(a: FlagOverride | undefined, b: FlagOverride | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return (
    a.value === b.value &&
    a.rollout === b.rollout &&
    (a.whitelist ?? []).join("\0") === (b.whitelist ?? []).join("\0")
  );
}
