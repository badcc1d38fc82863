import { type Diagnostic, didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { AUDIT_PROBLEM_CODES, auditDiagnostic } from "./catalogue.js";
import type { AuditGate } from "./gate.js";
import { AUDIT_FORMATS, type AuditFormat } from "./render/index.js";
import { AUDIT_CATEGORIES, AUDIT_SEVERITIES, type AuditCategory, type AuditSeverity } from "./types.js";

/** The audit's flags as a command line parser hands them over (strings, unvalidated). */
export interface AuditFlags {
  readonly quick?: boolean;
  readonly focus?: string;
  readonly format?: string;
  readonly minScore?: string | number;
  readonly failOn?: string;
}

/** Validated flags. */
export interface ResolvedAuditFlags {
  readonly quick: boolean;
  readonly focus?: AuditCategory;
  readonly format: AuditFormat;
  readonly gate: AuditGate;
}

function invalid(message: string, hint: string, suggestion?: string): Diagnostic {
  return auditDiagnostic(AUDIT_PROBLEM_CODES.invalidOption, {
    message,
    hint,
    ...(suggestion !== undefined ? { suggestion } : {}),
  });
}

function oneOf<T extends string>(
  flag: string,
  value: string,
  allowed: readonly T[],
): { value: T } | { diagnostic: Diagnostic } {
  if ((allowed as readonly string[]).includes(value)) return { value: value as T };
  const suggestion = suggestName(value, allowed);
  return {
    diagnostic: invalid(
      `${flag} ${JSON.stringify(value)} is not one of ${allowed.join(", ")}${didYouMean(suggestion)}`,
      `Use one of: ${allowed.join(", ")}.`,
      suggestion,
    ),
  };
}

/**
 * Validate the audit's flags. Bad values become SY5001 diagnostics (the CLI prints them and exits 3).
 * `--quick` with `--focus` is refused: each selects a different subset.
 */
export function resolveAuditFlags(
  flags: AuditFlags,
): { ok: true; value: ResolvedAuditFlags } | { ok: false; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let focus: AuditCategory | undefined;
  if (flags.focus !== undefined) {
    const r = oneOf("--focus", flags.focus, AUDIT_CATEGORIES);
    if ("value" in r) focus = r.value;
    else diagnostics.push(r.diagnostic);
  }
  if (flags.quick && flags.focus !== undefined) {
    diagnostics.push(
      invalid(
        "--quick and --focus cannot be combined",
        "--quick runs security and compliance; --focus runs one category. Pick one.",
      ),
    );
  }
  let format: AuditFormat = "text";
  if (flags.format !== undefined) {
    const r = oneOf("--format", flags.format, AUDIT_FORMATS);
    if ("value" in r) format = r.value;
    else diagnostics.push(r.diagnostic);
  }
  let minScore: number | undefined;
  if (flags.minScore !== undefined) {
    const n =
      typeof flags.minScore === "number"
        ? flags.minScore
        : /^\s*\d+(\.\d+)?\s*$/.test(flags.minScore)
          ? Number(flags.minScore)
          : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || n > 100) {
      diagnostics.push(
        invalid(
          `--min-score ${JSON.stringify(String(flags.minScore))} is not a number from 0 to 100`,
          "Pass a score such as `--min-score 80`.",
        ),
      );
    } else {
      minScore = n;
    }
  }
  let failOn: AuditSeverity | undefined;
  if (flags.failOn !== undefined) {
    const r = oneOf("--fail-on", flags.failOn, AUDIT_SEVERITIES);
    if ("value" in r) failOn = r.value;
    else diagnostics.push(r.diagnostic);
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return {
    ok: true,
    value: {
      quick: flags.quick ?? false,
      ...(focus !== undefined ? { focus } : {}),
      format,
      gate: { ...(minScore !== undefined ? { minScore } : {}), ...(failOn !== undefined ? { failOn } : {}) },
    },
  };
}
