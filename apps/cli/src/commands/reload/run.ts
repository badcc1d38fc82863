import { join, resolve } from "node:path";
import { collectSources } from "@switchyard/config-schema/render";
import { plural } from "@switchyard/config-schema/text";
import { validateConfigDir } from "@switchyard/consistency";
import {
  DEFAULT_OUTPUT_FILE,
  formatReloadReport,
  generatorCatalogue,
  reloadGateway,
} from "@switchyard/litellm-generator";
import { booleanOption, stringOption } from "../../args.js";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument } from "../../config-dir.js";
import { UsageError } from "../../errors.js";
import { generationOptions } from "../../generation.js";
import { displayPath } from "../../paths.js";
import { prettyDiagnostics, prunedData, prunedLines } from "../../report.js";

function timeoutMs(args: ParsedArgs): number | undefined {
  const text = stringOption(args, "timeout");
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !(seconds > 0)) {
    throw new UsageError(`Invalid --timeout '${text}': write a number of seconds, e.g. 60`, {
      hint: "Run 'switchyard reload --help' for usage.",
    });
  }
  return Math.round(seconds * 1000);
}

/**
 * `switchyard reload [dir]`: check the config set, then regenerate the LiteLLM config and apply it
 * to the running gateway step by step (back up, write, restart with `--restart-command`, wait for
 * liveliness, readiness and the served models), rolling back to the previous file when any step
 * after the write fails. Exit 0 when the gateway serves the new config, 1 when the reload failed.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const timeout = timeoutMs(args);
  const { cwd } = context.io;
  const dir = resolve(cwd, configDirArgument(args, "reload", { positional: true }));
  const out = stringOption(args, "out");
  const outputPath = out === undefined ? join(dir, DEFAULT_OUTPUT_FILE) : resolve(cwd, out);
  const catalogue = cliCatalogue(generatorCatalogue);

  const checked = await validateConfigDir(dir, { cwd });
  const { set, blocking } = checked;
  if (blocking.length > 0) {
    return {
      status: blocking.some((d) => d.code === "SY1010") ? "io-error" : "invalid",
      data: { ok: false, diagnostics: blocking },
      stderr: `${context.stderrStyle.red("error:")} Nothing reloaded: the config set in ${displayPath(dir, cwd)} has ${plural(blocking.length, "error")}.\n\n${prettyDiagnostics(
        blocking,
        context,
        { stream: "stderr", catalogue, sources: collectSources(set) },
      )}`,
    };
  }

  const gatewayUrl = stringOption(args, "gateway-url");
  const restartCommand = stringOption(args, "restart-command");
  const report = await reloadGateway({
    ...generationOptions(args),
    configDir: dir,
    checked,
    outputPath,
    cwd,
    env: context.io.env,
    force: booleanOption(args, "force"),
    ...(gatewayUrl === undefined ? {} : { gatewayUrl }),
    ...(restartCommand === undefined ? {} : { restartCommand }),
    ...(timeout === undefined ? {} : { timeoutMs: timeout }),
  });

  const notes = prunedLines(report.pruned, context);
  const stdout = `${formatReloadReport(report, { color: context.style.enabled, cwd })}${notes.map((n) => `${n}\n`).join("")}`;
  const { pruned, ...reloaded } = report;
  return {
    status: report.ok ? "ok" : "invalid",
    data: { ...reloaded, ...prunedData(pruned, cwd) },
    stdout,
    ...(report.diagnostics.length > 0
      ? { stderr: prettyDiagnostics(report.diagnostics, context, { stream: "stderr", catalogue }) }
      : {}),
  };
}
