import { sanitizeForTerminal, sanitizeHumanOutput } from "@switchyard/config-schema/render";
import { type AuditGate, auditExitCode } from "../gate.js";
import { AUDIT_CATEGORIES, type AuditResult } from "../types.js";
import {
  CATEGORY_LABELS,
  checkById,
  findingLocation,
  groupByCheck,
  partialNotice,
  runSummary,
} from "./common.js";

/** Options of {@link renderMarkdown}. */
export interface MarkdownRenderOptions {
  /** Findings listed in total before the rest are summarised (default 100; a PR comment is capped at 65 536 characters). */
  readonly maxFindings?: number;
  readonly gate?: AuditGate;
  /** What was audited (default: the config directory). */
  readonly target?: string;
}

/** Escape text for a Markdown table cell (newlines become spaces, control characters visible). */
function cell(text: string): string {
  return sanitizeForTerminal(
    text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;"),
  );
}

function code(text: string): string {
  return text === "" ? "" : `\`${sanitizeForTerminal(text).replace(/`/g, "ˋ")}\``;
}

function scoreCell(score: number | null, selected: boolean): string {
  if (!selected) return "not checked";
  return score === null ? "n/a" : String(score);
}

function icon(score: number | null): string {
  if (score === null) return "⚪";
  return score >= 80 ? "🟢" : score >= 60 ? "🟡" : "🔴";
}

/** The report as GitHub-flavoured Markdown, for a pull-request comment. */
export function renderMarkdown(result: AuditResult, options: MarkdownRenderOptions = {}): string {
  const max = options.maxFindings ?? 100;
  const exit = auditExitCode(result, options.gate ?? {});
  const out: string[] = [];
  const target = options.target ?? result.configDir;
  if (result.status === "error") {
    out.push(`## Switchyard audit could not run`, "", `Target: ${code(target)}`, "");
    for (const p of result.problems) out.push(`- **${p.code}** ${cell(p.message)}`);
    return sanitizeHumanOutput(`${out.join("\n")}\n`);
  }
  const overall = result.overall === null ? "n/a" : `${result.overall}/100`;
  out.push(`## ${icon(result.overall)} Switchyard audit: ${overall}`, "");
  out.push(
    `${code(target)} · ${runSummary(result)} · exit ${exit}${result.capped ? " · capped below 60 by an open critical finding" : ""}`,
  );
  const notice = partialNotice(result);
  if (notice !== undefined) out.push("", `> [!WARNING]`, `> ${notice}`);
  out.push(
    "",
    "| Category | Score | Passed | Failed | N/A | Open findings |",
    "|---|---:|---:|---:|---:|---|",
  );
  for (const category of AUDIT_CATEGORIES) {
    const c = result.categories[category];
    const counts = Object.entries(c.findings)
      .filter(([, n]) => n > 0)
      .map(([sev, n]) => `${n} ${sev}`)
      .join(", ");
    out.push(
      `| ${icon(c.selected ? c.score : null)} ${CATEGORY_LABELS[category]} | ${scoreCell(c.score, c.selected)} | ${c.passed} | ${c.failed} | ${c.notApplicable} | ${counts || "—"} |`,
    );
  }

  let shown = 0;
  if (result.findings.length > 0) out.push("", "### Findings");
  for (const category of AUDIT_CATEGORIES) {
    const findings = result.findings.filter((f) => f.category === category);
    if (findings.length === 0 || shown >= max) continue;
    out.push(
      "",
      `#### ${CATEGORY_LABELS[category]}`,
      "",
      "| Severity | Check | Location | Finding |",
      "|---|---|---|---|",
    );
    for (const f of findings) {
      if (shown >= max) break;
      shown++;
      out.push(
        `| ${f.severity} | ${code(f.id)} ${f.check} | ${code(findingLocation(f))} | ${cell(f.message)} |`,
      );
    }
  }
  if (result.findings.length > shown)
    out.push("", `_…and ${result.findings.length - shown} more findings; \`--format json\` lists all._`);

  const groups = groupByCheck(result.findings);
  if (groups.size > 0) {
    out.push("", "<details><summary>How to fix</summary>", "");
    for (const [id] of groups) {
      const check = checkById(id);
      if (check) out.push(`- **${id} ${check.name}**: ${cell(check.fix)}`);
    }
    out.push("", "</details>");
  }

  const notes: string[] = [];
  if (result.suppressed.length > 0)
    notes.push(`${result.suppressed.length} finding(s) suppressed with a reason.`);
  if (result.baseline.file !== undefined) {
    notes.push(
      `Baseline ${code(result.baseline.file)}: ${result.baseline.known} known, ${result.baseline.new} new, ${result.baseline.stale.length} stale.`,
    );
  }
  for (const p of result.problems) {
    notes.push(
      `${p.severity} ${code(p.code)} ${p.file !== undefined ? `${code(p.file)} ` : ""}${cell(p.message)}`,
    );
  }
  if (notes.length > 0) out.push("");
  for (const n of notes) out.push(`- ${n}`);
  return sanitizeHumanOutput(`${out.join("\n")}\n`);
}
