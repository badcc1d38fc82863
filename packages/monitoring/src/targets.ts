import { connectHost, formatHostPort } from "@switchyard/config-schema/hosts";
import type { ModelMappingsFile, PortsFile, ProvidersFile } from "@switchyard/config-schema/schemas";
import { isGatewayService } from "@switchyard/config-schema/services";
import { JOBS } from "./metrics.js";

/** What the monitoring is generated from: the config set's parsed files (any may be missing). */
export interface MonitoringInput {
  readonly ports?: PortsFile | undefined;
  readonly providers?: ProvidersFile | undefined;
  /** Read for the deployments' own `id:`s, which a provider's panels select besides its generated ids, and for `gateway.deployment_ids` (LiteLLM-hashed ids are selected by `api_base`/`api_provider`). */
  readonly mappings?: ModelMappingsFile | undefined;
}

/** One endpoint Prometheus scrapes. */
export interface ScrapeTarget {
  /** `litellm` (the gateway), `switchyard` (Switchyard's server), `vllm` (a vLLM provider) or `redis` (redis_exporter). */
  readonly job: (typeof JOBS)[keyof typeof JOBS];
  /** `host:port` to scrape (IPv6 in brackets, a wildcard bind as 127.0.0.1). */
  readonly address: string;
  /** The path of the metrics endpoint on it. */
  readonly metricsPath: string;
  /** Labels added to every series scraped from it: `service` and, for providers, `provider`. */
  readonly labels: Readonly<Record<string, string>>;
}

const DEFAULT_HOST = "127.0.0.1";

/** Whether a service of ports.yaml is Prometheus's Redis exporter (`redis_exporter`, Debian `prometheus-redis-exporter`). */
function isRedisExporter(id: string, service: { expected_processes?: string[] | undefined }): boolean {
  const exporter = /^(prometheus-)?redis[-_]exporter/i;
  return exporter.test(id) || (service.expected_processes ?? []).some((p) => exporter.test(p));
}

/** Whether a service of ports.yaml is Switchyard's own server (`switchyard serve`). */
function isSwitchyardServer(id: string, service: { expected_processes?: string[] | undefined }): boolean {
  return /^switchyard/i.test(id) || (service.expected_processes ?? []).some((p) => /^switchyard/i.test(p));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The endpoints to scrape, in a stable order: each gateway service of ports.yaml (LiteLLM serves
 * `/metrics/`), Switchyard's server when ports.yaml registers it (a service id or expected process
 * starting with `switchyard`), Redis's exporter when ports.yaml registers it (`redis-exporter` or
 * `redis_exporter`), and every active vLLM provider (vLLM serves `/metrics` at its root),
 * at the address of the ports.yaml service hosting it, else at its `base_url`. Providers sharing
 * one server are one target labelled with all their ids. Ollama and cloud APIs export no metrics.
 */
export function scrapeTargets(input: MonitoringInput): ScrapeTarget[] {
  const targets: ScrapeTarget[] = [];
  const services = Object.entries(input.ports?.services ?? {}).sort(([a], [b]) => compare(a, b));
  const hostOf = new Map<string, { id: string; address: string }>();
  for (const [id, service] of services) {
    const address = formatHostPort(connectHost(service.host ?? DEFAULT_HOST), service.port);
    for (const provider of service.providers ?? [])
      if (!hostOf.has(provider)) hostOf.set(provider, { id, address });
    if (isGatewayService(id, service)) {
      targets.push({ job: JOBS.gateway, address, metricsPath: "/metrics/", labels: { service: id } });
    } else if (isSwitchyardServer(id, service)) {
      targets.push({ job: JOBS.server, address, metricsPath: "/metrics", labels: { service: id } });
    } else if (isRedisExporter(id, service)) {
      targets.push({ job: JOBS.redis, address, metricsPath: "/metrics", labels: { service: id } });
    }
  }
  const vllm = new Map<string, { service: string; providers: string[] }>();
  const providers = Object.entries(input.providers?.providers ?? {}).sort(([a], [b]) => compare(a, b));
  for (const [id, provider] of providers) {
    // The schema requires a base_url of every self-hosted type; one without it has nothing to scrape.
    if (provider.type !== "vllm" || provider.status === "disabled" || provider.base_url === undefined)
      continue;
    const hosted = hostOf.get(id);
    const url = new URL(provider.base_url);
    const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
    const address =
      hosted?.address ?? formatHostPort(connectHost(url.hostname.replace(/^\[|\]$/g, "")), port);
    const entry = vllm.get(address) ?? { service: hosted?.id ?? id, providers: [] };
    entry.providers.push(id);
    vllm.set(address, entry);
  }
  for (const [address, { service, providers: ids }] of [...vllm].sort(([a], [b]) => compare(a, b))) {
    targets.push({
      job: JOBS.vllm,
      address,
      metricsPath: "/metrics",
      labels: { provider: ids.join(","), service },
    });
  }
  return targets;
}
