import { connectHost, formatHostPort } from "@switchyard/config-schema/hosts";
import type { MonitoringSettings } from "@switchyard/config-schema/schemas";
import { type DashboardName, grafanaDashboards } from "./grafana/dashboards.js";
import {
  DASHBOARD_PROVISIONING_WHAT,
  DATASOURCE_WHAT,
  DEFAULT_PROMETHEUS_URL,
  dashboardProvisioningBody,
  datasourceBody,
} from "./grafana/provisioning.js";
import { monitoringSourcesHash, withJsonHeader, withYamlHeader } from "./header.js";
import { ALERT_RULES_WHAT, alertRulesBody } from "./prometheus/alert-rules.js";
import { SCRAPE_CONFIG_WHAT, scrapeConfigBody } from "./prometheus/scrape-config.js";
import type { MonitoringInput } from "./targets.js";
import { type AlertThresholds, resolveThresholds } from "./thresholds.js";

/** One generated file, its path relative to the output directory. */
export interface MonitoringFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Options of {@link generateMonitoring}. Each one given overrides what ports.yaml's `monitoring:`
 * section says, which overrides the defaults: a bare generate reproduces the config set's choices.
 */
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

/** ports.yaml's `monitoring:` section as options (thresholds by their TypeScript names). */
export function monitoringOptionsOf(settings: MonitoringSettings | undefined): MonitoringOptions {
  if (settings === undefined) return {};
  const t = settings.thresholds ?? {};
  const thresholds: Partial<Record<keyof AlertThresholds, number>> = {
    ...(t.error_rate !== undefined ? { errorRate: t.error_rate } : {}),
    ...(t.latency_p95_seconds !== undefined ? { latencyP95Seconds: t.latency_p95_seconds } : {}),
    ...(t.cache_collapse_factor !== undefined ? { cacheCollapseFactor: t.cache_collapse_factor } : {}),
    ...(t.cache_baseline_hit_rate !== undefined ? { cacheBaselineHitRate: t.cache_baseline_hit_rate } : {}),
    ...(t.audit_min_score !== undefined ? { auditMinScore: t.audit_min_score } : {}),
  };
  return {
    thresholds,
    ...(settings.dashboards !== undefined ? { dashboards: settings.dashboards } : {}),
    ...(settings.prometheus_url !== undefined ? { prometheusUrl: settings.prometheus_url } : {}),
    ...(settings.scrape_interval !== undefined ? { scrapeInterval: settings.scrape_interval } : {}),
  };
}

/**
 * Every monitoring file for a config set, in a stable order: `prometheus/prometheus.yml` (the scrape
 * config, loading the rules), `prometheus/switchyard-alerts.rules.yml`, the Grafana dashboards
 * (`grafana/dashboards/switchyard-<name>.json`) and Grafana's provisioning files for them and for
 * the Prometheus datasource. ports.yaml's `monitoring:` section chooses thresholds, dashboards,
 * the Prometheus URL and the scrape interval; `given` overrides it. Pure: the caller writes them (through config-schema's safe-write layer).
 * Throws a `RangeError` for a threshold out of range.
 */
export function generateMonitoring(input: MonitoringInput, given: MonitoringOptions = {}): MonitoringFile[] {
  const configured = monitoringOptionsOf(input.ports?.monitoring);
  const options: MonitoringOptions = {
    ...configured,
    ...given,
    thresholds: { ...configured.thresholds, ...given.thresholds },
  };
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
  const sources = monitoringSourcesHash(input);
  const yaml = (what: string, body: string) => withYamlHeader(what, body, sources);
  return [
    {
      path: "prometheus/prometheus.yml",
      content: yaml(
        SCRAPE_CONFIG_WHAT,
        scrapeConfigBody(input, {
          ruleFiles: [RULES_FILE],
          ...(interval !== undefined ? { scrapeInterval: interval, evaluationInterval: interval } : {}),
        }),
      ),
    },
    { path: `prometheus/${RULES_FILE}`, content: yaml(ALERT_RULES_WHAT, alertRulesBody(thresholds)) },
    ...dashboards.map(({ name, dashboard }) => ({
      path: `grafana/dashboards/switchyard-${name}.json`,
      content: withJsonHeader(dashboard, sources),
    })),
    ...(dashboards.length === 0
      ? []
      : [
          {
            path: "grafana/provisioning/dashboards/switchyard.yaml",
            content: yaml(DASHBOARD_PROVISIONING_WHAT, dashboardProvisioningBody(provisioning)),
          },
        ]),
    {
      path: "grafana/provisioning/datasources/switchyard-prometheus.yaml",
      content: yaml(DATASOURCE_WHAT, datasourceBody(provisioning)),
    },
  ];
}
