import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { litellmPatternMatches } from "@switchyard/config-schema/litellm";
import { plural } from "@switchyard/config-schema/text";
import {
  type Attempt,
  compareServedModels,
  describeNetworkError,
  type ExpectedModels,
  excerpt,
  httpGet,
  listNames,
  type PollResult,
  poll,
} from "@switchyard/health";
import type { GeneratorCode } from "../catalogue.js";
import { generatorDiagnostic } from "../catalogue.js";
import { isPlainRecord } from "../internal/records.js";

/** How a gate probes the gateway. */
export interface GateOptions {
  /** The gateway's base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly requestTimeoutMs: number;
  readonly now: () => number;
}

/** The outcome of a step. */
export interface StepOutcome {
  readonly status: "ok" | "failed" | "skipped";
  readonly detail: string;
  readonly diagnostics?: readonly Diagnostic[];
}

/**
 * The model names a `model_list` serves, as the gateway's `/v1/models` must list them: concrete
 * `model_name`s are compared; wildcard routes are not, and served ids they match (by LiteLLM's own
 * wildcard rule) are not "unexpected". The health probes and the reload's model gate both use it.
 */
export function expectedServedModels(modelList: readonly unknown[]): ExpectedModels {
  const names = new Set<string>();
  const wildcards: string[] = [];
  for (const entry of modelList) {
    if (!isPlainRecord(entry) || typeof entry.model_name !== "string") continue;
    if (entry.model_name.includes("*")) wildcards.push(entry.model_name);
    else names.add(entry.model_name);
  }
  return {
    names,
    covers: (id) => wildcards.some((pattern) => litellmPatternMatches(pattern, id)),
    wildcards: wildcards.length,
  };
}

async function getOnce(
  url: string,
  remainingMs: number,
  options: GateOptions,
  headers?: Record<string, string>,
) {
  return httpGet(url, {
    timeoutMs: Math.max(50, Math.min(options.requestTimeoutMs, remainingMs)),
    ...(headers ? { headers } : {}),
  });
}

function gateFailure(
  code: GeneratorCode,
  what: string,
  url: string,
  result: Extract<PollResult<unknown>, { ok: false }>,
  options: GateOptions,
  hint: string,
): StepOutcome {
  const message = result.timedOut
    ? `${what}: no success from GET ${url} within ${options.timeoutMs} ms (${plural(result.attempts, "probe")}; last: ${result.reason})`
    : `${what}: ${result.reason}`;
  return { status: "failed", detail: message, diagnostics: [{ code, severity: "error", message, hint }] };
}

/** `GET /health/liveliness` until it answers 200 (LiteLLM: "I'm alive!"). */
export async function waitLive(options: GateOptions): Promise<StepOutcome> {
  const url = `${options.baseUrl}/health/liveliness`;
  const result = await poll(
    async (remaining): Promise<Attempt<string>> => {
      try {
        const response = await getOnce(url, remaining, options);
        if (response.status === 200) return { done: true, value: excerpt(response.body) };
        return { done: false, reason: `HTTP ${response.status} ${excerpt(response.body)}`.trim() };
      } catch (error) {
        return { done: false, reason: describeNetworkError(error) };
      }
    },
    { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs, now: options.now },
  );
  if (result.ok)
    return {
      status: "ok",
      detail: `200 ${result.value} (${plural(result.attempts, "probe")})`,
    };
  return gateFailure(
    "SY4302",
    "The gateway is not alive",
    url,
    result,
    options,
    "Check that the restart command really starts LiteLLM (its logs show why it exits: an unreadable config, a missing variable, a taken port) and that --gateway-url points at it.",
  );
}

/** `GET /health/readiness` until it answers 200 (LiteLLM: `{status, db, cache, litellm_version}`). */
export async function waitReady(options: GateOptions): Promise<StepOutcome> {
  const url = `${options.baseUrl}/health/readiness`;
  const result = await poll(
    async (remaining): Promise<Attempt<string>> => {
      try {
        const response = await getOnce(url, remaining, options);
        if (response.status !== 200)
          return { done: false, reason: `HTTP ${response.status} ${excerpt(response.body)}`.trim() };
        let info: unknown;
        try {
          info = JSON.parse(response.body);
        } catch {
          return { done: true, value: excerpt(response.body) };
        }
        if (!isPlainRecord(info)) return { done: true, value: excerpt(response.body) };
        const parts = ["status", "db", "cache", "litellm_version"]
          .filter((key) => info[key] !== undefined && info[key] !== null)
          .map((key) => `${key} ${String(info[key])}`);
        return { done: true, value: parts.join(", ") };
      } catch (error) {
        return { done: false, reason: describeNetworkError(error) };
      }
    },
    { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs, now: options.now },
  );
  if (result.ok) return { status: "ok", detail: `200 ${result.value}` };
  return gateFailure(
    "SY4303",
    "The gateway is not ready",
    url,
    result,
    options,
    "Readiness fails while LiteLLM cannot reach its database or cache: check database_url, the Redis service and the proxy's logs.",
  );
}

/**
 * `GET /v1/models` with the master key until the served ids equal the generated concrete model
 * names. Wildcard routes are not compared: their `model_name` may or may not be listed, and ids
 * they match (LiteLLM may list a wildcard's known models) are not unexpected. A 401/403 stops at
 * once (SY4305): waiting does not fix a wrong key.
 */
export async function waitModels(
  options: GateOptions,
  expected: ExpectedModels,
  masterKey: { readonly env: string; readonly value: string } | undefined,
): Promise<StepOutcome> {
  const url = `${options.baseUrl}/v1/models`;
  let lastComparison: { missing: readonly string[]; unexpected: readonly string[] } | undefined;
  const result = await poll(
    async (remaining): Promise<Attempt<number>> => {
      try {
        const response = await getOnce(
          url,
          remaining,
          options,
          masterKey === undefined ? {} : { authorization: `Bearer ${masterKey.value}` },
        );
        if (response.status === 401 || response.status === 403)
          return {
            done: false,
            fatal: true,
            reason:
              masterKey === undefined
                ? `HTTP ${response.status}: the gateway asks for a key, but the config sets no master_key`
                : `HTTP ${response.status}: the gateway refused the key in ${masterKey.env}`,
          };
        if (response.status !== 200)
          return { done: false, reason: `HTTP ${response.status} ${excerpt(response.body)}`.trim() };
        const body: unknown = JSON.parse(response.body);
        const data = isPlainRecord(body) && Array.isArray(body.data) ? body.data : undefined;
        if (!data) return { done: false, reason: "the answer has no data list" };
        const served = data.flatMap((item: unknown) =>
          isPlainRecord(item) && typeof item.id === "string" ? [item.id] : [],
        );
        lastComparison = compareServedModels(served, expected);
        if (lastComparison.missing.length === 0 && lastComparison.unexpected.length === 0)
          return { done: true, value: served.length };
        const parts = [
          lastComparison.missing.length > 0 ? `missing ${listNames(lastComparison.missing)}` : "",
          lastComparison.unexpected.length > 0 ? `unexpected ${listNames(lastComparison.unexpected)}` : "",
        ].filter((p) => p !== "");
        return { done: false, reason: `served models differ: ${parts.join("; ")}` };
      } catch (error) {
        return {
          done: false,
          reason: error instanceof SyntaxError ? "the answer is not JSON" : describeNetworkError(error),
        };
      }
    },
    { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs, now: options.now },
  );
  if (result.ok) {
    const wildcards = expected.wildcards ?? 0;
    const wild = wildcards > 0 ? ` (+${plural(wildcards, "wildcard route")} not compared)` : "";
    return { status: "ok", detail: `${expected.names.size} model names served as generated${wild}` };
  }
  if (!result.timedOut) {
    const message = `/v1/models: ${result.reason}`;
    return {
      status: "failed",
      detail: message,
      diagnostics: [
        generatorDiagnostic("SY4305", {
          message,
          hint:
            masterKey === undefined
              ? "Set `gateway.master_key` in model-mappings.yaml to the variable the proxy's key is in, or pass --master-key-env."
              : `Export ${masterKey.env} with the key the proxy runs with (general_settings.master_key reads it too), or pass --master-key-env.`,
        }),
      ],
    };
  }
  return gateFailure(
    "SY4304",
    "The gateway does not serve the generated models",
    url,
    result,
    options,
    "LiteLLM skips deployments it cannot load (see its logs), and `store_model_in_db: true` adds models from the database; make the served set match the generated file.",
  );
}
