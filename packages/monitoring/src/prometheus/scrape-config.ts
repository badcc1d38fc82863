import { JOBS } from "../metrics.js";
import { type MonitoringInput, type ScrapeTarget, scrapeTargets } from "../targets.js";
import { generatedHeader, toYaml } from "./yaml.js";

/** Options of {@link prometheusScrapeConfig}. */
export interface ScrapeConfigOptions {
  /** Rule files Prometheus loads, relative to the scrape config's directory. Default: none. */
  readonly ruleFiles?: readonly string[];
  /** `global.scrape_interval`. Default `15s`. */
  readonly scrapeInterval?: string;
  /** `global.evaluation_interval`. Default `15s`. */
  readonly evaluationInterval?: string;
}

const JOB_ORDER = [JOBS.gateway, JOBS.server, JOBS.redis, JOBS.vllm] as const;

/**
 * A Prometheus configuration (`prometheus.yml`) scraping every target of {@link scrapeTargets}:
 * one job per kind (`litellm`, `switchyard`, `redis`, `vllm`), one static config per target with its
 * labels. Jobs without targets are left out. The same input always gives the same text.
 */
export function prometheusScrapeConfig(input: MonitoringInput, options: ScrapeConfigOptions = {}): string {
  return `${generatedHeader(SCRAPE_CONFIG_WHAT)}${scrapeConfigBody(input, options)}`;
}

/** What to change instead of editing the scrape config (its header says so). */
export const SCRAPE_CONFIG_WHAT = "change ports.yaml or providers.yaml and generate again.";

/** The scrape config without its header comment. */
export function scrapeConfigBody(input: MonitoringInput, options: ScrapeConfigOptions = {}): string {
  const targets = scrapeTargets(input);
  const jobs = JOB_ORDER.flatMap((job) => {
    const mine = targets.filter((t) => t.job === job);
    if (mine.length === 0) return [];
    return [
      {
        job_name: job,
        metrics_path: (mine[0] as ScrapeTarget).metricsPath,
        static_configs: mine.map((t) => ({ targets: [t.address], labels: { ...t.labels } })),
      },
    ];
  });
  const config: Record<string, unknown> = {
    global: {
      scrape_interval: options.scrapeInterval ?? "15s",
      evaluation_interval: options.evaluationInterval ?? "15s",
    },
  };
  if (options.ruleFiles && options.ruleFiles.length > 0) config.rule_files = [...options.ruleFiles];
  config.scrape_configs = jobs;
  return toYaml(config);
}
