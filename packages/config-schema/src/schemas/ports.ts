import * as z from "zod";
import { description, httpUrl, identifier, schemaVersion } from "./common.js";

export const ServiceSchema = z
  .strictObject({
    port: z.number().int().min(1).max(65535).describe("TCP or UDP port the service listens on."),
    protocol: z.enum(["tcp", "udp"]).optional().describe("Transport protocol (default `tcp`)."),
    host: z.string().min(1).optional().describe("Address the service binds (default `127.0.0.1`)."),
    required: z
      .boolean()
      .optional()
      .describe("Whether the stack cannot work without this service (default false)."),
    health_url: httpUrl.optional().describe("URL that answers 2xx when the service is healthy."),
    expected_processes: z
      .array(z.string().min(1))
      .optional()
      .describe("Process names expected to own the port (matched against comm and cmdline)."),
    depends_on: z.array(identifier).optional().describe("Services that must be up before this one starts."),
    providers: z
      .array(identifier)
      .optional()
      .describe(
        "Ids of providers in `providers.yaml` that this service hosts; their `base_url` port must match.",
      ),
    description: description.optional(),
  })
  .describe("One network service of the stack.");

/** The Grafana dashboards `switchyard generate monitoring` can emit. */
export const MONITORING_DASHBOARDS = ["overview", "providers", "cache", "server"] as const;

const share = z.number().gt(0).lte(1);

export const MonitoringThresholdsSchema = z
  .strictObject({
    error_rate: share
      .optional()
      .describe(
        "Share of the gateway's requests that fail (0–1) above which GatewayErrorRateHigh fires (default 0.05).",
      ),
    latency_p95_seconds: z
      .number()
      .positive()
      .optional()
      .describe("The gateway's p95 latency in seconds above which GatewayLatencyP95High fires (default 10)."),
    cache_collapse_factor: share
      .optional()
      .describe(
        "CacheHitRateCollapse fires when the hit rate falls below this share of an hour earlier (default 0.5).",
      ),
    cache_baseline_hit_rate: share
      .optional()
      .describe("…and the hit rate an hour earlier was at least this (default 0.1)."),
    audit_min_score: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("ConfigAuditScoreLow fires when the server's config audit score is below this (default 80)."),
  })
  .describe("Alert thresholds; the dashboards colour their stats by them too.");

export const MonitoringSettingsSchema = z
  .strictObject({
    thresholds: MonitoringThresholdsSchema.optional(),
    dashboards: z
      .array(z.enum(MONITORING_DASHBOARDS))
      .optional()
      .describe("The Grafana dashboards to generate (default all: overview, providers, cache, server)."),
    prometheus_url: httpUrl
      .optional()
      .describe(
        "The Prometheus Grafana's datasource queries (default: the `prometheus` service, else http://127.0.0.1:9090).",
      ),
    scrape_interval: z
      .string()
      .regex(/^[1-9]\d*(ms|s|m|h)$/)
      .optional()
      .describe("Prometheus's scrape and evaluation interval, e.g. `15s` (the default)."),
  })
  .describe("What `switchyard generate monitoring` generates: thresholds, dashboards, Prometheus.");

export const PortsFileSchema = z
  .strictObject({
    schema_version: schemaVersion,
    services: z.record(identifier, ServiceSchema).describe("Services by id."),
    monitoring: MonitoringSettingsSchema.optional(),
  })
  .describe("ports.yaml: the stack's services, their ports and health checks.");

export type Service = z.infer<typeof ServiceSchema>;
export type PortsFile = z.infer<typeof PortsFileSchema>;
export type MonitoringSettings = z.infer<typeof MonitoringSettingsSchema>;
export type MonitoringThresholds = z.infer<typeof MonitoringThresholdsSchema>;
