/**
 * The generated monitoring against the real tools: Debian's `prometheus` scrapes, on loopback, this
 * server (a `switchyard-server` process), a stand-in LiteLLM gateway exporting LiteLLM-named metrics
 * at `/metrics/` (the names and labels of `litellm/integrations/prometheus.py`), and a real
 * `redis_exporter` in front of a real `redis-server`, all from the scrape config generated from
 * ports.yaml. Then every query of every generated dashboard goes through Prometheus's HTTP API and
 * must parse and return a number. Waits are for events (Prometheus ready, targets up, one more
 * scrape of each), never fixed sleeps.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ModelMappingsFile, PortsFile, ProvidersFile } from "@switchyard/config-schema/schemas";
import { dashboardQueries, type GrafanaDashboard, generateMonitoring } from "@switchyard/monitoring";
import { describeNeeding, freePort, RedisServer, tempDirSync } from "@switchyard/test-utils";
import { afterAll, beforeAll, expect, test } from "vitest";
import { exampleConfigDir } from "./config-dir.js";
import { type ServerProcess, startProcess } from "./process.js";

const run = promisify(execFile);

/** The providers; `vllm-coder`'s base_url gets the stand-in vLLM's port once it listens. */
const providers: ProvidersFile = {
  schema_version: "2.0.0",
  providers: {
    ollama: { type: "ollama", base_url: "http://127.0.0.1:11434", models: [{ name: "llama3.1:8b" }] },
    "vllm-qwen": { type: "vllm", base_url: "http://127.0.0.1:8001/v1", status: "disabled", models: [] },
    openai: { type: "openai", models: [{ name: "gpt-4o-mini" }], api_key: "os.environ/OPENAI_API_KEY" },
  },
};

/** `vllm-coder`'s one deployment has its own `id:`, so its model_id is not `<provider>--<model>`. */
const mappings: ModelMappingsFile = {
  schema_version: "2.0.0",
  exact_matches: { coder: { provider: "vllm-coder", model: "coder", id: "coder-main" } },
};

/** The model_id LiteLLM labels a provider's deployment with: its own id, else the generated one. */
function modelId(providerId: string, model: string): string {
  const own = Object.values(mappings.exact_matches ?? {}).find((r) => r.provider === providerId)?.id;
  return own ?? `${providerId}--${model.replace(/[^A-Za-z0-9._]+/g, "-")}`;
}

/**
 * The `api_provider` label LiteLLM writes: its `custom_llm_provider`, the deployment's model prefix
 * (`ollama_chat/` for Ollama chat models, `hosted_vllm/` for vLLM), not Switchyard's provider type.
 */
const LITELLM_PROVIDER: Record<string, string> = {
  ollama: "ollama_chat",
  vllm: "hosted_vllm",
  openai: "openai",
};

/** vLLM V1's time-to-first-token buckets (`vllm/v1/metrics/loggers.py`). */
const TTFT_BUCKETS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0,
  80.0, 160.0, 640.0, 2560.0,
];

/**
 * A stand-in vLLM OpenAI server's `/metrics`, as vLLM V1 writes it through Python's
 * prometheus_client: `vllm:`-prefixed names, labels `engine` and `model_name` (`le` last in
 * buckets), floats written with a decimal point, counters as `_total`. Every scrape advances the
 * counters and the histogram, so rates and quantiles are defined.
 */
function vllmMetrics(scrape: number): string {
  const labels = 'engine="0",model_name="coder"';
  const float = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));
  const lines: string[] = [];
  const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [suffix, value] of samples) lines.push(`${name}${suffix} ${float(value)}`);
  };
  metric("vllm:num_requests_running", "gauge", "Number of requests in model execution batches.", [
    [`{${labels}}`, 2],
  ]);
  metric("vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.", [
    [`{${labels}}`, 1],
  ]);
  metric("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.", [
    [`{${labels}}`, 0.42],
  ]);
  metric("vllm:prompt_tokens", "counter", "Number of prefill tokens processed.", [
    [`_total{${labels}}`, 300 * scrape],
  ]);
  metric("vllm:generation_tokens", "counter", "Number of generation tokens processed.", [
    [`_total{${labels}}`, 900 * scrape],
  ]);
  const count = 10 * scrape;
  metric("vllm:time_to_first_token_seconds", "histogram", "Histogram of time to first token in seconds.", [
    ...TTFT_BUCKETS.map((le): [string, number] => [
      `_bucket{${labels},le="${float(le)}"}`,
      le < 0.25 ? 0 : le < 0.75 ? (count * 2) / 5 : count,
    ]),
    [`_bucket{${labels},le="+Inf"}`, count],
    [`_count{${labels}}`, count],
    [`_sum{${labels}}`, count * 0.2],
  ]);
  return `${lines.join("\n")}\n`;
}

/**
 * A stand-in LiteLLM proxy `/metrics/`: Prometheus text exposition with LiteLLM's metric names and
 * labels, for one deployment per provider (model_id `<provider>--<model>`, as Switchyard generates
 * it). Every scrape advances the counters, so rates are positive.
 */
function gatewayMetrics(scrape: number): string {
  const lines: string[] = [];
  const counter = (name: string, labels: string, value: number) => {
    lines.push(`# TYPE ${name} counter`, `${name}_total{${labels}} ${value}`);
  };
  const histogram = (name: string, labels: string, count: number) => {
    lines.push(`# TYPE ${name} histogram`);
    let cumulative = 0;
    for (const [le, share] of [
      ["0.5", 0.5],
      ["1.0", 0.3],
      ["5.0", 0.15],
      ["+Inf", 0.05],
    ] as const) {
      cumulative += share * count;
      lines.push(`${name}_bucket{${labels},le="${le}"} ${cumulative}`);
    }
    lines.push(`${name}_count{${labels}} ${count}`, `${name}_sum{${labels}} ${count * 0.9}`);
  };
  const n = 100 * scrape;
  counter("litellm_proxy_total_requests_metric", 'requested_model="llama3.1",status_code="200"', n);
  counter(
    "litellm_proxy_failed_requests_metric",
    'requested_model="llama3.1",exception_status="500"',
    n / 50,
  );
  histogram("litellm_request_total_latency_metric", 'model="llama3.1",requested_model="llama3.1"', n);
  counter("litellm_cache_hits_metric", 'model="llama3.1"', n / 4);
  counter("litellm_cache_misses_metric", 'model="llama3.1"', (3 * n) / 4);
  counter("litellm_cached_tokens_metric", 'model="llama3.1"', n * 10);
  for (const [id, provider] of Object.entries(providers.providers)) {
    const model = provider.models[0]?.name ?? "model";
    const deployment = `model_id="${modelId(id, model)}",litellm_model_name="${model}",api_provider="${LITELLM_PROVIDER[provider.type]}",api_base="${provider.base_url ?? ""}"`;
    counter("litellm_deployment_success_responses", `requested_model="${model}",${deployment}`, n);
    counter(
      "litellm_deployment_failure_responses",
      `requested_model="${model}",${deployment},exception_status="429"`,
      n / 20,
    );
    counter("litellm_total_tokens_metric", `model="${model}",${deployment}`, n * 30);
    counter(
      "litellm_deployment_successful_fallbacks",
      `requested_model="${model}",fallback_model="gpt-4o-mini",${deployment}`,
      n / 100,
    );
    counter(
      "litellm_deployment_failed_fallbacks",
      `requested_model="${model}",fallback_model="gpt-4o-mini",${deployment}`,
      n / 200,
    );
    histogram("litellm_llm_api_latency_metric", `model="${model}",${deployment}`, n);
    lines.push("# TYPE litellm_deployment_state gauge", `litellm_deployment_state{${deployment}} 0`);
  }
  return `${lines.join("\n")}\n`;
}

let gateway: Server;
let vllm: Server;
let vllmScrapes = 0;
let server: ServerProcess;
let redis: RedisServer;
let exporter: ChildProcess;
let prometheus: ChildProcess;
let promUrl: string;
let prometheusLog = "";
let scrapes = 0;
const dashboards: GrafanaDashboard[] = [];
/** The providers dashboard generated with `gateway.deployment_ids: litellm` (LiteLLM hashes the ids). */
let hashedIdProviders: GrafanaDashboard;

async function query(
  expr: string,
): Promise<{ status: string; error?: string; data?: { result: { value: [number, string] }[] } }> {
  const res = await fetch(`${promUrl}/api/v1/query`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ query: expr }),
  });
  return (await res.json()) as { status: string; data?: { result: { value: [number, string] }[] } };
}

/** Poll Prometheus until `expr` returns a sample (the condition is an event Prometheus reports). */
async function until(expr: string, what: string): Promise<void> {
  for (;;) {
    if (prometheus.exitCode !== null)
      throw new Error(`prometheus exited while waiting for ${what}: ${prometheusLog}`);
    const answer = await query(expr).catch(() => undefined);
    if (answer?.status === "success" && (answer.data?.result.length ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function evaluations(): Promise<void> {
  for (const flag of ["semantic-cache", "cloud-fallback", "no-such-flag"]) {
    for (const user of ["ann", "bob", "cy"])
      await fetch(`${server.url}/api/v1/features/${flag}?user=${user}`);
  }
}

describeNeeding(["prometheus", "redis-server", "redis-exporter"])(
  "the generated monitoring in a real Prometheus",
  () => {
    beforeAll(async () => {
      gateway = createServer((req, res) => {
        if (req.url !== "/metrics/") {
          // LiteLLM mounts its metrics app at /metrics/ and redirects /metrics there.
          res.writeHead(req.url === "/metrics" ? 307 : 404, { location: "/metrics/" }).end();
          return;
        }
        scrapes += 1;
        res
          .writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" })
          .end(gatewayMetrics(scrapes));
      });
      gateway.listen(0, "127.0.0.1");
      await once(gateway, "listening");
      const gatewayPort = (gateway.address() as { port: number }).port;

      vllm = createServer((req, res) => {
        if (req.url !== "/metrics") return void res.writeHead(404).end();
        vllmScrapes += 1;
        res
          .writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" })
          .end(vllmMetrics(vllmScrapes));
      });
      vllm.listen(0, "127.0.0.1");
      await once(vllm, "listening");
      const vllmPort = (vllm.address() as { port: number }).port;
      (providers.providers as Record<string, ProvidersFile["providers"][string]>)["vllm-coder"] = {
        type: "vllm",
        base_url: `http://127.0.0.1:${vllmPort}/v1`,
        models: [{ name: "coder" }],
      };

      server = await startProcess(["--config-dir", exampleConfigDir(), "--port", "0"], {
        SWITCHYARD_ADMIN_TOKEN: "",
        SWITCHYARD_READ_TOKEN: "",
        SWITCHYARD_TOKENS_FILE: "",
      });
      const serverPort = Number(new URL(server.url).port);

      redis = await RedisServer.start();
      for (let i = 0; i < 5; i++)
        await run("redis-cli", ["-p", String(redis.port), "set", `litellm:cache:${i}`, "x"]);
      const exporterPort = await freePort();
      exporter = spawn(
        "prometheus-redis-exporter",
        [`--redis.addr=${redis.url}`, `--web.listen-address=127.0.0.1:${exporterPort}`],
        { stdio: "ignore" },
      );

      const ports: PortsFile = {
        schema_version: "2.0.0",
        services: {
          litellm: { port: gatewayPort, expected_processes: ["litellm"] },
          switchyard: { port: serverPort },
          "redis-exporter": { port: exporterPort },
        },
      };
      const dir = tempDirSync("sy-monitoring-prometheus-");
      const files = generateMonitoring({ ports, providers, mappings }, { scrapeInterval: "1s" });
      for (const file of files) {
        mkdirSync(join(dir, file.path, ".."), { recursive: true });
        writeFileSync(join(dir, file.path), file.content);
        if (file.path.endsWith(".json")) dashboards.push(JSON.parse(file.content) as GrafanaDashboard);
      }
      const hashed = generateMonitoring(
        { ports, providers, mappings: { ...mappings, gateway: { deployment_ids: "litellm" } } },
        { scrapeInterval: "1s" },
      ).find((f) => f.path.endsWith("switchyard-providers.json"));
      hashedIdProviders = JSON.parse(hashed!.content) as GrafanaDashboard;
      const promPort = await freePort();
      promUrl = `http://127.0.0.1:${promPort}`;
      prometheus = spawn(
        "prometheus",
        [
          `--config.file=${join(dir, "prometheus/prometheus.yml")}`,
          `--storage.tsdb.path=${join(dir, "data")}`,
          `--web.listen-address=127.0.0.1:${promPort}`,
        ],
        { stdio: ["ignore", "ignore", "pipe"] },
      );
      prometheus.stderr?.on("data", (chunk) => {
        prometheusLog = `${prometheusLog}${chunk}`.slice(-4000);
      });
      // Ready, every target up, then three more scrapes of each with evaluations in between.
      await until('up{job="litellm"} == 1', "the gateway to be up");
      for (const job of ["switchyard", "redis", "vllm"])
        await until(`up{job="${job}"} == 1`, `job ${job} to be up`);
      for (let round = 3; round <= 5; round++) {
        await evaluations();
        await until(`min(count_over_time(up[10m])) >= ${round}`, `scrape ${round} of every target`);
      }
    }, 240_000);

    afterAll(async () => {
      prometheus?.kill("SIGTERM");
      exporter?.kill("SIGTERM");
      // A process ended by a signal keeps exitCode null (signalCode says how it ended): waiting on
      // exitCode alone waited forever for redis_exporter, which dies of the SIGTERM while Prometheus
      // shuts down.
      const running = (child: ChildProcess | undefined): child is ChildProcess =>
        child !== undefined && child.exitCode === null && child.signalCode === null;
      if (running(prometheus)) await once(prometheus, "exit");
      if (running(exporter)) await once(exporter, "exit");
      await server?.stop();
      await redis?.stop();
      gateway?.close();
      vllm?.close();
    });

    test("every query of every generated dashboard parses and returns a number from the real Prometheus", async () => {
      const queries = dashboards.flatMap((d) => dashboardQueries(d).map((q) => ({ dashboard: d.uid, ...q })));
      expect(dashboards.map((d) => d.uid)).toEqual([
        "switchyard-overview",
        "switchyard-providers",
        "switchyard-cache",
        "switchyard-server",
      ]);
      expect(queries.length).toBeGreaterThan(40);
      const failures: string[] = [];
      for (const q of queries) {
        const answer = await query(q.expr);
        const values = (answer.data?.result ?? []).map((r) => Number(r.value[1]));
        if (answer.status !== "success")
          failures.push(`${q.dashboard} / ${q.panel} ${q.refId}: ${answer.error}`);
        else if (!values.some(Number.isFinite))
          failures.push(`${q.dashboard} / ${q.panel} ${q.refId}: no data (${q.expr})`);
      }
      expect(failures).toEqual([]);
    });

    test("with LiteLLM-hashed ids (deployment_ids: litellm) every provider panel still finds its provider's series, by api_base or api_provider", async () => {
      const queries = dashboardQueries(hashedIdProviders);
      expect(queries.map((q) => q.expr).join("\n")).not.toContain("model_id");
      const failures: string[] = [];
      for (const q of queries) {
        const answer = await query(q.expr);
        const values = (answer.data?.result ?? []).map((r) => Number(r.value[1]));
        if (answer.status !== "success") failures.push(`${q.panel} ${q.refId}: ${answer.error}`);
        else if (!values.some(Number.isFinite)) failures.push(`${q.panel} ${q.refId}: no data (${q.expr})`);
      }
      expect(failures).toEqual([]);
      // Each provider's own series, not all of them: the same number as the generated-id panel, which
      // selects the one deployment by model_id (both in one query, so at one evaluation time).
      const value = async (expr: string) => Number((await query(expr)).data?.result[0]?.value[1]);
      const byModelId = dashboardQueries(dashboards[1]!);
      for (const id of Object.keys(providers.providers)) {
        const hashedExpr = queries.find((q) => q.panel === `${id}: throughput`)!.expr;
        const generatedExpr = byModelId.find((q) => q.panel === `${id}: throughput`)!.expr;
        expect(await value(hashedExpr), id).toBeGreaterThan(0);
        expect(await value(`abs((${hashedExpr}) - (${generatedExpr}))`), id).toBe(0);
      }
    });

    test("the numbers are the stand-ins': 2% of requests fail, a quarter of cacheable ones hit, vLLM's gauges, the server's audit score", async () => {
      const value = async (expr: string) => Number((await query(expr)).data?.result[0]?.value[1]);
      const overview = dashboardQueries(dashboards[0]!);
      const success = overview.find((q) => q.panel === "Success rate")!.expr;
      expect(await value(success)).toBeCloseTo(0.98, 5);
      const hitRate = overview.find((q) => q.panel === "Cache hit rate")!.expr;
      expect(await value(hitRate)).toBeCloseTo(0.25, 5);
      const exported = overview.find((q) => q.panel === "LiteLLM metrics exported")!.expr;
      expect(await value(exported)).toBeGreaterThan(10);
      // vLLM's own metrics, through the provider's panels: the stand-in's gauges as it exports them.
      const providerPanels = dashboardQueries(dashboards[1]!);
      const panel = (title: string) => providerPanels.filter((q) => q.panel === title).map((q) => q.expr);
      expect(await value(panel("vllm-coder: vLLM KV-cache usage")[0]!)).toBeCloseTo(0.42, 5);
      const [running, waiting] = panel("vllm-coder: vLLM requests running / waiting");
      expect([await value(running!), await value(waiting!)]).toEqual([2, 1]);
      const [p50] = panel("vllm-coder: vLLM time to first token p50 / p95");
      // 40% of first tokens by 0.5 s, all by 0.75 s: the median interpolates inside (0.5, 0.75].
      expect(await value(p50!)).toBeGreaterThan(0.5);
      expect(await value(p50!)).toBeLessThan(0.75);
      // The deployment with its own id (coder-main) is in its provider's LiteLLM panels.
      expect(await value(panel("vllm-coder: throughput")[0]!)).toBeGreaterThan(0);
      const score = dashboardQueries(dashboards[3]!).find((q) => q.panel === "Config audit score")!.expr;
      const audit = await value(score);
      expect(audit).toBeGreaterThanOrEqual(0);
      expect(audit).toBeLessThanOrEqual(100);
    });
  },
);
