import { resolve } from "node:path";
import { resolveAuditFlags } from "@switchyard/audit";
import { sanitizeForTerminal } from "@switchyard/config-schema/render";
import { type DoctorCheck, type DoctorReport, runDoctor } from "@switchyard/doctor";
import { booleanOption, stringOption } from "../../args.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument } from "../../config-dir.js";
import { UsageError } from "../../errors.js";
import { generationOptions } from "../../generation.js";
import { LiveRows } from "../../live-progress.js";
import { displayPath } from "../../paths.js";
import { timeoutOption } from "../../probe-timeout.js";
import type { Style } from "../../style.js";

const safe = sanitizeForTerminal;

const MARK = { pass: "✔", warn: "!", fail: "✖", skip: "-" } as const;

function colour(style: Style, status: DoctorCheck["status"]): (text: string) => string {
  return status === "pass"
    ? style.green
    : status === "warn"
      ? style.yellow
      : status === "fail"
        ? style.red
        : style.dim;
}

/** One check as the lines people read: status, id, reason, time; the fix below it. */
export function checkLines(check: DoctorCheck, style: Style, idWidth: number): string[] {
  const paint = colour(style, check.status);
  const lines = [
    `  ${paint(MARK[check.status])} ${check.id.padEnd(idWidth)}  ${safe(check.reason)}  ${style.dim(`${check.durationMs} ms`)}`,
  ];
  if (check.fix !== undefined && check.status !== "pass")
    lines.push(`    ${" ".repeat(idWidth)}  ${style.dim("fix:")} ${safe(check.fix)}`);
  return lines;
}

function summary(report: DoctorReport, style: Style): string {
  const { pass, warn, fail, skip } = report.counts;
  const line = `${report.checks.length} checks: ${pass} pass, ${warn} warn, ${fail} fail, ${skip} skip (${(report.durationMs / 1000).toFixed(1)} s)`;
  return report.ok ? style.green(line) : style.red(`${line}: not ready to deploy`);
}

const ID_WIDTH = 24;

/**
 * `switchyard doctor [dir]`: every pre-deploy check (see `@switchyard/doctor`), streamed as each
 * ends: live rows on a terminal, plain lines otherwise; exit 1 on any fail.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const timeoutMs = timeoutOption(args, "doctor");
  // The audit's gate is parsed by the audit, as `switchyard audit` parses it.
  const minScore = stringOption(args, "min-score");
  const failOn = stringOption(args, "fail-on");
  const gate = resolveAuditFlags({
    ...(minScore === undefined ? {} : { minScore }),
    ...(failOn === undefined ? {} : { failOn }),
  });
  if (!gate.ok)
    throw new UsageError(gate.diagnostics.map((d) => d.message).join("; "), {
      hint: "Run 'switchyard doctor --help' for usage.",
    });
  const { cwd } = context.io;
  const dir = resolve(cwd, configDirArgument(args, "doctor", { positional: true }));
  const out = stringOption(args, "out");
  const json = booleanOption(args, "json");
  const { stdout } = context.io;
  const { style } = context;
  const live = !json && stdout.isTTY === true ? new LiveRows(stdout) : undefined;
  if (!json) stdout.write(`Checking ${displayPath(dir, cwd)} before a deploy:\n`);
  const report = await runDoctor({
    configDir: dir,
    cwd,
    env: context.io.env,
    critical: booleanOption(args, "critical"),
    generate: generationOptions(args),
    auditGate: gate.value.gate,
    ...(out === undefined ? {} : { outputPath: resolve(cwd, out) }),
    ...(timeoutMs === undefined ? {} : { probe: { timeoutMs } }),
    onPlan: (checks) => {
      for (const check of checks) live?.add(check.id, `${check.id.padEnd(ID_WIDTH)}  ${check.title}…`);
    },
    onCheck: (check) => {
      if (json) return;
      const group = check.id.startsWith("provider")
        ? "providers"
        : check.id.startsWith("redis")
          ? "redis"
          : check.id;
      const lines = checkLines(check, style, ID_WIDTH);
      if (live) live.settle(group, lines);
      else stdout.write(`${lines.join("\n")}\n`);
    },
  });
  live?.finish();
  return {
    // An unreadable config directory is an I/O error (exit 2), as it is for every command.
    status: report.unreadable !== undefined ? "io-error" : report.ok ? "ok" : "invalid",
    data: report,
    ...(json ? {} : { stdout: `\n${summary(report, style)}\n` }),
  };
}
