import { connectHost, formatHostPort } from "@switchyard/config-schema";
import { type DashboardName, grafanaDashboards } from "./grafana/dashboards.js";
import {
  DEFAULT_PROMETHEUS_URL,
  grafanaDashboardProvisioning,
  grafanaDatasourceProvisioning,
} from "./grafana/provisioning.js";
import { prometheusAlertRules } from "./prometheus/alert-rules.js";
import { prometheusScrapeConfig } from "./prometheus/scrape-config.js";
import type { MonitoringInput } from "./targets.js";
import { type AlertThresholds, resolveThresholds } from "./thresholds.js";

/** One generated file, its path relative to the output directory. */
export interface MonitoringFile {
  readonly path: string;
  readonly content: string;
}

/** Options of {@link generateMonitoring}. */
export interface MonitoringOptions {
  /** Alert thresholds overriding the defaults (dashboards colour their stats by them too). */
  readonly thresholds?: Partial<AlertThresholds>;
  /** The Grafana dashboards to emit. Default: all of `DASHBOARD_NAMES`. */
  readonly dashboards?: readonly DashboardName[];
  /**
   * The Prometheus Grafana's datasource points at. Default: the `prometheus` service of ports.yaml,
   * else `http://127.0.0.1:9090`.
   */
  readonly prometheusUrl?: string;
  /** Where Grafana reads the dashboard JSON (the dashboard provisioning file's path). */
  readonly dashboardsPath?: string;
  /** Prometheus's `scrape_interval` and `evaluation_interval`. Default `15s`. */
  readonly scrapeInterval?: string;
}

/** The rule file's name; `prometheus.yml` loads it from beside itself. */
const RULES_FILE = "switchyard-alerts.rules.yml";

/** The URL of the `prometheus` service of ports.yaml, if it registers one. */
function prometheusUrlOf(input: MonitoringInput): string | undefined {
  const service = input.ports?.services?.prometheus;
  if (service === undefined) return undefined;
  return `http://${formatHostPort(connectHost(service.host ?? "127.0.0.1"), service.port)}`;
}

/** A dashboard as a file: two-space JSON with a final newline (the same input gives the same bytes). */
function json(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * Every monitoring file for a config set, in a stable order: `prometheus/prometheus.yml` (the scrape
 * config, loading the rules), `prometheus/switchyard-alerts.rules.yml`, the Grafana dashboards
 * (`grafana/dashboards/switchyard-<name>.json`) and Grafana's provisioning files for them and for
 * the Prometheus datasource. Pure: the caller writes them (through config-schema's safe-write layer).
 * Throws a `RangeError` for a threshold out of range.
 */
export function generateMonitoring(
  input: MonitoringInput,
  options: MonitoringOptions = {},
): MonitoringFile[] {
  const thresholds = resolveThresholds(options.thresholds);
  const interval = options.scrapeInterval;
  const dashboards = grafanaDashboards(input, {
    thresholds,
    ...(options.dashboards ? { dashboards: options.dashboards } : {}),
  });
  const provisioning = {
    prometheusUrl: options.prometheusUrl ?? prometheusUrlOf(input) ?? DEFAULT_PROMETHEUS_URL,
    ...(options.dashboardsPath !== undefined ? { dashboardsPath: options.dashboardsPath } : {}),
  };
  return [
    {
      path: "prometheus/prometheus.yml",
      content: prometheusScrapeConfig(input, {
        ruleFiles: [RULES_FILE],
        ...(interval !== undefined ? { scrapeInterval: interval, evaluationInterval: interval } : {}),
      }),
    },
    { path: `prometheus/${RULES_FILE}`, content: prometheusAlertRules(thresholds) },
    ...dashboards.map(({ name, dashboard }) => ({
      path: `grafana/dashboards/switchyard-${name}.json`,
      content: json(dashboard),
    })),
    ...(dashboards.length === 0
      ? []
      : [
          {
            path: "grafana/provisioning/dashboards/switchyard.yaml",
            content: grafanaDashboardProvisioning(provisioning),
          },
        ]),
    {
      path: "grafana/provisioning/datasources/switchyard-prometheus.yaml",
      content: grafanaDatasourceProvisioning(provisioning),
    },
  ];
}
