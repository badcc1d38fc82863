import { access } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  AUDIT_EXIT_CODES,
  auditCatalogue,
  auditConfigDir,
  auditExitCode,
  DEFAULT_BASELINE_FILE,
  renderAudit,
  resolveAuditFlags,
  writeBaseline,
} from "@switchyard/audit";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { sourceRootFor } from "@switchyard/config-schema/fs";
import { readSources } from "@switchyard/config-schema/render";
import { plural } from "@switchyard/config-schema/text";
import { booleanOption, stringOption } from "../../args.js";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument } from "../../config-dir.js";
import { ioErrorFor, UsageError } from "../../errors.js";
import { displayPath } from "../../paths.js";
import { prettyDiagnostics } from "../../report.js";

function chooseFormat(args: ParsedArgs): string | undefined {
  const format = stringOption(args, "format");
  if (!booleanOption(args, "json")) return format;
  if (format !== undefined && format !== "json")
    throw new UsageError(`--json conflicts with --format ${format}`, {
      hint: "Run 'switchyard audit --help' for usage.",
    });
  return "json";
}

function refused(diagnostics: readonly Diagnostic[], context: CommandContext): CommandOutcome {
  return {
    status: "invalid",
    exitCode: AUDIT_EXIT_CODES.error,
    data: { ok: false, diagnostics },
    stderr: prettyDiagnostics(diagnostics, context, {
      stream: "stderr",
      catalogue: cliCatalogue(auditCatalogue),
    }),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `switchyard audit [dir]`: score the config set's security, compliance, performance, completeness
 * and LiteLLM pitfalls, print the report in the chosen format, and exit with the audit's own codes
 * (0 for ≥ 80, 1 for 60–79, 2 below 60 or a failed `--min-score`/`--fail-on` gate, 3 when the audit
 * could not run). `--write-baseline` records the open findings so later runs report only new ones.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const minScore = stringOption(args, "min-score");
  const focus = stringOption(args, "focus");
  const failOn = stringOption(args, "fail-on");
  const format = chooseFormat(args);
  const flags = resolveAuditFlags({
    quick: booleanOption(args, "quick"),
    ...(focus === undefined ? {} : { focus }),
    ...(format === undefined ? {} : { format }),
    ...(minScore === undefined ? {} : { minScore }),
    ...(failOn === undefined ? {} : { failOn }),
  });
  if (!flags.ok) return refused(flags.diagnostics, context);
  const { quick, format: chosen, gate } = flags.value;

  const { cwd } = context.io;
  const dir = resolve(cwd, configDirArgument(args, "audit", { positional: true }));
  const baselineArgument = stringOption(args, "baseline");
  const writing = booleanOption(args, "write-baseline");
  // A baseline about to be written for the first time is not read (reading a missing one is an error).
  const readBaseline =
    baselineArgument !== undefined && writing && !(await exists(resolve(cwd, baselineArgument)))
      ? false
      : baselineArgument;
  const result = await auditConfigDir(dir, {
    quick,
    ...(flags.value.focus === undefined ? {} : { focus: flags.value.focus }),
    cwd,
    ...(readBaseline === undefined ? {} : { baseline: readBaseline }),
  });

  let stderr = "";
  if (writing && result.status === "error") {
    stderr = `${context.stderrStyle.yellow("warning:")} no baseline written: the audit could not run.\n`;
  } else if (writing) {
    const path =
      baselineArgument === undefined
        ? join(result.configDir, DEFAULT_BASELINE_FILE)
        : resolve(cwd, baselineArgument);
    const shown = displayPath(path, cwd);
    try {
      const { baseline, write } = await writeBaseline(path, result);
      stderr = write.changed
        ? `Wrote the baseline ${shown} (${plural(baseline.entries.length, "finding")}); later audits report only findings it does not hold.\n`
        : `The baseline ${shown} already holds these ${plural(baseline.entries.length, "finding")}; nothing written.\n`;
    } catch (error) {
      throw ioErrorFor("write", shown, path, error);
    }
  }

  const exitCode = auditExitCode(result, gate);
  const stdout = renderAudit(result, chosen, {
    color: context.style.enabled,
    gate,
    target: displayPath(dir, cwd),
    toolVersion: context.version,
    // GitHub resolves annotation and SARIF paths against the repository root (see validate).
    ...(chosen === "github" || chosen === "sarif" ? { sourceRoot: sourceRootFor(cwd, context.io.env) } : {}),
    ...(chosen === "sarif"
      ? {
          sources: readSources(
            [...result.findings.map((f) => f.file), ...result.problems.map((d) => d.file)],
            cwd,
          ),
        }
      : {}),
  });
  return {
    status: exitCode === AUDIT_EXIT_CODES.pass ? "ok" : "invalid",
    exitCode,
    data: result,
    stdout,
    machineOutput: chosen === "json" || chosen === "sarif" || chosen === "github",
    ...(stderr === "" ? {} : { stderr }),
  };
}
