export type { HttpResponse } from "./http/http-get.js";
export { describeNetworkError, httpGet, isTimeout } from "./http/http-get.js";
export type { Attempt, PollResult } from "./http/poll.js";
export { poll } from "./http/poll.js";
export type { ExpectedModels, ModelComparison } from "./models.js";
export { compareServedModels, listNames } from "./models.js";
export type { HealthPlan, PlanInput } from "./plan.js";
export { DEFAULT_GATEWAY_URL, envSecret, planHealthProbes } from "./plan.js";
export { probeOnce } from "./probes/index.js";
export { LLAMA_CPP_PYTHON_TIMEOUT_MS } from "./probes/llamacpp-python.js";
export { ollamaModelKey } from "./probes/ollama.js";
export { excerpt } from "./probes/request.js";
export type {
  EnvSecret,
  HealthResult,
  HealthStatus,
  HttpTarget,
  ProbeContext,
  ProbeKind,
  ProbeOutcome,
  ProbeStep,
  ProbeTarget,
  RedisTarget,
} from "./probes/types.js";
export type { RespReply } from "./resp/resp.js";
export { encodeCommand, parseReply, redisCommands } from "./resp/resp.js";
export type { RunHealthOptions } from "./run.js";
export { describeTarget, runHealthProbes } from "./run.js";
