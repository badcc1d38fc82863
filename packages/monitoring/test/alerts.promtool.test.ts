/**
 * `promtool test rules` on the generated rule file: every alert fires on synthetic series that break
 * its condition, and clears when they recover (https://prometheus.io/docs/prometheus/latest/configuration/unit_testing_rules/).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { type AlertThresholds, prometheusAlertRules } from "../src/index.js";
import { promtool } from "./promtool.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sy-monitoring-alerts-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Expected {
  readonly labels: Record<string, string>;
  readonly summary: string;
  readonly description: string;
}

interface Case {
  readonly series: { series: string; values: string }[];
  /** eval time → alerts expected then (empty: none firing). */
  readonly checks: [string, Expected[]][];
}

async function runCase(
  name: string,
  alertname: string,
  c: Case,
  thresholds?: Partial<AlertThresholds>,
): Promise<{ code: number; output: string }> {
  await writeFile(join(dir, `${name}.rules.yml`), prometheusAlertRules(thresholds));
  const unit = {
    rule_files: [`${name}.rules.yml`],
    evaluation_interval: "1m",
    tests: [
      {
        interval: "1m",
        input_series: c.series,
        alert_rule_test: c.checks.map(([eval_time, alerts]) => ({
          eval_time,
          alertname,
          exp_alerts: alerts.map((a) => ({
            exp_labels: a.labels,
            exp_annotations: { summary: a.summary, description: a.description },
          })),
        })),
      },
    ],
  };
  await writeFile(join(dir, `${name}.test.yml`), stringify(unit));
  return promtool(["test", "rules", `${name}.test.yml`], dir);
}

async function expectPasses(name: string, alertname: string, c: Case, thresholds?: Partial<AlertThresholds>) {
  const result = await runCase(name, alertname, c, thresholds);
  expect(result.output).toContain("SUCCESS");
  expect(result.code).toBe(0);
}

const gatewayDown: Case = {
  series: [
    { series: 'up{job="litellm",instance="127.0.0.1:4000",service="litellm"}', values: "1 1 0 0 0 0 1 1 1" },
  ],
  checks: [
    ["1m", []],
    ["2m", []], // down, but for less than 1m
    [
      "4m",
      [
        {
          labels: { severity: "critical", job: "litellm", instance: "127.0.0.1:4000", service: "litellm" },
          summary: "The LiteLLM gateway litellm is down",
          description: "Prometheus cannot scrape 127.0.0.1:4000: clients get no answers.",
        },
      ],
    ],
    ["7m", []],
  ],
};

test("GatewayDown fires after the gateway's scrape fails for 1m and clears when it answers", async () => {
  await expectPasses("gateway-down", "GatewayDown", gatewayDown);
});

test("promtool test rules fails when an expectation is wrong (the unit tests can fail)", async () => {
  const wrong: Case = { ...gatewayDown, checks: [["4m", []]] };
  const result = await runCase("gateway-down-wrong", "GatewayDown", wrong);
  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(/FAILED/);
});

test("ProviderDown fires for a vLLM provider down 2m, with its provider id, and clears", async () => {
  await expectPasses("provider-down", "ProviderDown", {
    series: [
      {
        series: 'up{job="vllm",instance="127.0.0.1:8001",service="vllm",provider="vllm-qwen"}',
        values: "1 0 0 0 0 1 1",
      },
    ],
    checks: [
      ["2m", []],
      [
        "4m",
        [
          {
            labels: {
              severity: "critical",
              job: "vllm",
              instance: "127.0.0.1:8001",
              service: "vllm",
              provider: "vllm-qwen",
            },
            summary: "Provider vllm-qwen is down",
            description:
              "Prometheus cannot scrape vLLM at 127.0.0.1:8001: the gateway routes around it or fails.",
          },
        ],
      ],
      ["6m", []],
    ],
  });
});

test("SwitchyardServerDown fires when Switchyard's server is down 2m and clears", async () => {
  await expectPasses("server-down", "SwitchyardServerDown", {
    series: [
      { series: 'up{job="switchyard",instance="127.0.0.1:4100",service="switchyard"}', values: "0 0 0 0 1" },
    ],
    checks: [
      ["1m", []],
      [
        "3m",
        [
          {
            labels: {
              severity: "warning",
              job: "switchyard",
              instance: "127.0.0.1:4100",
              service: "switchyard",
            },
            summary: "Switchyard's server switchyard is down",
            description:
              "Prometheus cannot scrape 127.0.0.1:4100: flag evaluations and config reports are unavailable.",
          },
        ],
      ],
      ["4m", []],
    ],
  });
});

test("DeploymentOutage fires when LiteLLM marks a deployment in outage (state 2) and clears", async () => {
  await expectPasses("deployment-outage", "DeploymentOutage", {
    series: [
      {
        series:
          'litellm_deployment_state{litellm_model_name="qwen2.5-7b",api_provider="hosted_vllm",api_base="http://127.0.0.1:8001/v1",model_id="a1"}',
        values: "0 2 2 2 2 1 0",
      },
    ],
    checks: [
      ["1m", []],
      [
        "3m",
        [
          {
            labels: {
              severity: "warning",
              litellm_model_name: "qwen2.5-7b",
              api_provider: "hosted_vllm",
              api_base: "http://127.0.0.1:8001/v1",
            },
            summary: "LiteLLM deployment qwen2.5-7b (hosted_vllm) is in outage",
            description: "LiteLLM marks the deployment at http://127.0.0.1:8001/v1 as in outage (state 2).",
          },
        ],
      ],
      ["5m", []],
    ],
  });
});

/** 100 requests a minute; 1 fails a minute, then 20 (minutes 10–30), then 1 again. */
const errorBurst: Case["series"] = [
  { series: 'litellm_proxy_total_requests_metric_total{requested_model="qwen"}', values: "0+100x45" },
  {
    series: 'litellm_proxy_failed_requests_metric_total{requested_model="qwen"}',
    values: "0+1x10 30+20x20 430+1x15",
  },
];

test("GatewayErrorRateHigh fires at 20% failures over 5m (threshold 5%) and clears when they stop", async () => {
  await expectPasses("error-rate", "GatewayErrorRateHigh", {
    series: errorBurst,
    checks: [
      ["9m", []],
      [
        "25m",
        [
          {
            labels: { severity: "critical" },
            summary: "The gateway's error rate is above 5%",
            description: "20% of the gateway's requests failed over the last 5 minutes.",
          },
        ],
      ],
      ["42m", []],
    ],
  });
});

test("GatewayErrorRateHigh matches LiteLLM's older metric names too", async () => {
  await expectPasses("error-rate-older", "GatewayErrorRateHigh", {
    series: errorBurst.map((s) => ({
      ...s,
      series: s.series
        .replace("litellm_proxy_total_requests_metric_total", "litellm_requests_metric_total")
        .replace(
          "litellm_proxy_failed_requests_metric_total",
          "litellm_llm_api_failed_requests_metric_total",
        ),
    })),
    checks: [
      [
        "25m",
        [
          {
            labels: { severity: "critical" },
            summary: "The gateway's error rate is above 5%",
            description: "20% of the gateway's requests failed over the last 5 minutes.",
          },
        ],
      ],
    ],
  });
});

test("a configured error-rate threshold of 25% keeps the same 20% burst quiet", async () => {
  await expectPasses(
    "error-rate-25",
    "GatewayErrorRateHigh",
    { series: errorBurst, checks: [["25m", []]] },
    {
      errorRate: 0.25,
    },
  );
});

test("GatewayLatencyP95High fires when p95 stays above 10s for 10m and clears when requests are fast again", async () => {
  const fastSlowFast = "0+10x10 100+0x25 100+10x20";
  await expectPasses("latency", "GatewayLatencyP95High", {
    series: [
      { series: 'litellm_request_total_latency_metric_bucket{le="1"}', values: fastSlowFast },
      { series: 'litellm_request_total_latency_metric_bucket{le="5"}', values: fastSlowFast },
      { series: 'litellm_request_total_latency_metric_bucket{le="10"}', values: fastSlowFast },
      { series: 'litellm_request_total_latency_metric_bucket{le="30"}', values: "0+10x55" },
      { series: 'litellm_request_total_latency_metric_bucket{le="+Inf"}', values: "0+10x55" },
    ],
    checks: [
      ["8m", []],
      ["15m", []], // slow, but for less than 10m
      [
        "30m",
        [
          {
            labels: { severity: "warning" },
            summary: "The gateway's p95 latency is above 10s",
            description: "95% of requests took up to 29s over the last 5 minutes.",
          },
        ],
      ],
      ["50m", []],
    ],
  });
});

test("CacheHitRateCollapse fires when the hit rate falls from 50% to 5% and clears once the old rate ages out", async () => {
  await expectPasses("cache-collapse", "CacheHitRateCollapse", {
    series: [
      { series: "litellm_proxy_total_requests_metric_total", values: "0+100x150" },
      { series: "litellm_cache_hits_metric_total", values: "0+50x70 3500+5x80" },
    ],
    checks: [
      ["65m", []], // the hour-old rate exists; the current one is still 50%
      ["85m", []], // collapsed, but for less than 15m
      [
        "100m",
        [
          {
            labels: { severity: "warning" },
            summary: "The cache hit rate fell below 50% of what it was an hour ago",
            description: "The cache now answers 5% of requests: check Redis and the cache settings.",
          },
        ],
      ],
      ["150m", []], // an hour ago it was 5% already: below the 10% baseline
    ],
  });
});

test("GatewayErrorRateHigh prefers the current names when LiteLLM exports the deprecated ones beside them", async () => {
  // Recent LiteLLM still increments `litellm_requests_metric` next to the proxy counter: summing both
  // names would halve the error rate. The deprecated failure counter here says nothing failed.
  await expectPasses("error-rate-both", "GatewayErrorRateHigh", {
    series: [
      ...errorBurst,
      { series: 'litellm_requests_metric_total{model="qwen"}', values: "0+100x45" },
      { series: 'litellm_llm_api_failed_requests_metric_total{model="qwen"}', values: "0+0x45" },
    ],
    checks: [
      [
        "25m",
        [
          {
            labels: { severity: "critical" },
            summary: "The gateway's error rate is above 5%",
            description: "20% of the gateway's requests failed over the last 5 minutes.",
          },
        ],
      ],
    ],
  });
});

const auditDrop: Case["series"] = [
  {
    series: 'switchyard_config_audit_score{job="switchyard",instance="127.0.0.1:4100",service="switchyard"}',
    values: "92x10 71x30 95x20",
  },
];

test("ConfigAuditScoreLow fires when the server's audit score stays below 80 for 15m and clears when fixed", async () => {
  await expectPasses("audit-score", "ConfigAuditScoreLow", {
    series: auditDrop,
    checks: [
      ["9m", []],
      ["20m", []], // below, but for less than 15m
      [
        "35m",
        [
          {
            labels: { severity: "warning", instance: "127.0.0.1:4100", service: "switchyard" },
            summary: "The config audit score is below 80",
            description:
              "Switchyard's server at 127.0.0.1:4100 audits its config directory at 71: run `switchyard audit` there.",
          },
        ],
      ],
      ["50m", []],
    ],
  });
});

test("a configured audit gate of 70 keeps a score of 71 quiet", async () => {
  await expectPasses(
    "audit-score-70",
    "ConfigAuditScoreLow",
    { series: auditDrop, checks: [["35m", []]] },
    { auditMinScore: 70 },
  );
});
