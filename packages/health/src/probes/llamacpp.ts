import { probeOpenAiModels } from "./openai-models.js";
import { down } from "./outcome.js";
import { excerpt, getStep, joinUrl, originOf, record } from "./request.js";
import type { HttpTarget, ProbeContext, ProbeOutcome, ProbeStep } from "./types.js";

/**
 * llama.cpp's `llama-server`: `GET /health` answers 200 `{"status":"ok"}` when ready and 503
 * `{"error":{"code":503,"message":"Loading model"}}` while it loads (a state of its own, not
 * down); then `GET <base_url>/models`, one model whose id is the `--alias` (else the file path).
 */
export async function probeLlamaCpp(target: HttpTarget, context: ProbeContext): Promise<ProbeOutcome> {
  const steps: ProbeStep[] = [];
  const health = await getStep(steps, joinUrl(originOf(target.url), "/health"), context);
  if (!health.ok)
    return down(
      steps,
      `${health.reason}: llama-server is not answering`,
      health.refused ? "Start llama-server (with --host and --port matching base_url)." : undefined,
    );
  const message = record(record(health.json)?.error)?.message;
  if (health.status === 503 && typeof message === "string" && /loading model/i.test(message)) {
    return {
      status: "loading",
      reason: "up, loading its model (503 Loading model)",
      hint: "Wait: llama-server answers 200 once the model is in memory.",
      retryable: false,
      steps,
    };
  }
  if (health.status !== 200)
    return down(
      steps,
      `GET /health answered ${health.status} ${excerpt(health.body)}`.trim(),
      "See llama-server's log: the model may have failed to load.",
    );
  return probeOpenAiModels(steps, target, context, {
    server: "llama-server",
    onTimeout: "down",
    fix: (missing, served) => {
      const path = served.find((id) => id.includes("/") || id.endsWith(".gguf"));
      return `Start llama-server with --alias ${missing[0] ?? "<name>"}${path ? ` (without one it serves the file path ${path})` : ""}, or list the served name in providers.yaml.`;
    },
  });
}
