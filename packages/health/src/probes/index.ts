import { probeHealthUrl } from "./http-url.js";
import { probeLiteLLM } from "./litellm.js";
import { probeLlamaCpp } from "./llamacpp.js";
import { probeLlamaCppPython, probeOpenAiCompatible } from "./llamacpp-python.js";
import { probeOllama } from "./ollama.js";
import { probeRedis } from "./redis.js";
import type { ProbeContext, ProbeOutcome, ProbeTarget } from "./types.js";
import { probeVllm } from "./vllm.js";

/** Probe one target once, speaking its server's API. Never throws. */
export async function probeOnce(target: ProbeTarget, context: ProbeContext): Promise<ProbeOutcome> {
  try {
    switch (target.kind) {
      case "redis":
        return await probeRedis(target, context);
      case "ollama":
        return await probeOllama(target, context);
      case "vllm":
        return await probeVllm(target, context);
      case "llamacpp":
        return await probeLlamaCpp(target, context);
      case "llamacpp-python":
        return await probeLlamaCppPython(target, context);
      case "openai-compatible":
        return await probeOpenAiCompatible(target, context);
      case "litellm":
        return await probeLiteLLM(target, context);
      case "http":
        return await probeHealthUrl(target, context);
    }
  } catch (error) {
    return {
      status: "down",
      reason: `the probe failed: ${error instanceof Error ? error.message : String(error)}`,
      retryable: false,
      steps: [],
    };
  }
}
