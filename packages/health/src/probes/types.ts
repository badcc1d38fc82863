import type { ExpectedModels, ModelComparison } from "../models.js";

/** Which API a probe speaks. */
export type ProbeKind =
  | "ollama"
  | "vllm"
  | "llamacpp"
  | "llamacpp-python"
  | "openai-compatible"
  | "litellm"
  | "redis"
  | "http";

/**
 * What a probe found:
 * - `healthy`: up, and serving what the config promises;
 * - `degraded`: up, but not as promised (a model missing, another name served, alive but not ready);
 * - `loading`: starting, by its own account (llama.cpp's 503 "Loading model", Redis LOADING);
 * - `busy`: too busy to answer in time, which for llama-cpp-python means generating, not down;
 * - `unauthorized`: it refused the credentials (or has none to check with);
 * - `down`: not answering (connection refused, timeouts, server errors);
 * - `skipped`: not probed (nothing to probe with).
 */
export type HealthStatus = "healthy" | "degraded" | "loading" | "busy" | "unauthorized" | "down" | "skipped";

/** A secret from the environment: the variable's name (shown) and its value (never shown). */
export interface EnvSecret {
  readonly env: string;
  readonly value?: string;
}

interface TargetBase {
  /** A name for people: the provider ids or the service id. */
  readonly id: string;
  /** Providers of providers.yaml this target serves. */
  readonly providers?: readonly string[];
  /** Services of ports.yaml this target is. */
  readonly services?: readonly string[];
}

/** A server spoken to over HTTP. */
export interface HttpTarget extends TargetBase {
  readonly kind: Exclude<ProbeKind, "redis">;
  /** Its base URL: the provider's base_url (with `/v1` for OpenAI-style servers), the gateway's origin, a health URL. */
  readonly url: string;
  readonly expectedModels?: ExpectedModels;
  /** A bearer key it needs (llama-cpp-python / vLLM started with --api-key; the gateway's master key). */
  readonly apiKey?: EnvSecret;
}

/** A Redis spoken to over RESP. */
export interface RedisTarget extends TargetBase {
  readonly kind: "redis";
  readonly host: string;
  readonly port: number;
  readonly password?: EnvSecret;
  readonly username?: string;
}

/** Something to probe. */
export type ProbeTarget = HttpTarget | RedisTarget;

/** One request of a probe. */
export interface ProbeStep {
  /** `GET /api/tags`, `PING`, ... */
  readonly name: string;
  /** What came back: `200`, `503`, `+PONG`, `connection refused`, ... */
  readonly outcome: string;
  readonly latencyMs: number;
}

/** What one attempt of a probe concluded. */
export interface ProbeOutcome {
  readonly status: HealthStatus;
  /** One line: what was seen. */
  readonly reason: string;
  /** What to do about it, when something is wrong. */
  readonly hint?: string;
  /** Whether trying again could change the answer (refused, timed out, a 5xx). */
  readonly retryable: boolean;
  readonly version?: string;
  readonly models?: ModelComparison;
  readonly steps: readonly ProbeStep[];
  /** Things worth saying that are not failures (wildcard routes left out of a comparison, ...). */
  readonly notes?: readonly string[];
  /** What could not be checked, and why (the gateway's models without a master key): up, but not fully verified. */
  readonly unchecked?: string;
}

/** A probe's final answer. */
export interface HealthResult extends Omit<ProbeOutcome, "retryable"> {
  readonly id: string;
  readonly kind: ProbeKind;
  /** Where it was probed: a URL or `host:port`. */
  readonly target: string;
  readonly providers: readonly string[];
  readonly services: readonly string[];
  /** Wall time of the last attempt, in ms. */
  readonly latencyMs: number;
  /** Wall time of every attempt and the pauses between them, in ms. */
  readonly totalMs: number;
  readonly attempts: number;
}

/** How a probe may reach its server. */
export interface ProbeContext {
  /** Timeout of one request, in ms. */
  readonly timeoutMs: number;
  readonly now: () => number;
}
