import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { generatorDiagnostic } from "../catalogue.js";
import type { StepOutcome } from "./gates.js";
import type { ReloadStep, ReloadStepName } from "./types.js";

/** The reload's steps in order (the rollback's are recorded with phase `rollback`). */
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

/** What a step's body returns: its outcome and, when it succeeded, the value later steps need. */
export interface StepResult<T> extends StepOutcome {
  readonly value?: T;
}

/**
 * A failed step, already recorded with its diagnostics. The one failure path of a reload: every
 * step that fails throws it from {@link StepRunner.must}, and `reloadGateway` catches it once
 * (rolling back when the file was already written).
 */
export class StepFailed extends Error {
  constructor(readonly step: ReloadStepName) {
    super(`${step} failed`);
    this.name = "StepFailed";
  }
}

/** The finding of a step that threw instead of reporting (I/O; a restore gets SY4306). */
function unexpected(name: ReloadStepName, error: unknown): Diagnostic {
  const message = `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
  return name === "restore"
    ? generatorDiagnostic("SY4306", { message, hint: "Restore the file from the backup by hand." })
    : writeFailure(message, error);
}

/** SY4111 for a write that failed, with the error's own hint when it carries one. */
export function writeFailure(message: string, error: unknown): Diagnostic {
  const hint = (error as { hint?: unknown } | undefined)?.hint;
  return generatorDiagnostic("SY4111", {
    message,
    hint:
      typeof hint === "string"
        ? hint
        : "Check the output directory's permissions and free space; the previous file is unchanged.",
  });
}

/** Runs a reload's steps: times each, records it, and turns a failure into {@link StepFailed}. */
export class StepRunner {
  readonly list: ReloadStep[] = [];
  constructor(private readonly now: () => number) {}

  /**
   * Run one step and record it; a body that throws is a failed step (never a thrown reload).
   * A failed step throws {@link StepFailed}; otherwise the body's value is returned.
   */
  async must<T = undefined>(
    name: ReloadStepName,
    phase: ReloadStep["phase"],
    body: () => Promise<StepResult<T>>,
  ): Promise<T | undefined> {
    const start = this.now();
    let result: StepResult<T>;
    try {
      result = await body();
    } catch (error) {
      if (error instanceof StepFailed) throw error;
      const diagnostic = unexpected(name, error);
      result = { status: "failed", detail: diagnostic.message, diagnostics: [diagnostic] };
    }
    this.record(name, phase, result, Math.max(0, Math.round(this.now() - start)));
    if (result.status === "failed") throw new StepFailed(name);
    return result.value;
  }

  /** Record a step that was not run. */
  skip(name: ReloadStepName, phase: ReloadStep["phase"], detail: string): void {
    this.record(name, phase, { status: "skipped", detail }, 0);
  }

  /** Mark every reload step not yet recorded as skipped. */
  skipRest(detail: string): void {
    for (const name of RELOAD_STEPS)
      if (!this.list.some((s) => s.name === name && s.phase === "reload")) this.skip(name, "reload", detail);
  }

  /** Every finding of the recorded steps, in order. */
  diagnostics(): Diagnostic[] {
    return this.list.flatMap((s) => s.diagnostics ?? []);
  }

  private record(name: ReloadStepName, phase: ReloadStep["phase"], outcome: StepOutcome, durationMs: number) {
    this.list.push({
      name,
      phase,
      status: outcome.status,
      durationMs,
      detail: outcome.detail,
      ...(outcome.diagnostics && outcome.diagnostics.length > 0 ? { diagnostics: outcome.diagnostics } : {}),
    });
  }
}
