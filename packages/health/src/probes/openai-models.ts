import { down, modelsOutcome } from "./outcome.js";
import { bearer, excerpt, type Fetched, getStep, joinUrl, openAiModelIds } from "./request.js";
import type { HttpTarget, ProbeContext, ProbeOutcome, ProbeStep } from "./types.js";

/** Options of {@link probeOpenAiModels}. */
export interface OpenAiModelsOptions {
  /** The server's name for messages: `vLLM`, `llama-server`, `llama-cpp-python`. */
  readonly server: string;
  readonly timeoutMs?: number;
  /** What a timeout means: `down` for most servers; `busy` for llama-cpp-python (its model lock). */
  readonly onTimeout: "down" | "busy";
  readonly fix: (missing: readonly string[], served: readonly string[]) => string;
  readonly version?: string;
}

/** What to say about a non-200 answer of `/v1/models`. */
export function refusedAnswer(
  steps: readonly ProbeStep[],
  fetched: Extract<Fetched, { ok: true }>,
  target: HttpTarget,
  server: string,
): ProbeOutcome {
  if (fetched.status === 401 || fetched.status === 403) {
    return {
      status: "unauthorized",
      reason:
        target.apiKey?.value === undefined
          ? `${server} wants an API key (HTTP ${fetched.status})${target.apiKey ? ` and ${target.apiKey.env} is not set` : ""}`
          : `${server} refused the key in ${target.apiKey.env} (HTTP ${fetched.status})`,
      hint: target.apiKey
        ? `Export ${target.apiKey.env} with the key the server was started with.`
        : "Give the provider `api_key: os.environ/NAME` with the server's key, and export NAME.",
      retryable: false,
      steps,
    };
  }
  return down(steps, `GET /models answered ${fetched.status} ${excerpt(fetched.body)}`.trim());
}

/** `GET <base_url>/models` of an OpenAI-compatible server, compared with the configured names. */
export async function probeOpenAiModels(
  steps: ProbeStep[],
  target: HttpTarget,
  context: ProbeContext,
  options: OpenAiModelsOptions,
): Promise<ProbeOutcome> {
  const headers = bearer(target.apiKey);
  const fetched = await getStep(steps, joinUrl(target.url, "/models"), context, {
    ...(headers ? { headers } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (!fetched.ok) {
    if (fetched.timeout && options.onTimeout === "busy") {
      return {
        status: "busy",
        reason: `${fetched.reason} on /models: busy (a generation holds the model lock), not down`,
        hint: "Probe again after the running request; a server that never answers is stuck, not busy.",
        retryable: true,
        steps,
      };
    }
    return down(steps, `${fetched.reason}: ${options.server} is not answering`);
  }
  if (fetched.status !== 200) return refusedAnswer(steps, fetched, target, options.server);
  const ids = openAiModelIds(fetched.json);
  if (!ids) return down(steps, `GET /models did not answer an OpenAI model list: is this ${options.server}?`);
  return modelsOutcome(steps, ids, target.expectedModels, {
    unexpectedIsProblem: true,
    fix: options.fix,
    ...(options.version ? { version: options.version } : {}),
  });
}
