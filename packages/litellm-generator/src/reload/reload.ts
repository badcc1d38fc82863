/**
 * `reloadGateway`: the steps of a reload in order, with one failure path. Each step runs through
 * the {@link StepRunner} (steps.ts), which times and records it and throws `StepFailed` when it
 * fails; this file catches that once: before the write the reload just stops, after it the
 * previous file is restored and verified (the rollback).
 */
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { WritePrune } from "@switchyard/config-schema/write";
import { DEFAULT_GATEWAY_URL, type ExpectedModels } from "@switchyard/health";
import { generatorDiagnostic } from "../catalogue.js";
import { displayPath } from "../check.js";
import { DEFAULT_OUTPUT_FILE } from "../generate.js";
import { readYaml11 } from "../internal/read-yaml11.js";
import { isPlainRecord } from "../internal/records.js";
import type { ReloadContext } from "./context.js";
import { backupAndWrite, restoreStep } from "./file-steps.js";
import { expectedServedModels } from "./gates.js";
import { healthGates, restartStep } from "./gateway-steps.js";
import { generateStep, type Validated, validateStep } from "./prepare.js";
import { StepFailed, StepRunner } from "./steps.js";
import type { ReloadOptions, ReloadReport, ReloadStepName } from "./types.js";

/** The gateway URL used when none is given (never `localhost`: Node may resolve it to ::1). */
export { DEFAULT_GATEWAY_URL };

/** The gateway URL to probe: `localhost` becomes 127.0.0.1, a trailing slash is dropped. */
function normaliseGatewayUrl(url: string): { url: string; note?: string } | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: `'${url}' is not a URL` };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return { error: `'${url}' is not an http(s) URL` };
  let note: string | undefined;
  if (parsed.hostname === "localhost") {
    parsed.hostname = "127.0.0.1";
    note = "localhost is probed as 127.0.0.1";
  }
  const text = parsed.toString().replace(/\/+$/, "");
  return note === undefined ? { url: text } : { url: text, note };
}

/** What a previous file held, for the rollback's model check. */
function modelsOf(text: string | undefined): ExpectedModels | undefined {
  if (text === undefined) return undefined;
  // A hand-edited previous file can be anything: read through config-schema's one parser.
  const read = readYaml11(text);
  return read.ok && isPlainRecord(read.data) && Array.isArray(read.data.model_list)
    ? expectedServedModels(read.data.model_list)
    : undefined;
}

/** What the report says beyond the steps: filled in as the reload goes. */
interface Progress {
  changed: boolean;
  backupPath?: string | undefined;
  pruned?: WritePrune | undefined;
  rejectedPath?: string | undefined;
  /** The file before the reload, once validated: what a rollback restores. */
  validated?: Validated;
  /** Set once the new file is written: a failure from then on rolls back. */
  written: boolean;
  /** The size of the file written, in bytes (what a rollback replaces). */
  writtenBytes?: number;
}

/** The reload's steps up to a verified gateway; any failure throws `StepFailed`. */
async function forward(
  ctx: ReloadContext,
  progress: Progress,
  gateway: ReturnType<typeof normaliseGatewayUrl>,
) {
  const generation = await generateStep(ctx);
  const validated = await validateStep(ctx, generation, gateway);
  progress.validated = validated;
  progress.changed = validated.previous !== generation.text;
  const expected = expectedServedModels(generation.config.model_list);
  if (!progress.changed) {
    ctx.steps.skip("backup", "reload", `${ctx.file} is already current`);
    ctx.steps.skip("write", "reload", `${ctx.file} is already current`);
    if (ctx.options.force !== true)
      ctx.steps.skip("restart", "reload", "already current (pass force to restart anyway)");
    else await restartStep(ctx, "reload");
    await healthGates(ctx, "reload", expected, validated.masterKey);
    return;
  }
  const written = await backupAndWrite(ctx, generation, validated.previous);
  progress.backupPath = written.backupPath;
  progress.pruned = written.pruned;
  progress.written = true;
  progress.writtenBytes = Buffer.byteLength(generation.text);
  await restartStep(ctx, "reload");
  await healthGates(ctx, "reload", expected, validated.masterKey);
}

/**
 * Undo a reload whose `failed` step came after the write: restore the previous file, restart,
 * verify. Returns whether the previous file is back; a rollback step that fails adds SY4306.
 */
async function rollback(ctx: ReloadContext, progress: Progress, failed: ReloadStepName, extra: Diagnostic[]) {
  const validated = progress.validated!;
  ctx.steps.skipRest(`not run: ${failed} failed`);
  try {
    progress.rejectedPath = await restoreStep(ctx, validated.previous, progress.writtenBytes ?? 0);
  } catch (error) {
    if (error instanceof StepFailed) return false;
    throw error;
  }
  try {
    await restartStep(ctx, "rollback");
    await healthGates(ctx, "rollback", modelsOf(validated.previous), validated.masterKey);
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    extra.push(
      generatorDiagnostic("SY4306", {
        message: `The rollback's ${error.step} step failed too: the previous config is back in place, but the gateway is not verified healthy`,
        hint: "Check the gateway by hand: its logs, its supervisor, the restart command.",
      }),
    );
  }
  return true;
}

/**
 * Reload the LiteLLM proxy with a freshly generated config, step by step, each timed: generate
 * (from the set the config-directory layer checked: `options.checked`, else consistency's
 * `validateConfigDir`; its blocking errors refuse), validate (YAML 1.1 reading, the master key, no
 * hand edits unless `force`), back up, write (atomic, under the file's lock), restart
 * (`restartCommand`), then gate on health: `GET /health/liveliness` 200, `GET /health/readiness`
 * 200, and `GET /v1/models` (with the master key) serving exactly the generated concrete model
 * names (wildcard routes are not compared). A failure after the write restores the previous file
 * (the rejected one is backed up first), restarts again and re-verifies, and the report says
 * `rolledBack: true` and names the failed step. An unchanged file is not rewritten nor restarted
 * (unless `force`); its health is verified. Never throws.
 */
export async function reloadGateway(options: ReloadOptions): Promise<ReloadReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const steps = new StepRunner(now);
  const cwd = options.cwd ?? process.cwd();
  const outputPath = resolve(
    cwd,
    options.outputPath ?? join(resolve(cwd, options.configDir), DEFAULT_OUTPUT_FILE),
  );
  const gateway = normaliseGatewayUrl(options.gatewayUrl ?? DEFAULT_GATEWAY_URL);
  const ctx: ReloadContext = {
    options,
    steps,
    outputPath,
    file: displayPath(outputPath, cwd),
    gate: {
      baseUrl: "url" in gateway ? gateway.url : "",
      timeoutMs: options.timeoutMs ?? 60_000,
      intervalMs: options.pollIntervalMs ?? 500,
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      now,
    },
    env: options.env ?? process.env,
  };
  const progress: Progress = { changed: false, written: false };
  const extra: Diagnostic[] = [];
  let failedStep: ReloadStepName | undefined;
  let rolledBack = false;
  try {
    await forward(ctx, progress, gateway);
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    failedStep = error.step;
    if (progress.written) rolledBack = await rollback(ctx, progress, error.step, extra);
  }
  if (failedStep !== undefined) steps.skipRest(`not run: ${failedStep} failed`);
  return {
    ok: failedStep === undefined,
    changed: progress.changed,
    outputPath,
    gatewayUrl: ctx.gate.baseUrl || (options.gatewayUrl ?? DEFAULT_GATEWAY_URL),
    ...(progress.backupPath !== undefined ? { backupPath: progress.backupPath } : {}),
    ...(progress.pruned !== undefined ? { pruned: progress.pruned } : {}),
    ...(progress.rejectedPath !== undefined ? { rejectedPath: progress.rejectedPath } : {}),
    steps: steps.list,
    rolledBack,
    ...(failedStep !== undefined ? { failedStep } : {}),
    totalMs: Math.max(0, Math.round(now() - started)),
    diagnostics: [...steps.diagnostics(), ...extra],
  };
}
