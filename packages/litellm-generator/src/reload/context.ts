import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { GateOptions } from "./gates.js";
import type { StepResult, StepRunner } from "./steps.js";
import type { ReloadOptions } from "./types.js";

/** What every step of one reload reads. */
export interface ReloadContext {
  readonly options: ReloadOptions;
  readonly steps: StepRunner;
  /** Absolute path of the generated file. */
  readonly outputPath: string;
  /** The generated file as messages show it. */
  readonly file: string;
  readonly gate: GateOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A failed step's result: the message is its detail, and its one finding. */
export function failed(diagnostic: Diagnostic): StepResult<never> {
  return { status: "failed", detail: diagnostic.message, diagnostics: [diagnostic] };
}
