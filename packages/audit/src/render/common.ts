import { AUDIT_CHECKS } from "../checks/registry.js";
import type { AuditCategory, AuditCheck, AuditFinding, AuditResult } from "../types.js";

/** Category names as headings. */
export const CATEGORY_LABELS: Readonly<Record<AuditCategory, string>> = {
  security: "Security",
  compliance: "Compliance",
  performance: "Performance",
  completeness: "Completeness",
  litellm: "LiteLLM pitfalls",
};

const CHECKS_BY_ID: ReadonlyMap<string, AuditCheck> = new Map(AUDIT_CHECKS.map((c) => [c.id, c]));

/** The registry entry of a check id. */
export function checkById(id: string): AuditCheck | undefined {
  return CHECKS_BY_ID.get(id);
}

/** `file:line:col`, `file`, or the YAML path alone. */
export function findingLocation(finding: AuditFinding): string {
  if (finding.file === undefined) return "";
  if (finding.range === undefined) return finding.file;
  return `${finding.file}:${finding.range.start.line}:${finding.range.start.column}`;
}

/** Open findings grouped by check id, in result order. */
export function groupByCheck(findings: readonly AuditFinding[]): Map<string, AuditFinding[]> {
  const groups = new Map<string, AuditFinding[]>();
  for (const f of findings) {
    const list = groups.get(f.id);
    if (list) list.push(f);
    else groups.set(f.id, [f]);
  }
  return groups;
}

/** One sentence on what ran: "full audit: 24 checks ran, 6 not applicable". */
export function runSummary(result: AuditResult): string {
  const mode =
    result.mode === "focus"
      ? `focused audit (${result.focus ?? "?"})`
      : result.mode === "quick"
        ? "quick audit"
        : "full audit";
  const n = (reason: string) => result.checksSkipped.filter((s) => s.reason === reason).length;
  const parts = [`${result.checksRun.length} checks ran`];
  if (n("not-applicable") > 0) parts.push(`${n("not-applicable")} not applicable`);
  if (n("not-selected") > 0) parts.push(`${n("not-selected")} not selected`);
  if (n("turned-off") > 0) parts.push(`${n("turned-off")} turned off`);
  if (n("crashed") > 0) parts.push(`${n("crashed")} crashed`);
  return `${mode}: ${parts.join(", ")}`;
}

/** The warning a partial run must carry, or undefined for a full run. */
export function partialNotice(result: AuditResult): string | undefined {
  if (result.mode === "full") return undefined;
  const left = Object.values(result.categories)
    .filter((c) => !c.selected)
    .map((c) => c.category);
  const flag = result.mode === "quick" ? "--quick" : `--focus ${result.focus ?? ""}`;
  return `Partial audit (${flag}): ${left.join(", ")} not checked; the overall score covers only ${Object.values(
    result.categories,
  )
    .filter((c) => c.selected)
    .map((c) => c.category)
    .join(" and ")}.`;
}
