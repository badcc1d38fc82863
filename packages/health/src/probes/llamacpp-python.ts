import { probeOpenAiModels } from "./openai-models.js";
import type { HttpTarget, ProbeContext, ProbeOutcome, ProbeStep } from "./types.js";

/** How long llama-cpp-python gets to list its models before it counts as busy (at most the probe timeout). */
export const LLAMA_CPP_PYTHON_TIMEOUT_MS = 1500;

/**
 * llama-cpp-python (`python -m llama_cpp.server`) has no `/health`: `GET <base_url>/models` with a
 * short timeout. It takes the model lock, so during a generation it may not answer in time: a
 * timeout there means busy, not down. Bearer auth on every route when it has an `api_key`.
 */
export async function probeLlamaCppPython(target: HttpTarget, context: ProbeContext): Promise<ProbeOutcome> {
  const steps: ProbeStep[] = [];
  return probeOpenAiModels(steps, target, context, {
    server: "llama-cpp-python",
    timeoutMs: Math.min(context.timeoutMs, LLAMA_CPP_PYTHON_TIMEOUT_MS),
    onTimeout: "busy",
    fix: (missing) =>
      `Start it with --model_alias ${missing[0] ?? "<name>"} (python -m llama_cpp.server --model … --model_alias …), or list the served name in providers.yaml.`,
  });
}

/** Any other OpenAI-compatible server: `GET <base_url>/models` only. */
export async function probeOpenAiCompatible(
  target: HttpTarget,
  context: ProbeContext,
): Promise<ProbeOutcome> {
  const steps: ProbeStep[] = [];
  return probeOpenAiModels(steps, target, context, {
    server: "the server",
    onTimeout: "down",
    fix: () => "Make the server serve the names providers.yaml lists, or list the served names.",
  });
}
