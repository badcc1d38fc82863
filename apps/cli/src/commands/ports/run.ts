import { join, resolve } from "node:path";
import { didYouMean, hasErrors, suggestName } from "@switchyard/config-schema/diagnostics";
import { quickLoadConfigFile } from "@switchyard/config-schema/load";
import { sanitizeForTerminal } from "@switchyard/config-schema/render";
import type { PortsFile } from "@switchyard/config-schema/schemas";
import {
  checkPorts,
  type PortsReport,
  portsCatalogue,
  type StartOrder,
  startOrder,
  suggestPorts,
} from "@switchyard/port-registry";
import { booleanOption, stringOption } from "../../args.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { actionOrDirectory, configDirArgument } from "../../config-dir.js";
import { UsageError } from "../../errors.js";
import { displayPath } from "../../paths.js";
import type { Style } from "../../style.js";

/** The actions of `switchyard ports` besides the states. */
export const PORTS_ACTIONS = ["suggest", "order"] as const;
type Action = (typeof PORTS_ACTIONS)[number] | "states";

const safe = sanitizeForTerminal;

function usage(message: string): UsageError {
  return new UsageError(message, { hint: "Run 'switchyard ports --help' for usage." });
}

/**
 * The action and where the config directory is among the positionals: like `backup` and `migrate`,
 * the directory comes last (`ports DIR`, `ports suggest <service> DIR`, `ports order DIR`). A first
 * positional that is no action is the directory (`actionOrDirectory`, as `migrate` reads it).
 */
function chooseAction(args: ParsedArgs, cwd: string): { action: Action; dirIndex: number } {
  const action: Action = actionOrDirectory(args.positionals[0], PORTS_ACTIONS, "ports", cwd) ?? "states";
  if (action === "suggest" && args.positionals[1] === undefined)
    throw usage("Missing argument <service>: the service to find a port for");
  const dirIndex = action === "states" ? 0 : action === "suggest" ? 2 : 1;
  const extra = args.positionals[dirIndex + 1];
  if (extra !== undefined)
    throw usage(
      `Too many arguments for 'switchyard ports': unexpected '${safe(extra)}' (the directory comes last)`,
    );
  if (action !== "suggest" && stringOption(args, "count") !== undefined)
    throw usage("--count applies only to 'ports suggest'");
  if (action !== "states" && booleanOption(args, "required"))
    throw usage(`--required does not apply to 'ports ${action}'`);
  return { action, dirIndex };
}

const STATE_STYLE = {
  RUNNING: "green",
  AVAILABLE: "dim",
  CONFLICT: "red",
  UNKNOWN: "yellow",
} as const;

function statesTable(report: PortsReport, style: Style, shownDir: string): string {
  const rows = report.services.map(
    (s) =>
      [`${safe(s.service)}${s.required ? "*" : ""}`, String(s.port), s.state, safe(s.reason), s] as const,
  );
  const idWidth = rows.reduce((most, r) => Math.max(most, r[0].length), 7);
  const portWidth = rows.reduce((most, r) => Math.max(most, r[1].length), 4);
  const lines = [
    `Ports of ${shownDir} (${report.source === "none" ? "no /proc and no lsof: bind probes only" : `from ${report.sourceDetail}`}):`,
    "",
    style.dim(`  ${"SERVICE".padEnd(idWidth)}  ${"PORT".padStart(portWidth)}  ${"STATE".padEnd(9)}  WHO`),
  ];
  for (const [id, port, state, reason, status] of rows) {
    lines.push(
      `  ${id.padEnd(idWidth)}  ${port.padStart(portWidth)}  ${style[STATE_STYLE[state]](state.padEnd(9))}  ${reason}`,
    );
    if (
      status.hint !== undefined &&
      (state === "CONFLICT" || state === "UNKNOWN" || status.code === "SY6011")
    )
      lines.push(`  ${" ".repeat(idWidth + portWidth + 15)}${style.dim(`fix: ${safe(status.hint)}`)}`);
  }
  const c = report.counts;
  lines.push(
    "",
    `${c.RUNNING} running, ${c.AVAILABLE} free, ${c.CONFLICT} in conflict, ${c.UNKNOWN} unknown${report.services.some((s) => s.required) ? "  (* required)" : ""}`,
  );
  if (!report.ok)
    lines.push(
      style.red(`Not ready: ${report.failures.map((f) => `${safe(f.service)} (${f.code})`).join(", ")}`) +
        style.dim("  (switchyard explain <code> says more)"),
    );
  return `${lines.join("\n")}\n`;
}

function orderText(order: StartOrder, style: Style): string {
  const lines: string[] = [];
  order.waves.forEach((wave, i) => {
    lines.push(`  ${i + 1}. ${wave.map(safe).join(", ")}`);
  });
  if (lines.length > 0)
    lines.unshift("Start order (each line after the ones above it; a line's services together):");
  for (const cycle of order.cycles)
    lines.push(style.red(`Dependency cycle: ${cycle.path.map(safe).join(" -> ")}`));
  if (order.blocked.length > 0)
    lines.push(style.red(`Cannot start (on or behind a cycle): ${order.blocked.map(safe).join(", ")}`));
  for (const u of order.unknown)
    lines.push(
      style.yellow(
        `'${safe(u.service)}' depends on '${safe(u.dependsOn)}', which is not a service (ignored; SY2062)`,
      ),
    );
  return `${lines.join("\n")}\n`;
}

/** What a full load of ports.yaml gives: the file's content, or the outcome that reports it. */
async function fullLoad(
  path: string,
  context: CommandContext,
): Promise<{ ports: PortsFile } | { outcome: CommandOutcome }> {
  const { loadConfigFile } = await import("./full-load.js");
  const file = await loadConfigFile("ports", path, { cwd: context.io.cwd });
  if (file.value !== undefined && !hasErrors(file.diagnostics)) return { ports: file.value };
  const unreadable = file.diagnostics.some((d) => d.code === "SY1010" || d.code === "SY1011");
  const outcome: CommandOutcome = {
    status: unreadable ? "io-error" : "invalid",
    data: { ok: false, diagnostics: file.diagnostics },
    // Loaded only to report a broken file: the catalogue brings in every consistency rule.
    stderr: (await import("../../report.js")).prettyDiagnostics(file.diagnostics, context, {
      stream: "stderr",
      catalogue: (await import("../../catalogue.js")).cliCatalogue(portsCatalogue),
      sources: new Map([[file.file, file.source.text]]),
    }),
  };
  return { outcome };
}

/**
 * `switchyard ports`: the port state of every service of ports.yaml (exit 1 on a conflict or a
 * required service not running); `ports suggest <service>`: free ports near its own; `ports order`:
 * the start order from depends_on (exit 1 on a cycle).
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const { cwd } = context.io;
  const { action, dirIndex } = chooseAction(args, cwd);
  const dir = resolve(cwd, configDirArgument(args, "ports", { positional: true, positionalIndex: dirIndex }));
  const path = join(dir, "ports.yaml");
  // A plainly valid ports.yaml is read without zod, yaml or the diagnostics (most of a start's
  // time); anything else goes to the full loader, which says why, with the same words as ever.
  const quick = await quickLoadConfigFile("ports", path);
  const loaded = quick !== undefined ? { ports: quick } : await fullLoad(path, context);
  if ("outcome" in loaded) return loaded.outcome;
  const { ports } = loaded;
  const { style } = context;
  if (action === "order") {
    const order = startOrder(ports);
    return {
      status: order.cycles.length > 0 ? "invalid" : "ok",
      data: order,
      stdout: orderText(order, style),
    };
  }
  if (action === "suggest") {
    const service = args.positionals[1]!;
    const countText = stringOption(args, "count");
    const count = countText === undefined ? 3 : Number(countText);
    if (!Number.isInteger(count) || count < 1 || count > 100)
      throw usage(`Invalid --count '${safe(countText ?? "")}': write a whole number from 1 to 100`);
    const result = await suggestPorts(ports, service, { count });
    if (!result) {
      const ids = Object.keys(ports.services);
      throw usage(
        `No service '${safe(service)}' in ${displayPath(path, cwd)}${didYouMean(suggestName(service, ids))}`,
      );
    }
    const text =
      result.suggestions.length === 0
        ? `No free port near ${result.port} below ${result.ephemeralRange[0]}.\n`
        : `Free ports near '${safe(service)}' (${result.port}): ${result.suggestions.join(", ")}\n${style.dim(result.advisory)}\n`;
    return { status: result.suggestions.length > 0 ? "ok" : "invalid", data: result, stdout: text };
  }
  const report = await checkPorts(ports, { requiredOnly: booleanOption(args, "required") });
  return {
    status: report.ok ? "ok" : "invalid",
    data: report,
    stdout: statesTable(report, style, displayPath(dir, cwd)),
  };
}
