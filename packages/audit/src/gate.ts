import { AUDIT_SEVERITIES, type AuditResult, type AuditSeverity } from "./types.js";

/** Exit codes of `switchyard audit`. */
export const AUDIT_EXIT_CODES = {
  /** Overall ≥ 80, or the explicit gate passed. */
  pass: 0,
  /** Default gate only: overall 60–79. */
  warn: 1,
  /** Overall < 60, or the explicit gate failed. */
  fail: 2,
  /** The audit could not run, or ran incompletely (bad option, unreadable path or baseline, crashed check). */
  error: 3,
} as const;

/** An explicit gate (`--min-score`, `--fail-on`); without one the score bands decide. */
export interface AuditGate {
  /** Fail when the overall score is below this (0–100). */
  readonly minScore?: number;
  /** Fail when an open finding is at least this severe. */
  readonly failOn?: AuditSeverity;
}

/** Whether `severity` is at least as severe as `threshold`. */
export function atLeast(severity: AuditSeverity, threshold: AuditSeverity): boolean {
  return AUDIT_SEVERITIES.indexOf(severity) <= AUDIT_SEVERITIES.indexOf(threshold);
}

/**
 * The exit code for a result. 3 when the audit did not complete. With an explicit gate, 0 when it
 * passes and 2 when it fails (`--min-score` fails below the score; `--fail-on` fails on any open finding
 * at or above the severity; both given, either fails it). Without one: 0 for an overall score ≥ 80,
 * 1 for 60–79, 2 below 60. A `null` overall (no check applied) passes.
 */
export function auditExitCode(result: AuditResult, gate: AuditGate = {}): 0 | 1 | 2 | 3 {
  if (result.status !== "complete") return AUDIT_EXIT_CODES.error;
  if (gate.minScore !== undefined || gate.failOn !== undefined) {
    const belowMin = gate.minScore !== undefined && result.overall !== null && result.overall < gate.minScore;
    const failOn = gate.failOn;
    const severe = failOn !== undefined && result.findings.some((f) => atLeast(f.severity, failOn));
    return belowMin || severe ? AUDIT_EXIT_CODES.fail : AUDIT_EXIT_CODES.pass;
  }
  if (result.overall === null || result.overall >= 80) return AUDIT_EXIT_CODES.pass;
  return result.overall >= 60 ? AUDIT_EXIT_CODES.warn : AUDIT_EXIT_CODES.fail;
}
