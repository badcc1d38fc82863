import { checkCatalogueEntry } from "@switchyard/config-schema/checks";
import {
  type CatalogueEntry,
  defineCatalogue,
  diagnosticFactory,
  type Severity,
} from "@switchyard/config-schema/diagnostics";
import { AUDIT_CHECKS, type AuditCheckId } from "./checks/registry.js";
import type { AuditCheck, AuditSeverity } from "./types.js";

/** How an audit severity maps to the shared diagnostic severity (SARIF level, GitHub annotation). */
export function diagnosticSeverity(severity: AuditSeverity): Severity {
  return severity === "critical" || severity === "high"
    ? "error"
    : severity === "medium"
      ? "warning"
      : "info";
}

/** Codes of findings about the audit itself (not checks). */
export const AUDIT_PROBLEM_CODES = {
  invalidOption: "SY5001",
  unreadableConfig: "SY5002",
  checkCrashed: "SY5003",
  badBaseline: "SY5004",
} as const;

/** The codes of findings about the audit itself (SY500x). */
export type AuditProblemCode = (typeof AUDIT_PROBLEM_CODES)[keyof typeof AUDIT_PROBLEM_CODES];

/** The audit's codes: every check's id and the SY500x problems, as a literal union. */
export type AuditCode = AuditCheckId | AuditProblemCode;

function checkEntry<Id extends string>(check: AuditCheck<Id>): CatalogueEntry<Id> {
  // The contract's entry, on the diagnostic scale; the title keeps the category and audit severity.
  return checkCatalogueEntry(
    check,
    diagnosticSeverity,
    `${check.title} (${check.category}, ${check.severity})`,
  );
}

const problemEntries: CatalogueEntry<AuditProblemCode>[] = [
  {
    code: "SY5001",
    name: "audit-invalid-option",
    title: "An audit option has a value the audit does not accept (exit code 3).",
    severity: "error",
    cause:
      "A flag such as `--focus`, `--format`, `--min-score` or `--fail-on` was given a value outside its list or range, so the audit did not run.",
    fix: "Use one of the values the message lists: categories security, compliance, performance, completeness, litellm; formats text, json, sarif, github, markdown; severities critical, high, medium, low, info; a score from 0 to 100.",
  },
  {
    code: "SY5002",
    name: "audit-config-unreadable",
    title: "The config directory could not be read, so the audit did not run (exit code 3).",
    severity: "error",
    cause:
      "The directory given with `--config-dir` does not exist, is not a directory, or is not readable by this user.",
    fix: "Check the path and its permissions.",
  },
  {
    code: "SY5003",
    name: "audit-check-crashed",
    title: "A check failed with an internal error; the audit is incomplete (exit code 3).",
    severity: "error",
    cause:
      "A bug in the check met input it did not expect. The other checks ran, but the scores leave this one out and must not be trusted as complete.",
    fix: "Report the message and the input that caused it; in the meantime the check can be turned off with `rules: {<id>: off}` in `.switchyard.yaml`.",
  },
  {
    code: "SY5004",
    name: "audit-baseline-invalid",
    title: "The baseline file cannot be read (exit code 3).",
    severity: "error",
    cause:
      "The file given with `--baseline` does not exist, is not JSON, or is not a Switchyard audit baseline, so findings cannot be compared with it.",
    fix: "Write a new baseline with `switchyard audit --write-baseline`, or pass the right path.",
  },
];

/** The audit's catalogue: one entry per check (`switchyard explain SY5101`) and the SY500x problems. */
export const auditCatalogue = defineCatalogue<AuditCode>([
  ...AUDIT_CHECKS.map(checkEntry),
  ...problemEntries,
]);

/**
 * A diagnostic about the audit itself (SY500x) or a check's finding as a diagnostic: the severity and
 * default message come from {@link auditCatalogue}; a code that is not in it does not compile.
 */
export const auditDiagnostic = diagnosticFactory(auditCatalogue);
