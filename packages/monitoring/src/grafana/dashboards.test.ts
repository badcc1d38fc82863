import type { ModelMappingsFile, PortsFile, ProvidersFile } from "@switchyard/config-schema/schemas";
import { describe, expect, test } from "vitest";
import {
  DASHBOARD_NAMES,
  dashboardQueries,
  type GrafanaDashboard,
  type GrafanaPanel,
  generateMonitoring,
  monitoringSourcesHash,
  NO_GATEWAY_METRICS,
  scrapeTargets,
} from "../index.js";

const ports: PortsFile = {
  schema_version: "2.0.0",
  services: {
    litellm: { port: 4000, expected_processes: ["litellm"] },
    switchyard: { port: 4100 },
    vllm: { port: 8001, providers: ["vllm-qwen"] },
  },
};

const providers: ProvidersFile = {
  schema_version: "2.0.0",
  providers: {
    ollama: { type: "ollama", base_url: "http://127.0.0.1:11434", models: [{ name: "llama3.1:8b" }] },
    "vllm-qwen": { type: "vllm", base_url: "http://127.0.0.1:8001/v1", models: [{ name: "qwen" }] },
    openai: { type: "openai", models: [{ name: "gpt-4o" }], api_key: "os.environ/OPENAI_API_KEY" },
  },
};

function dashboards(input = { ports, providers }, options = {}): Map<string, GrafanaDashboard> {
  const out = new Map<string, GrafanaDashboard>();
  for (const file of generateMonitoring(input, options)) {
    if (file.path.startsWith("grafana/dashboards/")) out.set(file.path, JSON.parse(file.content));
  }
  return out;
}

function allPanels(d: GrafanaDashboard): GrafanaPanel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

describe("the Grafana dashboards", () => {
  test("four dashboards by default, each valid JSON with a unique uid, unique panel ids and a datasource variable", () => {
    const all = dashboards();
    expect([...all.keys()]).toEqual(DASHBOARD_NAMES.map((n) => `grafana/dashboards/switchyard-${n}.json`));
    const uids = [...all.values()].map((d) => d.uid);
    expect(new Set(uids).size).toBe(4);
    for (const d of all.values()) {
      const ids = allPanels(d).map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(d.id).toBeNull();
      expect(JSON.stringify(d.templating)).toContain('"type":"datasource"');
      for (const p of allPanels(d)) {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template
        if (p.targets) expect(p.datasource).toEqual({ type: "prometheus", uid: "${datasource}" });
      }
    }
  });

  test("panels never overlap and stay within Grafana's 24 columns", () => {
    for (const d of dashboards().values()) {
      const boxes = d.panels.map((p) => p.gridPos);
      for (const [i, a] of boxes.entries()) {
        expect(a.x + a.w).toBeLessThanOrEqual(24);
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${d.uid}: ${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(false);
        }
      }
    }
  });

  test("the same config set gives byte-identical files; a changed provider changes them", () => {
    const a = generateMonitoring({ ports, providers });
    expect(generateMonitoring({ ports, providers })).toEqual(a);
    const renamed: ProvidersFile = {
      ...providers,
      providers: { ...providers.providers, ollama2: providers.providers.ollama! },
    };
    expect(generateMonitoring({ ports, providers: renamed })).not.toEqual(a);
  });

  test("the overview has the issue's panels and says when the gateway exports no metrics", () => {
    const overview = dashboards().get("grafana/dashboards/switchyard-overview.json")!;
    const titles = allPanels(overview).map((p) => p.title);
    for (const title of [
      "Requests / s",
      "Success rate",
      "Active deployments",
      "p95 latency",
      "Requests per provider",
      "Errors per provider",
      "Cache hit rate",
      "Model usage",
      "Deployment health",
      "LiteLLM metrics exported",
      "When the gateway exports no metrics",
    ]) {
      expect(titles).toContain(title);
    }
    const exported = allPanels(overview).find((p) => p.title === "LiteLLM metrics exported")!;
    // `or vector(0)`: the stat shows 0 (mapped to a warning) rather than nothing when /metrics is empty.
    expect(exported.targets?.[0]?.expr).toMatch(/or vector\(0\)$/);
    const requests = allPanels(overview).find((p) => p.title === "Requests / s")!;
    expect(requests.fieldConfig).toMatchObject({ defaults: { noValue: NO_GATEWAY_METRICS } });
    const perProvider = allPanels(overview).find((p) => p.title === "Requests per provider")!;
    expect(perProvider.targets?.map((t) => t.legendFormat)).toEqual(["ollama", "openai", "vllm-qwen"]);
  });

  test("queries prefer LiteLLM's current metric names and fall back to the older ones", () => {
    const exprs = [...dashboards().values()].flatMap((d) => dashboardQueries(d).map((q) => q.expr));
    const requests = exprs.find((e) => e.startsWith("(sum (rate(litellm_proxy_total_requests_metric_total")!);
    expect(requests).toBe(
      "(sum (rate(litellm_proxy_total_requests_metric_total[5m])) or sum (rate(litellm_requests_metric_total[5m])))",
    );
    expect(exprs.join("\n")).toContain("litellm_total_tokens_total{");
    // Never summed over both names: recent LiteLLM still exports the deprecated counter beside the new one.
    expect(exprs.join("\n")).not.toMatch(/__name__=~"litellm_proxy_total_requests_metric_total\|/);
  });

  test("a provider's panels select its deployments by the model_id Switchyard generates for them", () => {
    const panels = allPanels(dashboards().get("grafana/dashboards/switchyard-providers.json")!);
    const latency = panels.find((p) => p.title === "vllm-qwen: latency p50 / p95 / p99")!;
    expect(latency.targets?.map((t) => t.expr)).toEqual([
      'histogram_quantile(0.5, sum by (le) (rate(litellm_llm_api_latency_metric_bucket{model_id=~"vllm-qwen--.+"}[5m])))',
      'histogram_quantile(0.95, sum by (le) (rate(litellm_llm_api_latency_metric_bucket{model_id=~"vllm-qwen--.+"}[5m])))',
      'histogram_quantile(0.99, sum by (le) (rate(litellm_llm_api_latency_metric_bucket{model_id=~"vllm-qwen--.+"}[5m])))',
    ]);
  });

  test("with LiteLLM-hashed ids (deployment_ids: litellm) a provider's panels select by api_base, else api_provider, never model_id", () => {
    const mappings: ModelMappingsFile = {
      schema_version: "2.0.0",
      gateway: { deployment_ids: "litellm" },
      exact_matches: { qwen: { provider: "vllm-qwen", model: "qwen", id: "qwen-main" } },
    };
    const withProviders: ProvidersFile = {
      schema_version: "2.0.0",
      providers: {
        ...providers.providers,
        claude: { type: "anthropic", model_prefix: "", models: [{ name: "claude-sonnet-4" }] },
        embed: {
          type: "ollama",
          base_url: "http://gpu-2:11434",
          models: [{ name: "nomic-embed-text", mode: "embedding" }],
        },
      },
    };
    const files = dashboards({ ports, providers: withProviders, mappings } as never);
    const panels = allPanels(files.get("grafana/dashboards/switchyard-providers.json")!);
    const expr = (title: string) => panels.find((p) => p.title === title)!.targets![0]!.expr;
    expect(expr("vllm-qwen: throughput")).toContain('api_base="http://127.0.0.1:8001/v1"');
    expect(expr("ollama: throughput")).toContain('api_base="http://127.0.0.1:11434"');
    expect(expr("embed: throughput")).toContain('api_base="http://gpu-2:11434"');
    expect(expr("openai: throughput")).toContain('api_provider=~"openai"');
    // A bare model name: LiteLLM infers the type's own provider name.
    expect(expr("claude: throughput")).toContain('api_provider=~"anthropic"');
    const overview = allPanels(files.get("grafana/dashboards/switchyard-overview.json")!);
    const all = [...panels, ...overview].flatMap((p) => p.targets?.map((t) => t.expr) ?? []);
    expect(all.join("\n")).not.toContain("model_id");
    // The id mode is a source: switching it makes --check report the files stale.
    expect(monitoringSourcesHash({ ports, providers, mappings })).not.toBe(
      monitoringSourcesHash({ ports, providers, mappings: { ...mappings, gateway: {} } }),
    );
  });

  test("a deployment with its own id: is in its provider's panels, beside the generated ids", () => {
    const mappings: ModelMappingsFile = {
      schema_version: "2.0.0",
      exact_matches: { qwen: { provider: "vllm-qwen", model: "qwen", id: "qwen-main" } },
      load_balancing: {
        chat: {
          deployments: [
            { provider: "ollama", model: "llama3.1:8b", id: "chat.a" },
            { provider: "vllm-qwen", model: "qwen" },
          ],
        },
      },
      patterns: [{ pattern: "gpt-*", provider: "openai", id: "openai-any" }],
    };
    const panels = allPanels(
      dashboards({ ports, providers, mappings } as never).get(
        "grafana/dashboards/switchyard-providers.json",
      )!,
    );
    const expr = (title: string) => panels.find((p) => p.title === title)!.targets![0]!.expr;
    expect(expr("vllm-qwen: throughput")).toContain('model_id=~"vllm-qwen--.+|qwen-main"');
    expect(expr("ollama: throughput")).toContain('model_id=~"ollama--.+|chat\\\\.a"');
    expect(expr("openai: throughput")).toContain('model_id=~"openai--.+|openai-any"');
    // The ids are sources: changing one makes --check report the files stale; none keeps the old hash.
    expect(monitoringSourcesHash({ ports, providers })).toBe(
      monitoringSourcesHash({ ports, providers, mappings: { schema_version: "2.0.0" } }),
    );
    expect(monitoringSourcesHash({ ports, providers, mappings })).not.toBe(
      monitoringSourcesHash({ ports, providers }),
    );
  });

  test("an active vLLM provider gets panels of vLLM's own metrics, selected by its scrape target's labels", () => {
    const panels = allPanels(dashboards().get("grafana/dashboards/switchyard-providers.json")!);
    const vllm = panels.filter((p) => p.title.startsWith("vllm-qwen: vLLM"));
    expect(vllm.flatMap((p) => p.targets!.map((t) => t.expr))).toEqual([
      'sum (vllm:num_requests_running{job="vllm",provider=~"(.*,)?vllm-qwen(,.*)?"})',
      'sum (vllm:num_requests_waiting{job="vllm",provider=~"(.*,)?vllm-qwen(,.*)?"})',
      'max by (model_name) (vllm:kv_cache_usage_perc{job="vllm",provider=~"(.*,)?vllm-qwen(,.*)?"}) or max by (model_name) (vllm:gpu_cache_usage_perc{job="vllm",provider=~"(.*,)?vllm-qwen(,.*)?"})',
      'histogram_quantile(0.5, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{job="vllm",provider=~"(.*,)?vllm-qwen(,.*)?"}[5m])))',
      'histogram_quantile(0.95, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{job="vllm",provider=~"(.*,)?vllm-qwen(,.*)?"}[5m])))',
      'sum (rate(vllm:prompt_tokens_total{job="vllm",provider=~"(.*,)?vllm-qwen(,.*)?"}[5m]))',
      'sum (rate(vllm:generation_tokens_total{job="vllm",provider=~"(.*,)?vllm-qwen(,.*)?"}[5m]))',
    ]);
    // Other kinds, and a disabled vLLM provider (nothing scrapes it), get none.
    expect(panels.some((p) => p.title.startsWith("ollama: vLLM"))).toBe(false);
    const disabled: ProvidersFile = {
      ...providers,
      providers: {
        ...providers.providers,
        "vllm-qwen": { ...providers.providers["vllm-qwen"]!, status: "disabled" },
      },
    };
    const without = allPanels(
      dashboards({ ports, providers: disabled }).get("grafana/dashboards/switchyard-providers.json")!,
    );
    expect(without.some((p) => p.title.includes("vLLM"))).toBe(false);
  });

  test("adding a provider to providers.yaml adds its row, its panels and its per-provider series", () => {
    const more: ProvidersFile = {
      ...providers,
      providers: {
        ...providers.providers,
        "vllm-coder.v2": {
          type: "vllm",
          base_url: "http://127.0.0.1:9001/v1",
          models: [{ name: "coder" }],
        },
      },
    };
    const before = dashboards();
    const after = dashboards({ ports, providers: more });
    const rows = (d: GrafanaDashboard) => d.panels.filter((p) => p.type === "row").map((p) => p.title);
    const providersPath = "grafana/dashboards/switchyard-providers.json";
    expect(rows(before.get(providersPath)!)).toEqual([
      "ollama (ollama)",
      "openai (openai)",
      "vllm-qwen (vllm)",
    ]);
    expect(rows(after.get(providersPath)!)).toEqual([
      "ollama (ollama)",
      "openai (openai)",
      "vllm-coder.v2 (vllm)",
      "vllm-qwen (vllm)",
    ]);
    const added = allPanels(after.get(providersPath)!).filter((p) => p.title.startsWith("vllm-coder.v2:"));
    expect(added.map((p) => p.title)).toEqual([
      "vllm-coder.v2: latency p50 / p95 / p99",
      "vllm-coder.v2: throughput",
      "vllm-coder.v2: tokens / s",
      "vllm-coder.v2: failures",
      "vllm-coder.v2: fallbacks",
      "vllm-coder.v2: vLLM requests running / waiting",
      "vllm-coder.v2: vLLM KV-cache usage",
      "vllm-coder.v2: vLLM time to first token p50 / p95",
      "vllm-coder.v2: vLLM tokens / s",
    ]);
    // The dot is matched literally in the regular expression.
    expect(added[0]?.targets?.[0]?.expr).toContain('model_id=~"vllm-coder\\\\.v2--.+"');
    const overview = (m: Map<string, GrafanaDashboard>) =>
      allPanels(m.get("grafana/dashboards/switchyard-overview.json")!)
        .find((p) => p.title === "Requests per provider")!
        .targets!.map((t) => t.legendFormat);
    expect(overview(after)).toEqual(["ollama", "openai", "vllm-coder.v2", "vllm-qwen"]);
    // …and its scrape target (vLLM exports /metrics).
    expect(scrapeTargets({ ports, providers: more }).map((t) => t.address)).toContain("127.0.0.1:9001");
  });

  test("a disabled provider keeps its row, marked", () => {
    const off: ProvidersFile = {
      ...providers,
      providers: { ...providers.providers, ollama: { ...providers.providers.ollama!, status: "disabled" } },
    };
    const d = dashboards({ ports, providers: off }).get("grafana/dashboards/switchyard-providers.json")!;
    expect(d.panels[0]?.title).toBe("ollama (ollama, disabled)");
  });

  test("only the selected dashboards are emitted; the datasource is always provisioned", () => {
    const files = generateMonitoring({ ports, providers }, { dashboards: ["server"] }).map((f) => f.path);
    expect(files).toEqual([
      "prometheus/prometheus.yml",
      "prometheus/switchyard-alerts.rules.yml",
      "grafana/dashboards/switchyard-server.json",
      "grafana/provisioning/dashboards/switchyard.yaml",
      "grafana/provisioning/datasources/switchyard-prometheus.yaml",
    ]);
    const none = generateMonitoring({ ports, providers }, { dashboards: [] }).map((f) => f.path);
    expect(none).not.toContain("grafana/provisioning/dashboards/switchyard.yaml");
  });

  test("thresholds colour the stats: the success-rate and p95 panels follow the configured alerts", () => {
    const d = dashboards({ ports, providers }, { thresholds: { errorRate: 0.2, latencyP95Seconds: 3 } }).get(
      "grafana/dashboards/switchyard-overview.json",
    )!;
    const steps = (title: string) =>
      (
        allPanels(d).find((p) => p.title === title)!.fieldConfig as {
          defaults: { thresholds: { steps: unknown } };
        }
      ).defaults.thresholds.steps;
    expect(steps("Success rate")).toEqual([
      { color: "red", value: null },
      { color: "green", value: 0.8 },
    ]);
    expect(steps("p95 latency")).toEqual([
      { color: "green", value: null },
      { color: "red", value: 3 },
    ]);
  });
});

describe("the Grafana provisioning files", () => {
  test("the datasource has the uid the dashboards default to and the Prometheus of ports.yaml", () => {
    const withProm: PortsFile = { ...ports, services: { ...ports.services, prometheus: { port: 9091 } } };
    const files = generateMonitoring({ ports: withProm, providers });
    const ds = files.find((f) => f.path.endsWith("switchyard-prometheus.yaml"))!.content;
    expect(ds).toContain("uid: switchyard-prometheus");
    expect(ds).toContain("url: http://127.0.0.1:9091");
    expect(
      generateMonitoring({ ports, providers }, { prometheusUrl: "http://prom:9090" }).at(-1)?.content,
    ).toContain("url: http://prom:9090");
    const dash = files.find((f) => f.path === "grafana/provisioning/dashboards/switchyard.yaml")!.content;
    expect(dash).toContain("path: /var/lib/grafana/dashboards/switchyard");
  });
});
