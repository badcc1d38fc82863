import {
  type Catalogue,
  type CatalogueEntry,
  type Diagnostic,
  defineCatalogue,
  schemaCatalogue,
} from "@switchyard/config-schema/diagnostics";
import {
  guardJsonForLogs,
  renderDiagnostics,
  type SarifLog,
  type SourceRoot,
  toSarif,
} from "@switchyard/config-schema/render";
import { suppressionCatalogue } from "@switchyard/config-schema/suppressions";
import { auditCatalogue, diagnosticSeverity } from "../catalogue.js";
import type { AuditFinding, AuditResult, AuditSeverity } from "../types.js";
import { checkById } from "./common.js";

let merged: Catalogue | undefined;

/**
 * The catalogue renderers need: audit checks plus the suppression and schema codes that problems may
 * carry (a code present in several catalogues is taken once, from the first).
 */
export function renderCatalogue(): Catalogue {
  if (merged) return merged;
  const entries = new Map<string, CatalogueEntry>();
  for (const catalogue of [auditCatalogue, schemaCatalogue, suppressionCatalogue]) {
    for (const [code, entry] of catalogue) if (!entries.has(code)) entries.set(code, entry);
  }
  merged = defineCatalogue([...entries.values()]);
  return merged;
}

/** GitHub code scanning's `security-severity` for each audit severity (CVSS-like, 0–10). */
const SECURITY_SEVERITY: Readonly<Record<AuditSeverity, string>> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.0",
};

/**
 * A finding as a shared Diagnostic: critical/high → error, medium → warning, low/info → info; the
 * remediation becomes the hint. With `severityInMessage`, the message starts with `[critical]` etc.
 */
export function findingToDiagnostic(finding: AuditFinding, severityInMessage = false): Diagnostic {
  return {
    code: finding.id,
    severity: diagnosticSeverity(finding.severity),
    message: severityInMessage ? `[${finding.severity}] ${finding.message}` : finding.message,
    ...(finding.file !== undefined ? { file: finding.file } : {}),
    ...(finding.range !== undefined ? { range: finding.range } : {}),
    ...(finding.path !== undefined ? { path: finding.path } : {}),
    hint: finding.remediation,
  };
}

/** Options of {@link auditToSarif} (the `renderAudit` options that concern SARIF and annotations). */
export interface AuditSarifOptions {
  /** `tool.driver.version`. */
  readonly toolVersion?: string;
  /** Where paths are anchored: relative to the repository root (`sourceRootFor(cwd)` in config-schema). */
  readonly sourceRoot?: SourceRoot;
  /** Display path → text of the files findings point into, for `primaryLocationLineHash`. */
  readonly sources?: ReadonlyMap<string, string>;
}

/**
 * The result as a SARIF 2.1.0 log (config-schema's `toSarif`): open findings and the audit's problems
 * as results; each audit rule carries its category and audit severity, and only the rules of the
 * security category carry `security-severity` (GitHub shows every rule that has one as a security
 * alert, so a compliance or performance finding must not); each result carries its audit severity
 * in `properties.auditSeverity`.
 */
export function auditToSarif(result: AuditResult, options: AuditSarifOptions | string = {}): SarifLog {
  const { toolVersion, sourceRoot, sources } =
    typeof options === "string" ? { toolVersion: options } : options;
  const findings = result.findings;
  const diagnostics = [...findings.map((f) => findingToDiagnostic(f)), ...result.problems];
  const log = toSarif(diagnostics, {
    catalogue: renderCatalogue(),
    ...(toolVersion !== undefined ? { toolVersion } : {}),
    ...(sourceRoot !== undefined ? { sourceRoot } : {}),
    ...(sources !== undefined ? { sources } : {}),
  });
  const run = log.runs[0];
  if (!run) return log;
  for (const rule of run.tool.driver.rules) {
    const check = checkById(rule.id);
    if (!check) continue;
    const security = check.category === "security";
    const severity = SECURITY_SEVERITY[check.severity];
    rule.properties = {
      ...rule.properties,
      tags: security ? ["security", "switchyard-audit"] : [check.category, "switchyard-audit"],
      ...(security && severity !== "0.0" ? { "security-severity": severity } : {}),
      auditCategory: check.category,
      auditSeverity: check.severity,
    };
  }
  // Every finding of a check has the check's severity (after `.switchyard.yaml` overrides).
  const severityOf = new Map(result.checksRun.map((r) => [r.id, r.severity]));
  for (const r of run.results) {
    const severity = severityOf.get(r.ruleId);
    if (severity !== undefined) r.properties = { ...r.properties, auditSeverity: severity };
  }
  return log;
}

/** Render as SARIF or GitHub workflow annotations through config-schema's renderers. */
export function renderViaDiagnostics(
  result: AuditResult,
  format: "sarif" | "github",
  options: AuditSarifOptions = {},
): string {
  if (format === "sarif")
    return `${guardJsonForLogs(JSON.stringify(auditToSarif(result, options), null, 2))}\n`;
  const diagnostics = [...result.findings.map((f) => findingToDiagnostic(f, true)), ...result.problems];
  return renderDiagnostics(diagnostics, "github", {
    catalogue: renderCatalogue(),
    ...(options.sourceRoot !== undefined ? { sourceRoot: options.sourceRoot } : {}),
  });
}
