import { unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import {
  backupFile,
  type Diagnostic,
  ENV_REFERENCE_PATTERN,
  readBoundedFileIfExists,
  withFileLock,
  writeFileSafely,
} from "@switchyard/config-schema";
import { validateConfigDir } from "@switchyard/consistency";
import { DEFAULT_GATEWAY_URL, type ExpectedModels } from "@switchyard/health";
import { parse } from "yaml";
import { generatorDiagnostic } from "../catalogue.js";
import { compareWithGeneration, displayPath, readExisting } from "../check.js";
import { DEFAULT_OUTPUT_FILE, generateLiteLLMConfig, refusal } from "../generate.js";
import { deepEqual, isPlainRecord } from "../internal/records.js";
import type { GenerationSuccess } from "../types.js";
import {
  expectedServedModels,
  type GateOptions,
  type StepOutcome,
  waitLive,
  waitModels,
  waitReady,
} from "./gates.js";
import { describeCommand, runRestartCommand } from "./restart.js";
import type { ReloadOptions, ReloadReport, ReloadStep, ReloadStepName } from "./types.js";

/** The gateway URL used when none is given (never `localhost`: Node may resolve it to ::1). */
export { DEFAULT_GATEWAY_URL };

const RELOAD_STEPS: readonly ReloadStepName[] = [
  "generate",
  "validate",
  "backup",
  "write",
  "restart",
  "liveliness",
  "readiness",
  "models",
];

class Steps {
  readonly list: ReloadStep[] = [];
  constructor(private readonly now: () => number) {}

  async run(
    name: ReloadStepName,
    phase: ReloadStep["phase"],
    body: () => Promise<StepOutcome>,
  ): Promise<StepOutcome> {
    const start = this.now();
    let outcome: StepOutcome;
    try {
      outcome = await body();
    } catch (error) {
      const message = `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
      const diagnostic: Diagnostic =
        name === "restore"
          ? generatorDiagnostic("SY4306", { message, hint: "Restore the file from the backup by hand." })
          : writeFailure(message, error);
      outcome = { status: "failed", detail: message, diagnostics: [diagnostic] };
    }
    this.list.push({
      name,
      phase,
      status: outcome.status,
      durationMs: Math.max(0, Math.round(this.now() - start)),
      detail: outcome.detail,
      ...(outcome.diagnostics && outcome.diagnostics.length > 0 ? { diagnostics: outcome.diagnostics } : {}),
    });
    return outcome;
  }

  skip(name: ReloadStepName, phase: ReloadStep["phase"], detail: string): void {
    this.list.push({ name, phase, status: "skipped", durationMs: 0, detail });
  }

  /** Mark every reload step not yet recorded as skipped. */
  skipRest(detail: string): void {
    for (const name of RELOAD_STEPS)
      if (!this.list.some((s) => s.name === name && s.phase === "reload")) this.skip(name, "reload", detail);
  }
}

function writeFailure(message: string, error: unknown): Diagnostic {
  const hint = (error as { hint?: unknown }).hint;
  return generatorDiagnostic("SY4111", {
    message,
    hint:
      typeof hint === "string"
        ? hint
        : "Check the output directory's permissions and free space; the previous file is unchanged.",
  });
}

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
  try {
    const data: unknown = parse(text, { version: "1.1" });
    return isPlainRecord(data) && Array.isArray(data.model_list)
      ? expectedServedModels(data.model_list)
      : undefined;
  } catch {
    return undefined;
  }
}

interface Context {
  readonly options: ReloadOptions;
  readonly steps: Steps;
  readonly outputPath: string;
  readonly file: string;
  readonly gate: GateOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The variable holding the proxy's master key: the one the generated config reads
 * (`general_settings.master_key: os.environ/NAME`, from the gateway section or `--master-key-env`),
 * `undefined` when the config sets no master key (the proxy is then unauthenticated).
 */
function masterKeyEnvOf(generation: GenerationSuccess): string | undefined {
  const key = generation.config.general_settings?.master_key;
  if (typeof key !== "string") return undefined;
  return ENV_REFERENCE_PATTERN.test(key) ? key.slice("os.environ/".length) : undefined;
}

async function generateStep(ctx: Context): Promise<GenerationSuccess | undefined> {
  let generation: GenerationSuccess | undefined;
  await ctx.steps.run("generate", "reload", async () => {
    const checked =
      ctx.options.checked ??
      (await validateConfigDir(ctx.options.configDir, { cwd: ctx.options.cwd ?? process.cwd() }));
    const { set, blocking } = checked;
    const result =
      blocking.length > 0
        ? refusal(set, blocking, `the config set has ${blocking.length} error(s)`)
        : generateLiteLLMConfig(set, { ...ctx.options, outputFile: ctx.file });
    if (!result.ok) {
      const errors = result.diagnostics.filter((d) => d.severity === "error").length;
      return {
        status: "failed",
        detail: `generation refused with ${errors} error(s)`,
        diagnostics: result.diagnostics,
      };
    }
    generation = result;
    const models = expectedServedModels(result.config.model_list);
    return {
      status: "ok",
      detail: `${result.config.model_list.length} deployments, ${models.names.size} model names${(models.wildcards ?? 0) > 0 ? `, ${models.wildcards} wildcard routes` : ""}`,
    };
  });
  return generation;
}

interface Validated {
  readonly previous: string | undefined;
  /** The master key to list the served models with; `undefined` for a proxy without one. */
  readonly masterKey: { readonly env: string; readonly value: string } | undefined;
}

async function validateStep(
  ctx: Context,
  generation: GenerationSuccess,
  gatewayNote: string | undefined,
): Promise<Validated | undefined> {
  let validated: Validated | undefined;
  await ctx.steps.run("validate", "reload", async () => {
    const reread: unknown = parse(generation.text, { version: "1.1" });
    if (!deepEqual(reread, generation.config)) {
      const message = "The generated text reads differently under YAML 1.1 (PyYAML, which LiteLLM uses)";
      return {
        status: "failed",
        detail: message,
        diagnostics: [
          generatorDiagnostic("SY4004", {
            message,
            hint: "This is a bug in Switchyard: please report it.",
          }),
        ],
      };
    }
    const masterKeyEnv = masterKeyEnvOf(generation);
    const masterKey = masterKeyEnv === undefined ? undefined : ctx.env[masterKeyEnv];
    if (masterKeyEnv !== undefined && (masterKey === undefined || masterKey === "")) {
      const message = `${masterKeyEnv} is not set, so /v1/models cannot be checked with the proxy's master key`;
      return {
        status: "failed",
        detail: message,
        diagnostics: [
          generatorDiagnostic("SY4305", {
            message,
            hint: `Export ${masterKeyEnv} (the key general_settings.master_key reads), or pass --master-key-env.`,
          }),
        ],
      };
    }
    const existing = await readExisting(ctx.outputPath, ctx.file);
    if ("diagnostic" in existing)
      return { status: "failed", detail: existing.diagnostic.message, diagnostics: [existing.diagnostic] };
    const report = compareWithGeneration(generation, existing.text, { file: ctx.file });
    const edited = report.status === "hand-edited" || report.status === "header-missing";
    if (edited && ctx.options.force !== true) {
      const message = `${ctx.file} was not replaced: ${report.message.replace(`${ctx.file}: `, "")}`;
      return {
        status: "failed",
        detail: message,
        diagnostics: [
          generatorDiagnostic("SY4110", {
            message,
            file: ctx.file,
            hint: "Move the edits into the source files, or reload with `--force` (a backup is kept).",
          }),
        ],
      };
    }
    validated = {
      previous: existing.text,
      masterKey:
        masterKeyEnv !== undefined && masterKey !== undefined
          ? { env: masterKeyEnv, value: masterKey }
          : undefined,
    };
    const notes = [
      "schema and YAML 1.1 reading ok",
      `file ${report.status}${edited ? " (overwritten: --force)" : ""}`,
      masterKeyEnv !== undefined
        ? `master key from ${masterKeyEnv}`
        : "no master key (the proxy is unauthenticated)",
      ...(gatewayNote !== undefined ? [gatewayNote] : []),
    ];
    return { status: "ok", detail: notes.join("; ") };
  });
  return validated;
}

/** Back up and write under one lock, so no other writer slips in between. */
async function backupAndWrite(
  ctx: Context,
  generation: GenerationSuccess,
  previous: string | undefined,
): Promise<{ backupPath?: string } | undefined> {
  let backupPath: string | undefined;
  let failed = false;
  const locked = async () => {
    const backup = await ctx.steps.run("backup", "reload", async () => {
      const now = (await readBoundedFileIfExists(ctx.outputPath))?.toString("utf8");
      if (now !== previous) {
        const message = `${ctx.file} changed while the reload ran; nothing was written`;
        return {
          status: "failed",
          detail: message,
          diagnostics: [
            generatorDiagnostic("SY4111", { message, file: ctx.file, hint: "Run the reload again." }),
          ],
        };
      }
      if (previous === undefined) return { status: "skipped", detail: `no previous ${ctx.file} to back up` };
      backupPath = await backupFile(ctx.outputPath);
      return { status: "ok", detail: displayPath(backupPath ?? "", ctx.options.cwd) };
    });
    if (backup.status === "failed") {
      failed = true;
      return;
    }
    const write = await ctx.steps.run("write", "reload", async () => {
      const result = await writeFileSafely(ctx.outputPath, generation.text, { lock: false, backup: false });
      const cleaned = result.removedTempFiles?.length
        ? `; removed ${result.removedTempFiles.length} leftover temp file(s)`
        : "";
      return { status: "ok", detail: `wrote ${ctx.file} atomically${cleaned}` };
    });
    if (write.status === "failed") failed = true;
  };
  try {
    await withFileLock(ctx.outputPath, locked, { timeoutMs: ctx.options.lockTimeoutMs ?? 10_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ctx.steps.run("backup", "reload", async () => ({
      status: "failed",
      detail: message,
      diagnostics: [writeFailure(`Cannot lock ${ctx.file}: ${message}`, error)],
    }));
    return undefined;
  }
  if (failed) return undefined;
  return backupPath !== undefined ? { backupPath } : {};
}

async function restartStep(ctx: Context, phase: ReloadStep["phase"]): Promise<StepOutcome> {
  const command = ctx.options.restartCommand;
  if (command === undefined) {
    const detail = "no restart command: waiting for the gateway to pick the file up";
    ctx.steps.skip("restart", phase, detail);
    return { status: "skipped", detail };
  }
  return ctx.steps.run("restart", phase, async () => {
    const outcome = await runRestartCommand(command, {
      ...(ctx.options.cwd !== undefined ? { cwd: ctx.options.cwd } : {}),
      env: ctx.env,
      timeoutMs: ctx.gate.timeoutMs,
    });
    const detail = `\`${describeCommand(command)}\` ${outcome.summary}`;
    if (outcome.ok) return { status: "ok", detail };
    // A message is one line (renderers show a newline in it as ␊); the command's output goes in the hint.
    const message = `The restart command failed: ${detail}`;
    const said = outcome.outputTail !== "" ? `Its last output:\n${outcome.outputTail}\n` : "";
    return {
      status: "failed",
      detail: outcome.outputTail !== "" ? `${detail}: ${outcome.outputTail.split("\n").at(-1)}` : detail,
      diagnostics: [
        generatorDiagnostic("SY4301", {
          message,
          hint: `${said}Run the command by hand to see why it fails (permissions, a unit name, a container name).`,
        }),
      ],
    };
  });
}

/** Liveliness, readiness and the served models, stopping at the first failure. */
async function healthGates(
  ctx: Context,
  phase: ReloadStep["phase"],
  expected: ExpectedModels | undefined,
  masterKey: Validated["masterKey"],
): Promise<ReloadStepName | undefined> {
  const live = await ctx.steps.run("liveliness", phase, () => waitLive(ctx.gate));
  if (live.status === "failed") return "liveliness";
  const ready = await ctx.steps.run("readiness", phase, () => waitReady(ctx.gate));
  if (ready.status === "failed") return "readiness";
  if (expected === undefined) {
    ctx.steps.skip("models", phase, "the restored file lists no models to compare");
    return undefined;
  }
  const models = await ctx.steps.run("models", phase, () => waitModels(ctx.gate, expected, masterKey));
  return models.status === "failed" ? "models" : undefined;
}

interface Restored {
  readonly rejectedPath?: string;
}

async function restoreStep(ctx: Context, previous: string | undefined): Promise<Restored | undefined> {
  let restored: Restored | undefined;
  await ctx.steps.run("restore", "rollback", async () => {
    let rejectedPath: string | undefined;
    await withFileLock(
      ctx.outputPath,
      async () => {
        rejectedPath = await backupFile(ctx.outputPath);
        if (previous === undefined) await unlink(ctx.outputPath).catch(() => undefined);
        else await writeFileSafely(ctx.outputPath, previous, { lock: false, backup: false });
      },
      { timeoutMs: ctx.options.lockTimeoutMs ?? 10_000 },
    );
    const now = (await readBoundedFileIfExists(ctx.outputPath).catch(() => undefined))?.toString("utf8");
    if (now !== previous) {
      const message = `${ctx.file} could not be restored: its content differs from the backup`;
      return {
        status: "failed",
        detail: message,
        diagnostics: [
          generatorDiagnostic("SY4306", { message, file: ctx.file, hint: "Restore the backup by hand." }),
        ],
      };
    }
    restored = rejectedPath !== undefined ? { rejectedPath } : {};
    const kept =
      rejectedPath !== undefined
        ? `; the rejected file is kept as ${displayPath(rejectedPath, ctx.options.cwd)}`
        : "";
    return {
      status: "ok",
      detail:
        previous === undefined
          ? `removed the new ${ctx.file} (there was none before)${kept}`
          : `restored the previous ${ctx.file}${kept}`,
    };
  });
  return restored;
}

/**
 * Reload the LiteLLM proxy with a freshly generated config, step by step, each timed: generate,
 * validate (YAML 1.1 reading, the master key, no hand edits unless `force`), back up, write
 * (atomic, under the file's lock), restart (`restartCommand`), then gate on health:
 * `GET /health/liveliness` 200, `GET /health/readiness` 200, and `GET /v1/models` (with the master
 * key) serving exactly the generated concrete model names (wildcard routes are not compared).
 * A failure after the write restores the previous file (the rejected one is backed up first),
 * restarts again and re-verifies, and the report says `rolledBack: true` and names the failed
 * step. An unchanged file is not rewritten nor restarted (unless `force`); its health is verified.
 * Never throws.
 */
export async function reloadGateway(options: ReloadOptions): Promise<ReloadReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const steps = new Steps(now);
  const cwd = options.cwd ?? process.cwd();
  const outputPath = resolve(
    cwd,
    options.outputPath ?? join(resolve(cwd, options.configDir), DEFAULT_OUTPUT_FILE),
  );
  const gateway = normaliseGatewayUrl(options.gatewayUrl ?? DEFAULT_GATEWAY_URL);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const ctx: Context = {
    options,
    steps,
    outputPath,
    file: displayPath(outputPath, cwd),
    gate: {
      baseUrl: "url" in gateway ? gateway.url : "",
      timeoutMs,
      intervalMs: options.pollIntervalMs ?? 500,
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      now,
    },
    env: options.env ?? process.env,
  };
  let backupPath: string | undefined;
  let rejectedPath: string | undefined;
  let changed = false;
  const extra: Diagnostic[] = [];
  const finish = (failedStep?: ReloadStepName, rolledBack = false): ReloadReport => {
    if (failedStep !== undefined) steps.skipRest(`not run: ${failedStep} failed`);
    return {
      ok: failedStep === undefined,
      changed,
      outputPath,
      gatewayUrl: ctx.gate.baseUrl || (options.gatewayUrl ?? DEFAULT_GATEWAY_URL),
      ...(backupPath !== undefined ? { backupPath } : {}),
      ...(rejectedPath !== undefined ? { rejectedPath } : {}),
      steps: steps.list,
      rolledBack,
      ...(failedStep !== undefined ? { failedStep } : {}),
      totalMs: Math.max(0, Math.round(now() - started)),
      diagnostics: [...steps.list.flatMap((s) => s.diagnostics ?? []), ...extra],
    };
  };

  const generation = await generateStep(ctx);
  if (!generation) return finish("generate");
  if ("error" in gateway) {
    await steps.run("validate", "reload", async () => {
      const message = `Invalid gateway URL: ${gateway.error}`;
      return {
        status: "failed",
        detail: message,
        diagnostics: [
          generatorDiagnostic("SY4300", {
            message,
            hint: "Pass --gateway-url http://127.0.0.1:4000 (the proxy's address).",
          }),
        ],
      };
    });
    return finish("validate");
  }
  const validated = await validateStep(ctx, generation, gateway.note);
  if (!validated) return finish("validate");
  changed = validated.previous !== generation.text;
  const expected = expectedServedModels(generation.config.model_list);

  if (!changed) {
    steps.skip("backup", "reload", `${ctx.file} is already current`);
    steps.skip("write", "reload", `${ctx.file} is already current`);
    if (options.force !== true)
      steps.skip("restart", "reload", "already current (pass force to restart anyway)");
    else if ((await restartStep(ctx, "reload")).status === "failed") return finish("restart");
    return finish(await healthGates(ctx, "reload", expected, validated.masterKey));
  }

  const written = await backupAndWrite(ctx, generation, validated.previous);
  if (!written) return finish(steps.list.some((s) => s.name === "write") ? "write" : "backup");
  backupPath = written.backupPath;

  let failed: ReloadStepName | undefined;
  if ((await restartStep(ctx, "reload")).status === "failed") failed = "restart";
  else failed = await healthGates(ctx, "reload", expected, validated.masterKey);
  if (failed === undefined) return finish();

  steps.skipRest(`not run: ${failed} failed`);
  const restored = await restoreStep(ctx, validated.previous);
  if (!restored) return finish(failed, false);
  rejectedPath = restored.rejectedPath;
  const restartedBack = await restartStep(ctx, "rollback");
  const rollbackFailure =
    restartedBack.status === "failed"
      ? "restart"
      : await healthGates(ctx, "rollback", modelsOf(validated.previous), validated.masterKey);
  if (rollbackFailure !== undefined) {
    const message = `The rollback's ${rollbackFailure} step failed too: the previous config is back in place, but the gateway is not verified healthy`;
    extra.push(
      generatorDiagnostic("SY4306", {
        message,
        hint: "Check the gateway by hand: its logs, its supervisor, the restart command.",
      }),
    );
  }
  return finish(failed, true);
}
