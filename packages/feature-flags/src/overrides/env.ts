import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { FLAG_CODES, type FlagCode, flagsDiagnostic } from "../catalogue.js";
import type { FlagOverride } from "../evaluate/compile.js";

/** The environment variable stem of a flag: `new-router` → `FEATURE_NEW_ROUTER`. */
export function overrideVariable(flagName: string): string {
  return `FEATURE_${flagName.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** What {@link readEnvOverrides} returns. */
export interface EnvOverrides {
  /** The override of each flag that has one. */
  readonly overrides: ReadonlyMap<string, FlagOverride>;
  /** Variables that were ignored, and why (SY7010–SY7012). */
  readonly diagnostics: readonly Diagnostic[];
}

const SUFFIXES = ["_ROLLOUT", "_WHITELIST"] as const;

/**
 * Read the legacy environment overrides for the given flags:
 *
 * - `FEATURE_<NAME>=true|false` (also `1|0`, `on|off`, `yes|no`) sets the flag's value for everyone,
 *   before anything in the file (disabled, lists, dates, rollout);
 * - `FEATURE_<NAME>_ROLLOUT=50` replaces `rollout_percentage`;
 * - `FEATURE_<NAME>_WHITELIST=a,b` replaces `whitelist` (spaces around commas are trimmed).
 *
 * The file's `enabled: false`, blacklist and dates still apply with the last two. An evaluation an
 * override decided has the reason `OVERRIDE`. A value that cannot be read, a variable that names no
 * flag and a variable two flags map to are ignored and reported. Never throws.
 */
export function readEnvOverrides(
  env: Readonly<Record<string, string | undefined>>,
  flagNames: Iterable<string>,
): EnvOverrides {
  const byVariable = new Map<string, string[]>();
  for (const name of flagNames) {
    const variable = overrideVariable(name);
    const list = byVariable.get(variable);
    if (list) list.push(name);
    else byVariable.set(variable, [name]);
  }
  const overrides = new Map<string, FlagOverride>();
  const diagnostics: Diagnostic[] = [];
  const warn = (code: FlagCode, message: string, hint: string) =>
    diagnostics.push(flagsDiagnostic(code, { message, hint }));
  const variables = Object.keys(env)
    .filter((key) => key.startsWith("FEATURE_") && env[key] !== undefined)
    .sort();
  for (const variable of variables) {
    const raw = env[variable]!.trim();
    const suffix = SUFFIXES.find((s) => variable.endsWith(s) && byVariable.has(variable.slice(0, -s.length)));
    const stem = suffix ? variable.slice(0, -suffix.length) : variable;
    const names = byVariable.get(stem);
    if (!names) {
      warn(
        FLAG_CODES.overrideUnknownFlag,
        `Environment variable ${variable} names no flag, so it is ignored`,
        "The variable is FEATURE_ plus the flag's name in upper case with other characters as `_`.",
      );
      continue;
    }
    if (names.length > 1) {
      warn(
        FLAG_CODES.overrideAmbiguous,
        `Environment variable ${variable} matches the flags ${names.map((n) => `'${n}'`).join(" and ")}, so it is ignored`,
        "Rename one of the flags so their variable names differ.",
      );
      continue;
    }
    const name = names[0]!;
    const current = overrides.get(name) ?? {};
    if (suffix === undefined) {
      const value = /^(?:true|1|on|yes)$/i.test(raw)
        ? true
        : /^(?:false|0|off|no)$/i.test(raw)
          ? false
          : undefined;
      if (value === undefined) {
        warn(
          FLAG_CODES.overrideInvalid,
          `Environment variable ${variable} must be true or false, got ${JSON.stringify(raw.slice(0, 40))}`,
          "Set it to `true` or `false`, or unset it.",
        );
        continue;
      }
      overrides.set(name, { ...current, value });
    } else if (suffix === "_ROLLOUT") {
      const rollout = /^\d+(?:\.\d+)?%?$/.test(raw) ? Number(raw.replace("%", "")) : Number.NaN;
      if (!(rollout >= 0 && rollout <= 100)) {
        warn(
          FLAG_CODES.overrideInvalid,
          `Environment variable ${variable} must be a percentage from 0 to 100, got ${JSON.stringify(raw.slice(0, 40))}`,
          "Set it to a number such as `50`, or unset it.",
        );
        continue;
      }
      overrides.set(name, { ...current, rollout });
    } else {
      const whitelist = raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      overrides.set(name, { ...current, whitelist });
    }
  }
  return { overrides, diagnostics };
}
