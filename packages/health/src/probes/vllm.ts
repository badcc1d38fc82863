import { probeOpenAiModels } from "./openai-models.js";
import { down } from "./outcome.js";
import { excerpt, getStep, joinUrl, originOf } from "./request.js";
import type { HttpTarget, ProbeContext, ProbeOutcome, ProbeStep } from "./types.js";

/**
 * vLLM: `GET /health` (200, empty body), then `GET <base_url>/models`, whose ids must be the
 * configured names (vLLM serves `--served-model-name`, else the Hugging Face id). The HTTP server
 * starts only after the weights load, so "connection refused" means booting or stopped.
 */
export async function probeVllm(target: HttpTarget, context: ProbeContext): Promise<ProbeOutcome> {
  const steps: ProbeStep[] = [];
  const health = await getStep(steps, joinUrl(originOf(target.url), "/health"), context);
  if (!health.ok)
    return down(
      steps,
      health.refused
        ? "connection refused: vLLM opens its port only after loading the weights, so it is booting or stopped"
        : `${health.reason}: vLLM is not answering`,
      health.refused ? "Wait for the weights to load, or check the vLLM process and its logs." : undefined,
    );
  if (health.status !== 200)
    return down(
      steps,
      `GET /health answered ${health.status} ${excerpt(health.body)}`.trim(),
      "vLLM's engine is unhealthy: see its logs (often out of GPU memory).",
    );
  return probeOpenAiModels(steps, target, context, {
    server: "vLLM",
    onTimeout: "down",
    fix: (missing, served) =>
      `Start vLLM with --served-model-name ${missing.join(" ")}${served.length > 0 ? ` (it serves ${served.join(", ")})` : ""}, or list the served name in providers.yaml.`,
  });
}
