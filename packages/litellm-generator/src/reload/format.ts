import { displayPath } from "@switchyard/config-schema/fs";
import {
  type Palette,
  palette,
  sanitizeForTerminal,
  sanitizeHumanOutput,
} from "@switchyard/config-schema/render";
import type { ReloadReport, ReloadStep } from "./types.js";

/** Options of {@link formatReloadReport}. */
export interface FormatReloadOptions {
  /** Color the status marks with ANSI escapes. Default false. */
  readonly color?: boolean;
  /**
   * Show the report's paths (the generated file, its backups) relative to this directory, as every
   * other command does; absolute when omitted.
   */
  readonly cwd?: string;
}

const MARKS: Record<ReloadStep["status"], { mark: string; tone: keyof Palette }> = {
  ok: { mark: "✓", tone: "green" },
  failed: { mark: "✗", tone: "red" },
  skipped: { mark: "-", tone: "dim" },
};

function duration(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function stepLine(step: ReloadStep, width: number, paint: Palette): string {
  const { mark, tone } = MARKS[step.status];
  const time = duration(step.durationMs).padStart(8);
  // The detail may quote the restart command's output: one line, through the one sanitiser.
  const detail = sanitizeForTerminal(step.detail.split("\n")[0] ?? "");
  return `  ${paint[tone](mark)} ${step.name.padEnd(width)} ${time}  ${detail}`;
}

function verdict(report: ReloadReport): string {
  if (report.ok)
    return report.changed
      ? "Reloaded: the gateway serves the new config."
      : "Already current: the gateway is healthy.";
  const at = report.failedStep ?? "a step";
  if (!report.rolledBack)
    return `Reload failed at ${at}; ${report.changed ? "the new file could not be rolled back" : "nothing was changed"}.`;
  const rollbackOk =
    report.steps.filter((s) => s.phase === "rollback").every((s) => s.status !== "failed") &&
    !report.diagnostics.some((d) => d.code === "SY4306");
  return `Reload failed at ${at}; rolled back to the previous config${rollbackOk ? ", and the gateway is healthy again" : ", but the gateway is not verified healthy (SY4306)"}.`;
}

/**
 * The text account of a reload: a title line, every step with its status mark, time and detail
 * (the rollback's steps in their own block), and a verdict naming the failed step.
 */
export function formatReloadReport(report: ReloadReport, options: FormatReloadOptions = {}): string {
  const paint = palette(options.color === true);
  const width = report.steps.reduce((w, s) => Math.max(w, s.name.length), 8);
  const cwd = options.cwd;
  const shown = (path: string): string => (cwd === undefined ? path : displayPath(path, cwd));
  const title = `Reload of ${shown(report.outputPath)} via ${report.gatewayUrl} (${duration(report.totalMs)})`;
  const lines = [paint.bold(sanitizeForTerminal(title))];
  for (const step of report.steps.filter((s) => s.phase === "reload"))
    lines.push(stepLine(step, width, paint));
  const rollback = report.steps.filter((s) => s.phase === "rollback");
  if (rollback.length > 0) {
    lines.push("  rollback:");
    for (const step of rollback) lines.push(stepLine(step, width, paint));
  }
  if (report.backupPath !== undefined)
    lines.push(`  backup: ${sanitizeForTerminal(shown(report.backupPath))}`);
  if (report.rejectedPath !== undefined)
    lines.push(`  rejected file kept as: ${sanitizeForTerminal(shown(report.rejectedPath))}`);
  lines.push(verdict(report));
  return sanitizeHumanOutput(`${lines.join("\n")}\n`);
}
