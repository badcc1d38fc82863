import type { ReloadReport, ReloadStep } from "./types.js";

/** Options of {@link formatReloadReport}. */
export interface FormatReloadOptions {
  /** Color the status marks with ANSI escapes. Default false. */
  readonly color?: boolean;
}

const MARKS: Record<ReloadStep["status"], { mark: string; color: string }> = {
  ok: { mark: "✓", color: "\u001b[32m" },
  failed: { mark: "✗", color: "\u001b[31m" },
  skipped: { mark: "-", color: "\u001b[2m" },
};
const RESET = "\u001b[0m";
const BOLD = "\u001b[1m";

function duration(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function stepLine(step: ReloadStep, width: number, color: boolean): string {
  const { mark, color: tone } = MARKS[step.status];
  const shown = color ? `${tone}${mark}${RESET}` : mark;
  const time = duration(step.durationMs).padStart(8);
  const detail = step.detail.split("\n")[0];
  return `  ${shown} ${step.name.padEnd(width)} ${time}  ${detail}`;
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
  const color = options.color === true;
  const width = report.steps.reduce((w, s) => Math.max(w, s.name.length), 8);
  const title = `Reload of ${report.outputPath} via ${report.gatewayUrl} (${duration(report.totalMs)})`;
  const lines = [color ? `${BOLD}${title}${RESET}` : title];
  for (const step of report.steps.filter((s) => s.phase === "reload"))
    lines.push(stepLine(step, width, color));
  const rollback = report.steps.filter((s) => s.phase === "rollback");
  if (rollback.length > 0) {
    lines.push("  rollback:");
    for (const step of rollback) lines.push(stepLine(step, width, color));
  }
  if (report.backupPath !== undefined) lines.push(`  backup: ${report.backupPath}`);
  if (report.rejectedPath !== undefined) lines.push(`  rejected file kept as: ${report.rejectedPath}`);
  lines.push(verdict(report));
  return `${lines.join("\n")}\n`;
}
