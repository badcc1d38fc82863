import { generatedHeader, toYaml } from "../prometheus/yaml.js";
import { DATASOURCE_UID } from "./model.js";

/** Options of the provisioning files. */
export interface ProvisioningOptions {
  /** The Prometheus Grafana queries. Default `http://127.0.0.1:9090`. */
  readonly prometheusUrl?: string;
  /**
   * Where Grafana finds the dashboard JSON files. Default `/var/lib/grafana/dashboards/switchyard`
   * (copy or mount the generated `grafana/dashboards/` there).
   */
  readonly dashboardsPath?: string;
}

export const DEFAULT_PROMETHEUS_URL = "http://127.0.0.1:9090";
export const DEFAULT_DASHBOARDS_PATH = "/var/lib/grafana/dashboards/switchyard";

/** What to change instead of editing the datasource file (its header says so). */
export const DATASOURCE_WHAT =
  "change ports.yaml's monitoring: section and generate again (Grafana reads provisioning/datasources/).";
/** What to change instead of editing the dashboard provisioning file. */
export const DASHBOARD_PROVISIONING_WHAT =
  "generate again to change it (Grafana reads provisioning/dashboards/).";

/**
 * Grafana's datasource provisioning file (`provisioning/datasources/`): the Prometheus the
 * dashboards query, with the uid their `datasource` variable defaults to.
 */
export function grafanaDatasourceProvisioning(options: ProvisioningOptions = {}): string {
  return `${generatedHeader(DATASOURCE_WHAT)}${datasourceBody(options)}`;
}

/** The datasource provisioning file without its header comment. */
export function datasourceBody(options: ProvisioningOptions = {}): string {
  return toYaml({
    apiVersion: 1,
    datasources: [
      {
        name: "Prometheus (Switchyard)",
        uid: DATASOURCE_UID,
        type: "prometheus",
        access: "proxy",
        url: options.prometheusUrl ?? DEFAULT_PROMETHEUS_URL,
        isDefault: false,
        editable: false,
        jsonData: { httpMethod: "POST", timeInterval: "15s" },
      },
    ],
  });
}

/** Grafana's dashboard provisioning file (`provisioning/dashboards/`): a folder of the generated JSON. */
export function grafanaDashboardProvisioning(options: ProvisioningOptions = {}): string {
  return `${generatedHeader(DASHBOARD_PROVISIONING_WHAT)}${dashboardProvisioningBody(options)}`;
}

/** The dashboard provisioning file without its header comment. */
export function dashboardProvisioningBody(options: ProvisioningOptions = {}): string {
  return toYaml({
    apiVersion: 1,
    providers: [
      {
        name: "switchyard",
        orgId: 1,
        folder: "Switchyard",
        type: "file",
        disableDeletion: false,
        // Generated dashboards are replaced on every generate: edits in the UI would be lost.
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: {
          path: options.dashboardsPath ?? DEFAULT_DASHBOARDS_PATH,
          foldersFromFilesStructure: false,
        },
      },
    ],
  });
}
