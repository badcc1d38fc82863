/** The steps that act on the running gateway: restart it, then gate on its health. */
import type { ExpectedModels } from "@switchyard/health";
import { generatorDiagnostic } from "../catalogue.js";
import type { ReloadContext } from "./context.js";
import { waitLive, waitModels, waitReady } from "./gates.js";
import type { Validated } from "./prepare.js";
import { describeCommand, runRestartCommand } from "./restart.js";
import type { ReloadStep } from "./types.js";

/** Run the restart command (skipped without one: something else restarts the proxy); a failure throws `StepFailed`. */
export async function restartStep(ctx: ReloadContext, phase: ReloadStep["phase"]): Promise<void> {
  const command = ctx.options.restartCommand;
  if (command === undefined) {
    ctx.steps.skip("restart", phase, "no restart command: waiting for the gateway to pick the file up");
    return;
  }
  await ctx.steps.must("restart", phase, async () => {
    const outcome = await runRestartCommand(command, {
      ...(ctx.options.cwd !== undefined ? { cwd: ctx.options.cwd } : {}),
      env: ctx.env,
      timeoutMs: ctx.gate.timeoutMs,
    });
    const detail = `\`${describeCommand(command)}\` ${outcome.summary}`;
    if (outcome.ok) return { status: "ok", detail };
    // A message is one line (renderers show a newline in it as ␊); the command's output goes in the hint.
    const said = outcome.outputTail !== "" ? `Its last output:\n${outcome.outputTail}\n` : "";
    return {
      status: "failed",
      detail: outcome.outputTail !== "" ? `${detail}: ${outcome.outputTail.split("\n").at(-1)}` : detail,
      diagnostics: [
        generatorDiagnostic("SY4301", {
          message: `The restart command failed: ${detail}`,
          hint: `${said}Run the command by hand to see why it fails (permissions, a unit name, a container name).`,
        }),
      ],
    };
  });
}

/** Liveliness, readiness and the served models; the first failure throws `StepFailed`. */
export async function healthGates(
  ctx: ReloadContext,
  phase: ReloadStep["phase"],
  expected: ExpectedModels | undefined,
  masterKey: Validated["masterKey"],
): Promise<void> {
  await ctx.steps.must("liveliness", phase, () => waitLive(ctx.gate));
  await ctx.steps.must("readiness", phase, () => waitReady(ctx.gate));
  if (expected === undefined) {
    ctx.steps.skip("models", phase, "the restored file lists no models to compare");
    return;
  }
  await ctx.steps.must("models", phase, () => waitModels(ctx.gate, expected, masterKey));
}
