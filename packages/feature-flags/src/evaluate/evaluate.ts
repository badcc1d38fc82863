import type { Flag } from "@switchyard/config-schema/schemas";
import { CompiledFlag, FLAG_NOT_FOUND } from "./compile.js";
import type { EvaluationContext, FlagEvaluation } from "./types.js";

const compiled = new WeakMap<Flag, CompiledFlag>();

/** The compiled form of a flag object, built once per object (flags are treated as immutable). */
export function compileFlag(name: string, flag: Flag): CompiledFlag {
  const hit = compiled.get(flag);
  if (hit !== undefined && hit.name === name) return hit;
  const fresh = new CompiledFlag(name, flag);
  compiled.set(flag, fresh);
  return fresh;
}

/**
 * Evaluate one flag for one context, in the legacy decision order (see the package README):
 * unknown (`flag` undefined) → off with `FLAG_NOT_FOUND`; `enabled: false` → off; blacklisted →
 * off; whitelisted → on; outside `start_date`/`end_date` → off; 100 % → on; otherwise the Unleash
 * bucket of `"<group_id>:<stickiness value>"` decides. Never throws. The flag object is compiled
 * once and cached, so do not mutate it after evaluating it.
 */
export function evaluateFlag(
  name: string,
  flag: Flag | undefined,
  context?: EvaluationContext,
  now?: Date | number,
): FlagEvaluation {
  if (flag === undefined || flag === null) return FLAG_NOT_FOUND;
  return compileFlag(name, flag).evaluate(context, typeof now === "object" ? now.getTime() : now);
}
