export type { AuditConfigDirOptions } from "./audit-dir.js";
export { auditConfigDir } from "./audit-dir.js";
export type { Baseline, LoadedBaseline, ReadBaselineOptions } from "./baseline.js";
export {
  BASELINE_FORMAT,
  createBaseline,
  DEFAULT_BASELINE_FILE,
  formatBaseline,
  parseBaseline,
  readBaseline,
  writeBaseline,
} from "./baseline.js";
export type { AuditCode, AuditProblemCode } from "./catalogue.js";
export { AUDIT_PROBLEM_CODES, auditCatalogue, auditDiagnostic, diagnosticSeverity } from "./catalogue.js";
export type { AuditCheckId } from "./checks/registry.js";
export { AUDIT_CHECKS, RETIRED_CHECK_IDS } from "./checks/registry.js";
export type { CollectFactsOptions } from "./facts/collect.js";
export { collectFacts, FLAG_HISTORY_FILE, MIGRATION_HISTORY_FILE, STATE_DIR } from "./facts/collect.js";
export type { AuditFacts, BackupFact, FlagHistoryFact, HistoryFact, VcsFact } from "./facts/types.js";
export type { AuditGate } from "./gate.js";
export { AUDIT_EXIT_CODES, auditExitCode } from "./gate.js";
export type { AuditFlags, ResolvedAuditFlags } from "./options.js";
export { resolveAuditFlags } from "./options.js";
export type { AuditSarifOptions } from "./render/diagnostics.js";
export { auditToSarif } from "./render/diagnostics.js";
export type { AuditFormat, AuditRenderOptions } from "./render/index.js";
export { AUDIT_FORMATS, renderAudit } from "./render/index.js";
export type { AuditOptions } from "./run.js";
export { runAudit } from "./run.js";
export { CATEGORY_WEIGHTS, CRITICAL_CAP, SEVERITY_WEIGHTS } from "./score.js";
export type { AuditThresholds } from "./thresholds.js";
export { DEFAULT_THRESHOLDS } from "./thresholds.js";
export type {
  AuditCategory,
  AuditCheck,
  AuditContext,
  AuditFinding,
  AuditMode,
  AuditResult,
  AuditSeverity,
  BaselineEntry,
  BaselineOutcome,
  CategoryResult,
  CheckOutcome,
  CheckRun,
  CheckSkip,
  FindingDraft,
  SuppressedFinding,
} from "./types.js";
export { AUDIT_CATEGORIES, AUDIT_SEVERITIES, QUICK_CATEGORIES } from "./types.js";
