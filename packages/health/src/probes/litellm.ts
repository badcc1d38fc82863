import { plural } from "@switchyard/config-schema/text";
import { listNames } from "../models.js";
import { refusedAnswer } from "./openai-models.js";
import { down, modelsOutcome } from "./outcome.js";
import { bearer, excerpt, getStep, joinUrl, openAiModelIds, originOf, record } from "./request.js";
import type { HttpTarget, ProbeContext, ProbeOutcome, ProbeStep } from "./types.js";

/**
 * The LiteLLM gateway: `GET /health/liveliness` (200 "I'm alive!") and `GET /health/readiness`
 * (200 `{status, db, cache, litellm_version}`), which need no key, then `GET /v1/models` with the
 * master key, whose ids must be the generated `model_name`s. `GET /health` is never called: it
 * makes real model calls.
 */
export async function probeLiteLLM(target: HttpTarget, context: ProbeContext): Promise<ProbeOutcome> {
  const steps: ProbeStep[] = [];
  const origin = originOf(target.url);
  const live = await getStep(steps, joinUrl(origin, "/health/liveliness"), context);
  if (!live.ok)
    return down(
      steps,
      `${live.reason}: the gateway is not answering`,
      live.refused
        ? "Start LiteLLM (`systemctl start litellm`, or `litellm --config litellm-unified.yaml`)."
        : undefined,
    );
  if (live.status !== 200)
    return down(steps, `GET /health/liveliness answered ${live.status} ${excerpt(live.body)}`.trim());
  const ready = await getStep(steps, joinUrl(origin, "/health/readiness"), context);
  if (!ready.ok) return down(steps, `GET /health/readiness: ${ready.reason}`);
  const readiness = record(ready.json);
  const version = typeof readiness?.litellm_version === "string" ? readiness.litellm_version : undefined;
  if (ready.status !== 200) {
    return {
      status: "degraded",
      reason:
        `alive, but not ready: GET /health/readiness answered ${ready.status} ${excerpt(ready.body)}`.trim(),
      hint: "Readiness fails while LiteLLM cannot reach its database or cache: check database_url, the Redis service and the proxy's log.",
      retryable: true,
      steps,
    };
  }
  const versionField = version === undefined ? {} : { version };
  if (target.apiKey?.value === undefined) {
    const why = target.apiKey ? `${target.apiKey.env} is not set` : "no master key is configured";
    return {
      status: "healthy",
      reason: `alive and ready${readiness?.db !== undefined ? ` (db ${String(readiness.db)}, cache ${String(readiness.cache)})` : ""}; served models not compared: ${why}`,
      retryable: false,
      steps,
      ...versionField,
      unchecked: `served models not compared: ${why}`,
    };
  }
  const models = await getStep(steps, joinUrl(origin, "/v1/models"), context, {
    headers: bearer(target.apiKey)!,
  });
  if (!models.ok) return down(steps, `GET /v1/models: ${models.reason}`);
  if (models.status !== 200) {
    const refused = refusedAnswer(steps, models, target, "the gateway");
    return { ...refused, ...versionField };
  }
  const ids = openAiModelIds(models.json);
  if (!ids) return down(steps, "GET /v1/models did not answer a model list");
  const wildcards = target.expectedModels?.wildcards ?? 0;
  return modelsOutcome(steps, ids, target.expectedModels, {
    unexpectedIsProblem: true,
    ...versionField,
    ...(wildcards > 0 ? { notes: [`${plural(wildcards, "wildcard route")} not compared`] } : {}),
    fix: (missing) =>
      missing.length > 0
        ? `LiteLLM skipped ${listNames(missing)} (its log says why: a missing key, a bad api_base), or runs another file: regenerate and restart (switchyard reload).`
        : "The gateway serves models the generated file does not list: `store_model_in_db: true` adds models from its database; or it runs another file (switchyard reload).",
  });
}
