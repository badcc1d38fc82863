import {
  type Palette,
  palette,
  sanitizeHumanOutput,
  sanitizeForTerminal as t,
} from "@switchyard/config-schema/render";
import { plural } from "@switchyard/config-schema/text";
import { type AuditGate, auditExitCode } from "../gate.js";
import { AUDIT_CATEGORIES, type AuditResult, type AuditSeverity } from "../types.js";
import {
  CATEGORY_LABELS,
  checkById,
  findingLocation,
  groupByCheck,
  partialNotice,
  runSummary,
} from "./common.js";

/** Options of {@link renderText}. */
export interface TextRenderOptions {
  /** ANSI colours (default false; honour NO_COLOR by passing config-schema's `shouldUseColor(stdout)`). */
  readonly color?: boolean;
  /** Draw score bars with `#` and `.` instead of block characters. */
  readonly ascii?: boolean;
  /** Findings shown per check before "… and N more" (default 3). */
  readonly maxPerCheck?: number;
  /** The gate the exit code line reports (default: the score bands). */
  readonly gate?: AuditGate;
  /** What was audited, e.g. `examples/config` (default: the config directory). */
  readonly target?: string;
}

type Styles = Palette;

const BAR_WIDTH = 20;

function bar(score: number | null, ascii: boolean): string {
  if (score === null) return (ascii ? "-" : "─").repeat(BAR_WIDTH);
  const filled = Math.round((score / 100) * BAR_WIDTH);
  return (ascii ? "#" : "█").repeat(filled) + (ascii ? "." : "░").repeat(BAR_WIDTH - filled);
}

function scoreColor(s: Styles, score: number | null): (t: string) => string {
  if (score === null) return s.dim;
  return score >= 80 ? s.green : score >= 60 ? s.yellow : s.red;
}

function severityColor(s: Styles, severity: AuditSeverity): (t: string) => string {
  return severity === "critical" || severity === "high" ? s.red : severity === "medium" ? s.yellow : s.cyan;
}

function scoreText(score: number | null): string {
  return score === null ? "  –" : String(score).padStart(3);
}

/**
 * The report for people: the overall score and one bar per category, then the open findings grouped by
 * category and check (each check's fix once), then suppressions, the baseline and problems, and the
 * exit code the gate gives. Secrets appear only redacted.
 */
export function renderText(result: AuditResult, options: TextRenderOptions = {}): string {
  // Colours from config-schema's one palette; every string from the config set through the one sanitiser.
  const s = palette(options.color ?? false);
  const ascii = options.ascii ?? false;
  const max = options.maxPerCheck ?? 3;
  const lines: string[] = [];
  lines.push(
    s.bold(`Switchyard audit of ${t(options.target ?? result.configDir)}`) +
      s.dim(` — ${runSummary(result)}`),
  );
  if (result.status === "error") {
    lines.push("", s.red("The audit could not run:"));
    for (const p of result.problems)
      lines.push(`  ${p.code} ${t(p.message)}${p.hint ? `\n  ${s.dim(t(p.hint))}` : ""}`);
    return sanitizeHumanOutput(`${lines.join("\n")}\n`);
  }
  lines.push("");
  const overallColor = scoreColor(s, result.overall);
  const cap = result.capped ? s.red("  (capped below 60: open critical finding)") : "";
  lines.push(
    `${s.bold("Overall".padEnd(18))}${overallColor(bar(result.overall, ascii))} ${s.bold(scoreText(result.overall))}${result.overall === null ? " no check applied" : "/100"}${cap}`,
  );
  for (const category of AUDIT_CATEGORIES) {
    const c = result.categories[category];
    const label = CATEGORY_LABELS[category].padEnd(18);
    if (!c.selected) {
      lines.push(s.dim(`${label}${bar(null, ascii)}   – not checked`));
      continue;
    }
    const detail = [`${c.passed} passed`];
    if (c.failed > 0) detail.push(`${c.failed} failed`);
    if (c.notApplicable > 0) detail.push(`${c.notApplicable} n/a`);
    const none = c.score === null ? " no check applied" : "";
    lines.push(
      `${label}${scoreColor(s, c.score)(bar(c.score, ascii))} ${scoreText(c.score)}${none}  ${s.dim(detail.join(", "))}`,
    );
  }

  const notice = partialNotice(result);
  if (notice !== undefined) lines.push("", s.yellow(notice));

  for (const category of AUDIT_CATEGORIES) {
    const findings = result.findings.filter((f) => f.category === category);
    if (findings.length === 0) continue;
    lines.push("", s.bold(`${CATEGORY_LABELS[category]} (${plural(findings.length, "finding")})`));
    for (const [id, group] of groupByCheck(findings)) {
      const first = group[0]!;
      const check = checkById(id);
      lines.push(
        `  ${severityColor(s, first.severity)(first.severity.padEnd(8))} ${s.bold(id)} ${first.check}${group.length > 1 ? s.dim(` ×${group.length}`) : ""}`,
      );
      for (const f of group.slice(0, max)) {
        const where = t(findingLocation(f));
        lines.push(`    ${where !== "" ? `${s.cyan(where)}  ` : ""}${t(f.message)}`);
      }
      if (group.length > max)
        lines.push(s.dim(`    … and ${group.length - max} more (--format json lists all)`));
      const fix = group.every((f) => f.remediation === first.remediation)
        ? first.remediation
        : (check?.fix ?? first.remediation);
      lines.push(s.dim(`    fix: ${t(fix)}`));
      lines.push(s.dim(`    more: switchyard explain ${id}`));
    }
  }
  if (result.findings.length === 0) lines.push("", s.green("No open findings."));

  const extras: string[] = [];
  if (result.suppressed.length > 0) extras.push(`${result.suppressed.length} suppressed`);
  if (result.baseline.file !== undefined) {
    extras.push(
      `${result.baseline.known} known from baseline ${t(result.baseline.file)}, ${result.baseline.new} new`,
    );
    if (result.baseline.stale.length > 0)
      extras.push(plural(result.baseline.stale.length, "stale baseline entry", "stale baseline entries"));
  }
  if (extras.length > 0) lines.push("", s.dim(extras.join(" · ")));
  for (const entry of result.baseline.stale.slice(0, 5)) {
    lines.push(
      s.dim(
        `  stale: ${entry.id} ${t(entry.file)}${entry.location !== "" ? ` ${t(entry.location)}` : ""} (fixed? remove it with --write-baseline)`,
      ),
    );
  }
  if (result.problems.length > 0) {
    lines.push("", s.bold("Problems with the audit's inputs"));
    for (const p of result.problems) {
      const where =
        p.file !== undefined
          ? `${t(p.file)}${p.range ? `:${p.range.start.line}:${p.range.start.column}` : ""}  `
          : "";
      const color = p.severity === "error" ? s.red : p.severity === "warning" ? s.yellow : s.cyan;
      lines.push(`  ${color(p.severity.padEnd(8))} ${p.code} ${s.cyan(where)}${t(p.message)}`);
    }
  }

  const code = auditExitCode(result, options.gate ?? {});
  const gate = options.gate;
  const gateText =
    gate?.minScore !== undefined || gate?.failOn !== undefined
      ? [
          gate.minScore !== undefined ? `--min-score ${gate.minScore}` : "",
          gate.failOn !== undefined ? `--fail-on ${gate.failOn}` : "",
        ]
          .filter(Boolean)
          .join(" ")
      : "score bands: ≥ 80 pass, 60–79 warn, < 60 fail";
  lines.push(
    "",
    s.dim(`Exit ${code} (${result.status === "complete" ? gateText : `audit ${result.status}`})`),
  );
  return sanitizeHumanOutput(`${lines.join("\n")}\n`);
}
