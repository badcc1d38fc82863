import { resolve } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { collectSources, sanitizeForTerminal } from "@switchyard/config-schema/render";
import { plural } from "@switchyard/config-schema/text";
import { stackHealth } from "@switchyard/doctor";
import type { HealthResult, HealthStatus } from "@switchyard/health";
import { stringOption } from "../../args.js";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument } from "../../config-dir.js";
import { displayPath } from "../../paths.js";
import { timeoutOption } from "../../probe-timeout.js";
import { prettyDiagnostics } from "../../report.js";
import type { Style } from "../../style.js";

const safe = sanitizeForTerminal;

/** Statuses that fail `switchyard health` (loading and busy do not: they are the server's own states). */
const FAILING: ReadonlySet<HealthStatus> = new Set(["down", "degraded", "unauthorized"]);

const PAINT: Record<HealthStatus, keyof Omit<Style, "enabled" | "bold">> = {
  healthy: "green",
  degraded: "red",
  loading: "yellow",
  busy: "yellow",
  unauthorized: "red",
  down: "red",
  skipped: "dim",
};

function table(
  results: readonly HealthResult[],
  skipped: readonly { id: string; reason: string }[],
  style: Style,
  shown: string,
): string {
  const id = results.reduce((most, r) => Math.max(most, safe(r.id).length), 2);
  const kind = results.reduce((most, r) => Math.max(most, r.kind.length), 4);
  const lines = [`Health of ${shown} (${plural(results.length, "probe")}):`, ""];
  for (const r of results) {
    const retried = r.attempts > 1 ? ` ×${r.attempts}` : "";
    lines.push(
      `  ${safe(r.id).padEnd(id)}  ${r.kind.padEnd(kind)}  ${style[PAINT[r.status]](r.status.padEnd(12))}  ${safe(r.reason)}  ${style.dim(`${r.latencyMs} ms${retried}  ${safe(r.target)}`)}`,
    );
    // The reason may already say what was not checked (the gateway without its key): once is enough.
    const unchecked = r.unchecked !== undefined && !r.reason.includes(r.unchecked) ? [r.unchecked] : [];
    for (const note of [...unchecked, ...(r.notes ?? [])])
      lines.push(`  ${" ".repeat(id + kind + 18)}${style.dim(safe(note))}`);
    if (r.hint !== undefined && r.status !== "healthy")
      lines.push(`  ${" ".repeat(id + kind + 18)}${style.dim(`fix: ${safe(r.hint)}`)}`);
  }
  if (skipped.length > 0)
    lines.push("", style.dim(`Not probed: ${skipped.map((s) => `${safe(s.id)} (${s.reason})`).join("; ")}`));
  const failing = results.filter((r) => FAILING.has(r.status));
  lines.push(
    "",
    failing.length === 0
      ? style.green("Every probed backend is up.")
      : style.red(`Unhealthy: ${failing.map((r) => safe(r.id)).join(", ")}`),
  );
  return `${lines.join("\n")}\n`;
}

/**
 * `switchyard health [dir]`: probe every backend of the config set in its own API (see
 * `@switchyard/health`); exit 1 when one is down, refuses its credentials or does not serve what
 * the config promises.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const timeoutMs = timeoutOption(args, "health");
  const { cwd } = context.io;
  const dir = resolve(cwd, configDirArgument(args, "health", { positional: true }));
  const set = await loadConfigSet(dir, { cwd });
  if (set.files.providers?.value === undefined && set.files.ports?.value === undefined) {
    // Nothing to probe: say why the files did not load.
    const errors = set.diagnostics.filter((d) => d.severity === "error");
    return {
      status: errors.some((d) => d.code === "SY1010") ? "io-error" : "invalid",
      data: { ok: false, diagnostics: errors },
      stderr:
        errors.length > 0
          ? prettyDiagnostics(errors, context, {
              stream: "stderr",
              catalogue: cliCatalogue(),
              sources: collectSources(set),
            })
          : `Nothing to probe: ${displayPath(dir, cwd)} has no usable providers.yaml or ports.yaml.\n`,
    };
  }
  const masterKeyEnv = stringOption(args, "master-key-env");
  const health = await stackHealth(set, {
    env: context.io.env,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(masterKeyEnv === undefined ? {} : { generate: { masterKeyEnv } }),
  });
  const ok = !health.results.some((r) => FAILING.has(r.status));
  return {
    status: ok ? "ok" : "invalid",
    data: { ok, results: health.results, skipped: health.plan.skipped, gatewaySource: health.gatewaySource },
    stdout: table(health.results, health.plan.skipped, context.style, displayPath(dir, cwd)),
  };
}
