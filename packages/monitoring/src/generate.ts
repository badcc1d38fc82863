import { prometheusAlertRules } from "./prometheus/alert-rules.js";
import { prometheusScrapeConfig } from "./prometheus/scrape-config.js";
import type { MonitoringInput } from "./targets.js";
import type { AlertThresholds } from "./thresholds.js";

/** One generated file, its path relative to the output directory. */
export interface MonitoringFile {
  readonly path: string;
  readonly content: string;
}

/** Options of {@link generateMonitoring}. */
export interface MonitoringOptions {
  /** Alert thresholds overriding the defaults. */
  readonly thresholds?: Partial<AlertThresholds>;
}

/** The rule file's name; `prometheus.yml` loads it from beside itself. */
const RULES_FILE = "switchyard-alerts.rules.yml";

/**
 * Every monitoring file for a config set, in a stable order: `prometheus/prometheus.yml` (the scrape
 * config, loading the rules) and `prometheus/switchyard-alerts.rules.yml`. Pure: the caller writes
 * them (through config-schema's safe-write layer).
 */
export function generateMonitoring(
  input: MonitoringInput,
  options: MonitoringOptions = {},
): MonitoringFile[] {
  return [
    {
      path: "prometheus/prometheus.yml",
      content: prometheusScrapeConfig(input, { ruleFiles: [RULES_FILE] }),
    },
    { path: `prometheus/${RULES_FILE}`, content: prometheusAlertRules(options.thresholds) },
  ];
}
