import { plural } from "@switchyard/config-schema/text";
import { compareServedModels, type ExpectedModels, listNames, type ModelComparison } from "../models.js";
import type { ProbeOutcome, ProbeStep } from "./types.js";

/** A server not answering: refused, timed out, or failing with 5xx. Worth trying again. */
export function down(steps: readonly ProbeStep[], reason: string, hint?: string): ProbeOutcome {
  return { status: "down", reason, ...(hint ? { hint } : {}), retryable: true, steps };
}

/** The outcome of comparing served models: healthy when nothing is missing, degraded otherwise. */
export function modelsOutcome(
  steps: readonly ProbeStep[],
  served: readonly string[],
  expected: ExpectedModels | undefined,
  options: {
    readonly normalize?: (name: string) => string;
    /** The fix for missing models, given them and what is served. */
    readonly fix: (missing: readonly string[], served: readonly string[]) => string;
    readonly version?: string;
    /** Whether unexpected models are a problem (a vLLM serving another name) or normal (Ollama's other pulls). */
    readonly unexpectedIsProblem: boolean;
    readonly notes?: readonly string[];
  },
): ProbeOutcome {
  const version = options.version === undefined ? {} : { version: options.version };
  const notes = options.notes && options.notes.length > 0 ? { notes: options.notes } : {};
  if (!expected) {
    return {
      status: "healthy",
      reason: `up, serving ${served.length === 0 ? "no models" : listNames(served)}`,
      retryable: false,
      steps,
      ...version,
      ...notes,
    };
  }
  const models: ModelComparison = compareServedModels(served, expected, options.normalize);
  const problems: string[] = [];
  if (models.missing.length > 0) problems.push(`missing ${listNames(models.missing)}`);
  if (options.unexpectedIsProblem && models.unexpected.length > 0)
    problems.push(`serving ${listNames(models.unexpected)} instead`);
  if (problems.length === 0) {
    return {
      status: "healthy",
      reason: `up, serving ${models.expected.length === 0 ? "nothing expected" : `all ${plural(models.expected.length, "expected model")}`}`,
      retryable: false,
      steps,
      models,
      ...version,
      ...notes,
    };
  }
  return {
    status: "degraded",
    reason: `up, but ${problems.join("; ")}`,
    hint: options.fix(models.missing, models.served),
    retryable: false,
    steps,
    models,
    ...version,
    ...notes,
  };
}
