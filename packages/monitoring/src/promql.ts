import { deploymentIdPrefix } from "@switchyard/litellm-generator";
import type { MetricName } from "./metrics.js";

/** `value` as a PromQL double-quoted string literal (Go escapes; JSON's are a subset). */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** `text` as an RE2 regular expression matching it literally. */
function literalRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * How LiteLLM labels one provider's deployment series when it hashes their ids itself
 * (`gateway.deployment_ids: litellm`): litellm-generator's `deploymentMetricLabels`.
 */
export interface ProviderSeriesLabels {
  /** `api_base`: the provider's `base_url` as written, when it has one. */
  readonly apiBase?: string;
  /** `api_provider`: LiteLLM's provider names for the provider's models. */
  readonly apiProviders: readonly string[];
}

/**
 * The label matcher selecting the series of one provider's deployments. With generated ids
 * (the default) LiteLLM labels them with `model_id`, the deployment's `model_info.id`, which
 * Switchyard generates as `<provider>--<model>`; a deployment given its own `id:` in
 * model-mappings.yaml keeps it, so `ownIds` (litellm-generator's `ownDeploymentIds`) are matched as
 * written too. When LiteLLM hashes the ids itself (`labels` given: `gateway.deployment_ids:
 * litellm`, what `switchyard import` writes) no id is known in advance, so the series are selected
 * by the deployment's `api_base` when the provider has a base URL, else by `api_provider` (two
 * cloud providers of one type without a base URL then share their series).
 */
export function providerMatcher(
  providerId: string,
  ownIds: readonly string[] = [],
  labels?: ProviderSeriesLabels,
): string {
  if (labels !== undefined) {
    if (labels.apiBase !== undefined) return `api_base=${promString(labels.apiBase)}`;
    return `api_provider=~${promString(labels.apiProviders.map(literalRegex).join("|"))}`;
  }
  const alternatives = [`${literalRegex(deploymentIdPrefix(providerId))}.+`, ...ownIds.map(literalRegex)];
  return `model_id=~${promString(alternatives.join("|"))}`;
}

/** Options of {@link sumRate}. */
export interface RateOptions {
  /** Labels to keep (`sum by (…)`). Default: none. */
  readonly by?: readonly string[];
  /** Extra label matchers, e.g. `job="litellm"`. */
  readonly matchers?: string;
  /** The range. Default `5m`. */
  readonly window?: string;
  /** An offset such as `1h`. */
  readonly offset?: string;
}

/**
 * `sum [by (labels)] (rate(<metric>[window]))`. A {@link MetricName} prefers its current name and
 * falls back to the older ones (`current or older`): LiteLLM still exports some deprecated metrics
 * beside their replacements, so summing both names would count every request twice.
 * A plain string is a ready selector (for example from {@link anyOf}).
 */
export function sumRate(metric: MetricName | string, options: RateOptions = {}): string {
  const grouping =
    options.by === undefined || options.by.length === 0 ? "" : ` by (${options.by.join(", ")})`;
  const window = options.window ?? "5m";
  const offset = options.offset === undefined ? "" : ` offset ${options.offset}`;
  const matchers = options.matchers ?? "";
  const one = (sel: string) => `sum${grouping} (rate(${sel}[${window}]${offset}))`;
  if (typeof metric === "string") return one(metric);
  const names = [metric.current, ...metric.older];
  const parts = names.map((name) => one(matchers === "" ? name : `${name}{${matchers}}`));
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(" or ")})`;
}

/** The `q` quantile of a histogram's buckets, over all series matching `matchers`. */
export function quantile(q: number, histogram: string, matchers = "", window = "5m"): string {
  const sel = matchers === "" ? `${histogram}_bucket` : `${histogram}_bucket{${matchers}}`;
  return `histogram_quantile(${q}, sum by (le) (rate(${sel}[${window}])))`;
}

/**
 * The summed rates of several metrics, e.g. a deployment's successes and failures:
 * `(A + B) or A or B`, so a metric without series (no failure yet) does not blank the sum. Never one
 * `rate({__name__=~"a|b"})`: rate drops the names, and two series differing only by name collide.
 */
export function addRates(metrics: readonly MetricName[], options: RateOptions = {}): string {
  const parts = metrics.map((m) => sumRate(m, options));
  if (parts.length === 1) return parts[0] as string;
  return `((${parts.join(" + ")}) or ${parts.join(" or ")})`;
}

/**
 * The label matchers selecting the series scraped from the vLLM server of one provider: job `vllm`
 * and the target's `provider` label, which lists every provider the server hosts, comma-separated
 * (`scrapeTargets`); PromQL regular expressions are anchored, so `(.*,)?id(,.*)?` matches one id.
 */
export function vllmProviderMatchers(providerId: string, job: string): string {
  return `job=${promString(job)},provider=~${promString(`(.*,)?${literalRegex(providerId)}(,.*)?`)}`;
}
