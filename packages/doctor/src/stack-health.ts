import type { ConfigSet } from "@switchyard/config-schema/load";
import type { LiteLLMConfig } from "@switchyard/config-schema/schemas";
import {
  type EnvSecret,
  envSecret,
  type HealthPlan,
  type HealthResult,
  type PlanInput,
  type ProbeTarget,
  planHealthProbes,
  runHealthProbes,
} from "@switchyard/health";
import {
  DEFAULT_MASTER_KEY_ENV,
  expectedServedModels,
  type GenerateOptions,
  type GenerationSuccess,
  generateLiteLLMConfig,
} from "@switchyard/litellm-generator";

/** Options of {@link stackHealth}. */
export interface StackHealthOptions {
  /** Where `os.environ/NAME` references are resolved (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Timeout of each request, in ms (default 2,000). */
  readonly timeoutMs?: number;
  /** Retries of what may change (default 2). */
  readonly retries?: number;
  /** Pause before the first retry, in ms (default 100). */
  readonly backoffMs?: number;
  /** Probes in flight at once (default 4). */
  readonly concurrency?: number;
  /** A generation made already (doctor's drift check), instead of generating again. */
  readonly generation?: GenerationSuccess;
  /** How generation is configured (the master key variable, ...), when the generated file is absent. */
  readonly generate?: Omit<GenerateOptions, "outputFile" | "passthrough">;
  readonly onStart?: (target: ProbeTarget) => void;
  readonly onResult?: (result: HealthResult) => void;
}

/** The probes of a stack and what they found. */
export interface StackHealth {
  readonly plan: HealthPlan;
  readonly results: readonly HealthResult[];
  /** Where the gateway's expectations came from: the generated file, or a fresh generation. */
  readonly gatewaySource: "generated file" | "fresh generation" | "none";
}

function portOf(value: unknown): number | undefined {
  const port = typeof value === "string" ? Number(value) : value;
  return typeof port === "number" && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/**
 * The gateway and Redis as LiteLLM will see them, from the LiteLLM config it runs: the model names
 * it must serve (wildcard routes matched by LiteLLM's own rules), the master key, the cache's Redis
 * (and the router's) with their passwords. LiteLLM falls back to REDIS_PASSWORD for the cache.
 */
export function gatewayExpectations(
  config: LiteLLMConfig,
  env: Readonly<Record<string, string | undefined>>,
  masterKeyEnv = DEFAULT_MASTER_KEY_ENV,
): Pick<PlanInput, "gateway" | "redis"> {
  const masterKey =
    envSecret(config.general_settings?.master_key, env, "general_settings.master_key") ??
    (env[masterKeyEnv] ? { env: masterKeyEnv, value: env[masterKeyEnv]! } : undefined);
  const redis: { host: string; port: number; password?: EnvSecret }[] = [];
  const fallbackPassword = env.REDIS_PASSWORD
    ? { env: "REDIS_PASSWORD", value: env.REDIS_PASSWORD }
    : undefined;
  const cache = config.litellm_settings?.cache_params;
  const cachePort = portOf(cache?.port ?? 6379);
  if (
    config.litellm_settings?.cache === true &&
    (cache?.type ?? "redis") === "redis" &&
    cachePort !== undefined
  ) {
    const password = envSecret(cache?.password, env, "cache_params.password") ?? fallbackPassword;
    redis.push({ host: cache?.host ?? "127.0.0.1", port: cachePort, ...(password ? { password } : {}) });
  }
  const router = config.router_settings;
  const routerPort = portOf(router?.redis_port ?? 6379);
  if (router?.redis_host !== undefined && routerPort !== undefined) {
    const same = redis.some((r) => r.host === router.redis_host && r.port === routerPort);
    const password = envSecret(router.redis_password, env, "router_settings.redis_password");
    if (!same) redis.push({ host: router.redis_host, port: routerPort, ...(password ? { password } : {}) });
  }
  return {
    gateway: {
      expectedModels: expectedServedModels(config.model_list ?? []),
      ...(masterKey ? { masterKey } : {}),
    },
    redis,
  };
}

/**
 * Probe every backend of a config set (providers.yaml's self-hosted providers, the gateway of
 * ports.yaml, Redis, other services' health URLs) concurrently. The gateway must serve the model
 * names of the generated file (`litellm-unified.yaml`, or a fresh generation when there is none),
 * with its master key; Redis is probed as the generated cache settings connect to it.
 */
export async function stackHealth(set: ConfigSet, options: StackHealthOptions = {}): Promise<StackHealth> {
  const env = options.env ?? process.env;
  let config: LiteLLMConfig | undefined = set.files.litellm?.value;
  let gatewaySource: StackHealth["gatewaySource"] = config ? "generated file" : "none";
  if (!config) {
    const generation = options.generation ?? generateLiteLLMConfig(set, options.generate ?? {});
    if (generation.ok) {
      config = generation.config;
      gatewaySource = "fresh generation";
    }
  }
  const plan = planHealthProbes({
    ...(set.files.providers?.value ? { providers: set.files.providers.value } : {}),
    ...(set.files.ports?.value ? { ports: set.files.ports.value } : {}),
    ...(config ? gatewayExpectations(config, env, options.generate?.masterKeyEnv) : {}),
    env,
  });
  const results = await runHealthProbes(plan.targets, {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.onStart ? { onStart: options.onStart } : {}),
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });
  return { plan, results, gatewaySource };
}
