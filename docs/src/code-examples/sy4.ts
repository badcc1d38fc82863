/** Checked examples of the LiteLLM generation, drift, import and reload codes (SY4xxx): see run.ts. */
import { appendFile, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import type { CodeExample, ExampleServer } from "./run.ts";

const PROVIDERS = "config/providers.yaml";
const MAPPINGS = "config/model-mappings.yaml";
const PORTS = "config/ports.yaml";
const GENERATE = ["generate", "config"] as const;
const CHECK = ["generate", "config", "--check"] as const;
/** The port the pages show for the stand-in gateway of the reload examples (the run's is free-chosen). */
const GATEWAY_PORT = 47_012;

/**
 * A stand-in LiteLLM gateway (shown on {@link GATEWAY_PORT}) that answers the reload's three gates:
 * liveliness always, readiness with `ready`'s status, `/v1/models` with `models`.
 */
function standInGateway(ready: number, models: readonly string[]): ExampleServer {
  return {
    shownPort: GATEWAY_PORT,
    create: () =>
      createServer((request, response) => {
        const status =
          request.url === "/health/liveliness" ? 200 : request.url === "/health/readiness" ? ready : 200;
        const body =
          request.url === "/v1/models"
            ? { object: "list", data: models.map((id) => ({ id, object: "model", owned_by: "openai" })) }
            : { status: status === 200 ? "healthy" : "unhealthy" };
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      }),
  };
}
/**
 * `switchyard reload config` of the copied set against `gatewayUrl`, restarting the gateway with
 * `restartCommand`; the restart and each health gate may take one second.
 */
function reload(gatewayUrl: string, restartCommand: string): readonly string[] {
  return [
    "reload",
    "config",
    "--gateway-url",
    gatewayUrl,
    "--timeout",
    "1",
    "--restart-command",
    restartCommand,
  ];
}
/** A gateway URL where nothing listens (port 9, discard). */
const NOTHING_LISTENS = "http://127.0.0.1:9";
const RELOAD_STAND_IN = reload(`http://127.0.0.1:${GATEWAY_PORT}`, "true");

/** `switchyard generate monitoring` of the copied set into `mon/`, run before a monitoring example. */
const MONITORING = ["generate", "monitoring", "config", "--out", "mon"] as const;
const MONITORING_CHECK = [...MONITORING, "--check"] as const;

/**
 * A monitoring example: `switchyard generate monitoring config --out mon`, then `change` in the
 * working directory (what it does, in words: `then`), then the same command with `--check`.
 */
function monitoringExample(
  code: string,
  what: string,
  then: string,
  change: (cwd: string) => Promise<void>,
): CodeExample {
  return {
    code,
    what,
    setupNote: `\`switchyard ${MONITORING.join(" ")}\`, then ${then}`,
    setup: async (cwd, run) => {
      await run(MONITORING);
      await change(cwd);
    },
    args: MONITORING_CHECK,
    head: 8,
  };
}

/** Replace a file's text (relative to `cwd`) by what `change` makes of it. */
async function rewrite(cwd: string, file: string, change: (text: string) => string): Promise<void> {
  const path = join(cwd, file);
  await writeFile(path, change(await readFile(path, "utf8")));
}

const PROMETHEUS_YML = "mon/prometheus/prometheus.yml";

/** The monitoring examples: a set that cannot be generated, then generate into `mon/`, change one thing and `--check`. */
const SY44_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY4400",
    what: "A `monitoring:` threshold written as a percentage where a share (0–1) belongs: nothing is generated.",
    edits: [
      {
        file: PORTS,
        from: "    description: Prometheus exporter of Redis's metrics.\n",
        to: "    description: Prometheus exporter of Redis's metrics.\n\nmonitoring:\n  thresholds:\n    error_rate: 5 # meant 5 %\n",
      },
    ],
    args: MONITORING,
  },
  monitoringExample(
    "SY4401",
    "A generated dashboard was deleted.",
    "`mon/grafana/dashboards/switchyard-cache.json` is deleted.",
    (cwd) => rm(join(cwd, "mon/grafana/dashboards/switchyard-cache.json")),
  ),
  monitoringExample(
    "SY4402",
    "A service moved to another port after the monitoring was generated: every file's sources changed.",
    "vllm's port in `config/ports.yaml` goes from 8001 to 8002.",
    (cwd) => rewrite(cwd, PORTS, (text) => text.replace("port: 8001", "port: 8002")),
  ),
  monitoringExample(
    "SY4403",
    "A line added by hand to the generated Prometheus config.",
    `a line is appended to \`${PROMETHEUS_YML}\`.`,
    (cwd) => appendFile(join(cwd, PROMETHEUS_YML), "# scrape my own exporter too\n"),
  ),
  monitoringExample(
    "SY4404",
    "A hand-made Prometheus config where the generated one belongs.",
    `\`${PROMETHEUS_YML}\` is replaced by a file without Switchyard's header.`,
    (cwd) => writeFile(join(cwd, PROMETHEUS_YML), "global:\n  scrape_interval: 15s\n"),
  ),
  monitoringExample(
    "SY4405",
    "A file generated by another version of @switchyard/monitoring (same sources, other text).",
    `the header of \`${PROMETHEUS_YML}\` names version 0.0.9 of the generator.`,
    (cwd) =>
      rewrite(cwd, PROMETHEUS_YML, (text) =>
        text.replace(/@switchyard\/monitoring \S+/, "@switchyard/monitoring 0.0.9"),
      ),
  ),
];

export const SY4_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY4003",
    what: "A pattern with `?`, which LiteLLM's wildcards cannot express.",
    edits: [{ file: MAPPINGS, from: "  - pattern: ollama/*\n", to: "  - pattern: ollama/llama3.?\n" }],
    args: GENERATE,
  },

  {
    code: "SY4006",
    what: "A master-key variable name that no shell can export.",
    args: ["generate", "config", "--master-key-env", "litellm-key"],
  },
  {
    code: "SY4010",
    what: "An exact match that routes to a disabled provider: it is left out.",
    edits: [
      {
        file: MAPPINGS,
        from: "  phi-3.5-mini:\n    provider: llamacpp-native\n",
        to: "  phi-3.5-mini:\n    provider: llamacpp-native\n  dolphin:\n    provider: vllm-dolphin\n    model: cognitivecomputations/Dolphin3.0-Llama3.1-8B\n",
      },
    ],
    args: GENERATE,
  },

  {
    code: "SY4013",
    what: "A literal API key in providers.yaml, which generation copies into the LiteLLM config.",
    edits: [
      {
        file: PROVIDERS,
        from: "    api_key: os.environ/OPENAI_API_KEY\n",
        to: "    api_key: sk-proj-0123456789abcdefghijklmnopqrstuv\n",
      },
    ],
    args: GENERATE,
  },
  {
    code: "SY4014",
    what: "An Azure provider without `api_version`.",
    edits: [
      {
        file: PROVIDERS,
        from: "  openai:\n    type: openai\n",
        to: "  azure:\n    type: azure\n    base_url: https://example-resource.openai.azure.com\n    api_key: os.environ/AZURE_API_KEY\n    models:\n      - name: gpt-4o\n  openai:\n    type: openai\n",
      },
      {
        file: MAPPINGS,
        from: "  gpt-4o:\n    provider: openai\n",
        to: "  gpt-4o:\n    provider: azure\n",
      },
    ],
    args: GENERATE,
  },

  {
    code: "SY4030",
    what: "A ports.yaml without a Redis service: the response cache is off.",
    edits: [
      { file: PORTS, from: "    depends_on: [redis, ollama]\n", to: "    depends_on: [ollama]\n" },
      { file: PORTS, from: "  redis:\n    port: 6379\n", to: "  cache:\n    port: 6379\n" },
      {
        file: PORTS,
        from: "    expected_processes: [redis-server]\n",
        to: "    expected_processes: [keydb-server]\n",
      },
    ],
    args: GENERATE,
  },
  {
    code: "SY4031",
    what: "Redis registered on the wildcard address `0.0.0.0`.",
    edits: [
      {
        file: PORTS,
        from: "  redis:\n    port: 6379\n",
        to: "  redis:\n    host: 0.0.0.0\n    port: 6379\n",
      },
    ],
    args: GENERATE,
  },
  {
    code: "SY4040",
    what: "A load-balancing group with its own strategy, which LiteLLM cannot apply to one group.",
    edits: [
      {
        file: MAPPINGS,
        from: "  local-chat:\n    strategy: simple-shuffle\n",
        to: "  local-chat:\n    strategy: least-busy\n",
      },
    ],
    args: GENERATE,
  },
  {
    code: "SY4043",
    what: "Weighted deployments under a routing strategy that ignores weights.",
    edits: [
      {
        file: MAPPINGS,
        from: "  strategy: simple-shuffle\n  num_retries: 2\n",
        to: "  strategy: least-busy\n  num_retries: 2\n",
      },
      { file: MAPPINGS, from: "  local-chat:\n    strategy: simple-shuffle\n", to: "  local-chat:\n" },
    ],
    args: GENERATE,
  },
  {
    code: "SY4101",
    what: "A drift check before `switchyard generate` ever ran.",
    args: CHECK,
    head: 8,
  },
  {
    code: "SY4102",
    what: "A source changed after the LiteLLM config was generated.",
    setupNote: "`switchyard generate config`, then `rpm: 500` of `gpt-4o` becomes `rpm: 600`.",
    setup: async (cwd, run) => {
      await run(GENERATE);
      await rewrite(cwd, MAPPINGS, (text) => text.replace("rpm: 500", "rpm: 600"));
    },
    args: CHECK,
  },
  {
    code: "SY4103",
    what: "The generated file edited by hand.",
    setupNote: "`switchyard generate config`, then a line is appended to `config/litellm-unified.yaml`.",
    setup: async (cwd, run) => {
      await run(GENERATE);
      await appendFile(join(cwd, "config/litellm-unified.yaml"), "# tuned by hand\n");
    },
    args: CHECK,
  },
  {
    code: "SY4104",
    what: "A `litellm-unified.yaml` that Switchyard did not write (no header).",
    files: {
      "config/litellm-unified.yaml":
        "model_list:\n  - model_name: llama3.1\n    litellm_params:\n      model: ollama/llama3.1:8b\n",
    },
    args: CHECK,
    head: 8,
  },
  {
    code: "SY4105",
    what: "A file generated with other options (here with `--prometheus`) than the check uses.",
    setupNote: "`switchyard generate config --prometheus`",
    setup: async (_cwd, run) => {
      await run(["generate", "config", "--prometheus"]);
    },
    args: CHECK,
  },
  {
    code: "SY4110",
    what: "Generating over a file that Switchyard did not write.",
    files: {
      "config/litellm-unified.yaml":
        "model_list:\n  - model_name: llama3.1\n    litellm_params:\n      model: ollama/llama3.1:8b\n",
    },
    args: GENERATE,
  },
  {
    code: "SY4011",
    what: "A load-balancing group whose every deployment is on a disabled provider.",
    edits: [
      {
        file: MAPPINGS,
        from: "load_balancing:\n",
        to: "load_balancing:\n  dolphin-pool:\n    deployments:\n      - provider: vllm-dolphin\n        model: cognitivecomputations/Dolphin3.0-Llama3.1-8B\n",
      },
    ],
    args: GENERATE,
  },
  {
    code: "SY4020",
    what: "Fallbacks of an exact match whose provider is disabled.",
    edits: [
      {
        file: MAPPINGS,
        from: "  phi-3.5-mini:\n    provider: llamacpp-native\n",
        to: "  phi-3.5-mini:\n    provider: llamacpp-native\n  dolphin:\n    provider: vllm-dolphin\n    model: cognitivecomputations/Dolphin3.0-Llama3.1-8B\n    fallbacks: [llama3.1]\n",
      },
    ],
    args: GENERATE,
  },
  {
    code: "SY4021",
    what: "A fallback to a model whose only provider is disabled.",
    edits: [
      {
        file: MAPPINGS,
        from: "  phi-3.5-mini:\n    provider: llamacpp-native\n",
        to: "  phi-3.5-mini:\n    provider: llamacpp-native\n  dolphin:\n    provider: vllm-dolphin\n    model: cognitivecomputations/Dolphin3.0-Llama3.1-8B\n",
      },
      {
        file: MAPPINGS,
        from: "  mistral-7b: [phi-3.5-mini, llama3.1]",
        to: "  mistral-7b: [phi-3.5-mini, dolphin]",
      },
    ],
    args: GENERATE,
  },
  {
    code: "SY4042",
    what: "A wildcard route without `health_check_model`, and no model of its provider that matches it.",
    edits: [{ file: MAPPINGS, from: "    health_check_model: llama3.1:8b\n", to: "" }],
    args: GENERATE,
  },
  {
    code: "SY4050",
    what: "A passthrough file with a section generation cannot merge.",
    files: { "config/litellm-passthrough.yaml": "litellm_setings:\n  drop_params: true\n" },
    args: GENERATE,
  },
  {
    code: "SY4051",
    what: "A passthrough setting that the sources already generate with another value.",
    files: { "config/litellm-passthrough.yaml": "litellm_settings:\n  drop_params: false\n" },
    args: GENERATE,
  },
  {
    code: "SY4052",
    what: "Passthrough extras for a deployment the sources no longer generate (a renamed model).",
    files: {
      "config/litellm-passthrough.yaml":
        "deployments:\n  - model_name: llama3\n    provider: ollama\n    model: llama3:8b\n    litellm_params:\n      stream_timeout: 30\n",
    },
    args: GENERATE,
  },
  {
    code: "SY4053",
    what: "A deployment carried verbatim (written by `switchyard import`) whose id is also a public model name.",
    files: {
      "config/litellm-passthrough.yaml":
        "model_list:\n  - model_name: claude\n    litellm_params:\n      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0\n    model_info:\n      id: gpt-4o\n",
    },
    args: GENERATE,
  },
  {
    code: "SY4200",
    what: "A LiteLLM config without `model_list`.",
    files: { "litellm.yaml": "general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n" },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4201",
    what: "`include:` written as one path instead of a list.",
    files: {
      "litellm.yaml":
        "include: models.yaml\nmodel_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n",
      "models.yaml": "model_list: []\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4202",
    what: "Two included files that include each other.",
    files: {
      "litellm.yaml":
        "include: [a.yaml]\nmodel_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n",
      "a.yaml": "include: [b.yaml]\n",
      "b.yaml": "include: [a.yaml]\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4203",
    what: "The same file included twice.",
    files: {
      "litellm.yaml": "include: [extra.yaml, extra.yaml]\nmodel_list: []\n",
      "extra.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4210",
    what: "A Bedrock deployment, a provider Switchyard has no type for.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: claude\n    litellm_params:\n      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0\n      aws_region_name: us-east-1\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4211",
    what: "An unquoted `model_name: 3:30`, which PyYAML reads as the number 210.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n  - model_name: 3:30\n    litellm_params:\n      model: ollama/qwen2.5:7b\n      api_base: http://127.0.0.1:11434\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4213",
    what: "An OpenAI-compatible local server without an `api_key` of its own.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: qwen\n    litellm_params:\n      model: openai/Qwen/Qwen2.5-7B-Instruct\n      api_base: http://127.0.0.1:8001/v1\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4214",
    what: "A literal OpenAI key in the LiteLLM config.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: sk-proj-0123456789abcdefghijklmnopqrstuv\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4215",
    what: "A `routing_strategy` that LiteLLM does not have.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\nrouter_settings:\n  routing_strategy: fastest\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4218",
    what: "An `openai/` deployment on port 8080, taken for llama.cpp's llama-server.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: phi\n    litellm_params:\n      model: openai/phi-3.5-mini\n      api_base: http://127.0.0.1:8080/v1\n      api_key: os.environ/LLAMACPP_API_KEY\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4219",
    what: "An import with `--generate-ids` of deployments that have no `model_info.id`.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported", "--generate-ids"],
  },
  {
    code: "SY4220",
    what: "An import into a directory that already holds a config set.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "config"],
  },
  {
    code: "SY4221",
    what: "An import whose output directory is a file.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n",
      imported: "not a directory\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4222",
    what: "A small LiteLLM config: the import checks that generating from its files gives the same config back.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4223",
    what: "`router_settings.fallbacks` with an entry that is not a one-key map.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\n  - model_name: qwen\n    litellm_params:\n      model: ollama/qwen2.5:7b\n      api_base: http://127.0.0.1:11434\nrouter_settings:\n  fallbacks:\n    - llama3: [qwen]\n      qwen: [llama3]\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported"],
  },
  {
    code: "SY4224",
    what: "An empty `general_settings:` section, left out with `--drop-empty-sections`.",
    files: {
      "litellm.yaml":
        "model_list:\n  - model_name: llama3\n    litellm_params:\n      model: ollama/llama3.1:8b\n      api_base: http://127.0.0.1:11434\ngeneral_settings:\n  # master_key: os.environ/LITELLM_MASTER_KEY\n",
    },
    args: ["import", "litellm", "litellm.yaml", "--out", "imported", "--drop-empty-sections"],
  },
  {
    code: "SY4300",
    what: "A gateway URL that is not http(s).",
    args: ["reload", "config", "--gateway-url", "ftp://127.0.0.1:4000"],
  },
  {
    code: "SY4301",
    what: "A restart command that fails (here `false`; in life a unit name with a typo).",
    env: { LITELLM_MASTER_KEY: "sk-local-test" },
    args: reload(NOTHING_LISTENS, "false"),
  },
  {
    code: "SY4302",
    what: "A gateway that never comes up after the restart (nothing listens on its port).",
    env: { LITELLM_MASTER_KEY: "sk-local-test" },
    args: reload(NOTHING_LISTENS, "true"),
  },
  {
    code: "SY4305",
    what: "A reload where the master key's variable is not set.",
    args: reload(NOTHING_LISTENS, "true"),
  },
  {
    code: "SY4306",
    what: "A failed reload whose rollback cannot bring the gateway back either (the restart command fails both times).",
    env: { LITELLM_MASTER_KEY: "sk-local-test" },
    args: reload(NOTHING_LISTENS, "exit 3"),
  },
  {
    code: "SY4303",
    what: "A gateway that is alive but never ready (LiteLLM cannot reach its database).",
    env: { LITELLM_MASTER_KEY: "sk-local-test" },
    setupNote: `a stand-in gateway on 127.0.0.1:${GATEWAY_PORT} answers /health/liveliness with 200 and /health/readiness with 503.`,
    server: standInGateway(503, []),
    args: RELOAD_STAND_IN,
  },
  {
    code: "SY4304",
    what: "A gateway that serves other models than the generated config names (an old proxy still answering).",
    env: { LITELLM_MASTER_KEY: "sk-local-test" },
    setupNote: `a stand-in gateway on 127.0.0.1:${GATEWAY_PORT} is healthy and lists only \`llama3.1\` in /v1/models.`,
    server: standInGateway(200, ["llama3.1"]),
    args: RELOAD_STAND_IN,
  },
  ...SY44_EXAMPLES,
];
