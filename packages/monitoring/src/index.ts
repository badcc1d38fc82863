export type { MonitoringCode } from "./catalogue.js";
export { MONITORING_FINDINGS, monitoringCatalogue, monitoringDiagnostic } from "./catalogue.js";
export type { MonitoringFile, MonitoringOptions } from "./generate.js";
export { generateMonitoring, monitoringOptionsOf } from "./generate.js";
export type { DashboardName } from "./grafana/dashboards.js";
export {
  cacheDashboard,
  DASHBOARD_NAMES,
  grafanaDashboards,
  NO_GATEWAY_METRICS,
  overviewDashboard,
  providersDashboard,
  serverDashboard,
} from "./grafana/dashboards.js";
export type { GrafanaDashboard, GrafanaPanel, GrafanaTarget } from "./grafana/model.js";
export { DATASOURCE_UID, dashboardQueries } from "./grafana/model.js";
export type { ProvisioningOptions } from "./grafana/provisioning.js";
export {
  DEFAULT_DASHBOARDS_PATH,
  DEFAULT_PROMETHEUS_URL,
  grafanaDashboardProvisioning,
  grafanaDatasourceProvisioning,
} from "./grafana/provisioning.js";
export type { MonitoringFileStatus } from "./header.js";
export {
  MONITORING_GENERATOR,
  MONITORING_GENERATOR_VERSION,
  monitoringFileStatus,
  monitoringSourcesHash,
} from "./header.js";
export type { MetricName } from "./metrics.js";
export { JOBS, LITELLM_METRICS, REDIS_METRICS, SWITCHYARD_METRICS, VLLM_METRICS } from "./metrics.js";
export type { AlertRule } from "./prometheus/alert-rules.js";
export { alertRules, prometheusAlertRules } from "./prometheus/alert-rules.js";
export type { ScrapeConfigOptions } from "./prometheus/scrape-config.js";
export { prometheusScrapeConfig } from "./prometheus/scrape-config.js";
export type { ProviderSeriesLabels } from "./promql.js";
export { providerMatcher, vllmProviderMatchers } from "./promql.js";
export type { MonitoringInput, ScrapeTarget } from "./targets.js";
export { scrapeTargets } from "./targets.js";
export type { AlertThresholds } from "./thresholds.js";
export { DEFAULT_THRESHOLDS, resolveThresholds } from "./thresholds.js";
export type {
  CheckMonitoringOptions,
  MonitoringCheckReport,
  MonitoringFileCheck,
  MonitoringFileWrite,
  MonitoringWriteResult,
  WriteMonitoringOptions,
} from "./write.js";
export {
  checkMonitoring,
  DEFAULT_MONITORING_DIR,
  MONITORING_OPERATION,
  monitoringInputOf,
  recoverMonitoring,
  writeMonitoring,
} from "./write.js";
