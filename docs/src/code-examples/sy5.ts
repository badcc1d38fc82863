/** Checked examples of the audit codes (SY5xxx): see run.ts. */
import { execFileSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CodeExample } from "./run.ts";

const PROVIDERS = "config/providers.yaml";
const MAPPINGS = "config/model-mappings.yaml";
const PORTS = "config/ports.yaml";
const audit = (focus: string) => ["audit", "config", "--focus", focus] as const;
/** A LiteLLM config written by hand (no Switchyard header) with `extra` appended. */
const litellm = (extra: string) =>
  `model_list:\n  - model_name: llama3.1\n    litellm_params:\n      model: ollama_chat/llama3.1:8b\n      api_base: http://127.0.0.1:11434\ngeneral_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n${extra}`;

export const SY5_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY5001",
    what: "A misspelled audit category.",
    args: ["audit", "config", "--focus", "securty"],
  },
  {
    code: "SY5002",
    what: "An audit of a directory that does not exist.",
    args: ["audit", "conf"],
  },
  {
    code: "SY5004",
    what: "A baseline file that is not JSON.",
    files: { "baseline.json": "findings: []\n" },
    args: ["audit", "config", "--focus", "security", "--baseline", "baseline.json"],
  },
  {
    code: "SY5101",
    what: "An OpenAI key written into providers.yaml.",
    edits: [
      {
        file: PROVIDERS,
        from: "    api_key: os.environ/OPENAI_API_KEY\n",
        to: "    api_key: sk-proj-0123456789abcdefghijklmnopqrstuv\n",
      },
    ],
    args: audit("security"),
  },
  {
    code: "SY5102",
    what: "A random-looking Langfuse secret in a hand-kept LiteLLM config.",
    files: {
      "config/litellm-unified.yaml": litellm("litellm_settings:\n  langfuse_secret: 7hG2kP9xQ4mZ8vT1wR5y\n"),
    },
    args: audit("security"),
  },
  {
    code: "SY5103",
    what: "A literal master key in a hand-kept LiteLLM config.",
    files: {
      "config/litellm-unified.yaml": litellm("").replace(
        "master_key: os.environ/LITELLM_MASTER_KEY",
        "master_key: sk-1234",
      ),
    },
    args: audit("security"),
  },
  {
    code: "SY5104",
    what: "A LiteLLM config without `general_settings.master_key`.",
    files: {
      "config/litellm-unified.yaml": litellm("").replace(
        "  master_key: os.environ/LITELLM_MASTER_KEY\n",
        "  {}\n",
      ),
    },
    args: audit("security"),
  },
  {
    code: "SY5105",
    what: "A vLLM server on another machine reached over plain http.",
    edits: [
      {
        file: PROVIDERS,
        from: "    base_url: http://127.0.0.1:8001/v1\n    status: active\n",
        to: "    base_url: http://10.0.0.12:8001/v1\n    status: active\n",
      },
    ],
    args: audit("security"),
  },
  {
    code: "SY5106",
    what: "The gateway listens on every interface and its LiteLLM config has no master key.",
    edits: [
      {
        file: PORTS,
        from: "  litellm:\n    port: 4000\n",
        to: "  litellm:\n    host: 0.0.0.0\n    port: 4000\n",
      },
    ],
    files: {
      "config/litellm-unified.yaml": litellm("").replace(
        "  master_key: os.environ/LITELLM_MASTER_KEY\n",
        "  {}\n",
      ),
    },
    args: audit("security"),
  },
  {
    code: "SY5107",
    what: "A cache on a Redis of another host, without a password.",
    files: {
      "config/litellm-unified.yaml": litellm(
        "litellm_settings:\n  cache: true\n  cache_params:\n    type: redis\n    host: redis.internal\n    port: 6379\n",
      ),
    },
    args: audit("security"),
  },
  {
    code: "SY5108",
    what: "A database URL with its password in it.",
    files: {
      "config/litellm-unified.yaml": litellm("").replace(
        "general_settings:\n",
        "general_settings:\n  database_url: postgresql://litellm:hunter2@db:5432/litellm\n",
      ),
    },
    args: audit("security"),
  },
  {
    code: "SY5201",
    what: "A config directory that is not in a git repository (here: the init set as written).",
    args: audit("compliance"),
  },
  {
    code: "SY5202",
    what: "Config files in git, but never changed through Switchyard (so none has a backup).",
    setupNote: "`git init` and a first commit of `config/`.",
    setup: async (cwd) => gitCommit(cwd),
    args: audit("compliance"),
  },
  {
    code: "SY5203",
    what: "The newest backup of providers.yaml is not a config file (a truncated copy).",
    setupNote: "`git init` and a first commit, then a truncated backup of `providers.yaml`.",
    setup: async (cwd) => {
      await gitCommit(cwd);
      await writeFile(
        join(cwd, "config/providers.yaml.backup-20260101_120000"),
        "providers:\n  ollama:\n    type: oll",
      );
    },
    args: audit("compliance"),
  },
  {
    code: "SY5204",
    what: "A set in git with backups, but whose history of migrations is missing.",
    setupNote: "`git init` and a first commit, then a copy of each file as its backup.",
    setup: async (cwd) => {
      await gitCommit(cwd);
      for (const name of ["providers.yaml", "model-mappings.yaml", "ports.yaml", "feature-flags.yaml"])
        execFileSync("cp", [
          join(cwd, "config", name),
          join(cwd, "config", `${name}.backup-20260101_120000`),
        ]);
    },
    args: audit("compliance"),
  },
  {
    code: "SY5205",
    what: "A set still at schema 1.0.0 (the legacy example).",
    args: ["audit", "legacy", "--focus", "compliance"],
  },
  {
    code: "SY5206",
    what: "A `litellm-unified.yaml` that Switchyard did not write.",
    files: { "config/litellm-unified.yaml": litellm("") },
    args: audit("compliance"),
  },
  {
    code: "SY5301",
    what: "A LiteLLM config without a response cache.",
    files: { "config/litellm-unified.yaml": litellm("") },
    args: audit("performance"),
  },
  {
    code: "SY5302",
    what: "No request timeout anywhere: not in `routing`, not on any provider.",
    edits: [
      { file: MAPPINGS, from: "  timeout_seconds: 600\n", to: "" },
      {
        file: PROVIDERS,
        from: "    timeouts:\n      connect_seconds: 5\n      request_seconds: 120\n",
        to: "",
      },
      { file: PROVIDERS, from: "    timeouts:\n      request_seconds: 300\n", to: "" },
    ],
    args: audit("performance"),
  },
  {
    code: "SY5303",
    what: "A request timeout of two hours.",
    edits: [{ file: MAPPINGS, from: "  timeout_seconds: 600\n", to: "  timeout_seconds: 7200\n" }],
    args: audit("performance"),
  },
  {
    code: "SY5304",
    what: "Public models without a fallback (here: the init set as written).",
    args: audit("performance"),
  },
  {
    code: "SY5305",
    what: "A model that three others fall back to, served by a single deployment (here: the init set as written).",
    args: audit("performance"),
  },
  {
    code: "SY5306",
    what: "Twenty retries per request.",
    edits: [{ file: MAPPINGS, from: "  num_retries: 2\n", to: "  num_retries: 20\n" }],
    args: audit("performance"),
  },
  {
    code: "SY5401",
    what: "A config directory without providers.yaml.",
    setupNote: "`rm config/providers.yaml`",
    setup: async (cwd) => rm(join(cwd, PROVIDERS)),
    args: audit("completeness"),
  },
  {
    code: "SY5402",
    what: "A set that does not validate (a port out of range).",
    edits: [{ file: PORTS, from: "    port: 11434\n", to: "    port: 114340\n" }],
    args: audit("completeness"),
  },
  {
    code: "SY5403",
    what: "A provider with an empty `models` list.",
    edits: [
      {
        file: PROVIDERS,
        from: "  openai:\n    type: openai\n",
        to: "  groq:\n    type: groq\n    api_key: os.environ/GROQ_API_KEY\n    models: []\n  openai:\n    type: openai\n",
      },
    ],
    args: audit("completeness"),
  },
  {
    code: "SY5404",
    what: "An active provider that no route uses.",
    edits: [
      {
        file: PROVIDERS,
        from: "  openai:\n    type: openai\n",
        to: "  groq:\n    type: groq\n    api_key: os.environ/GROQ_API_KEY\n    models:\n      - name: llama-3.1-8b-instant\n  openai:\n    type: openai\n",
      },
    ],
    args: audit("completeness"),
  },
  {
    code: "SY5405",
    what: "A required service without a health URL.",
    edits: [{ file: PORTS, from: "    health_url: http://127.0.0.1:11434/api/version\n", to: "" }],
    args: audit("completeness"),
  },
  {
    code: "SY5406",
    what: "A flag whose end date has passed.",
    edits: [
      {
        file: "config/feature-flags.yaml",
        from: "    rollout_percentage: 25\n",
        to: "    rollout_percentage: 25\n    end_date: 2024-01-31\n",
      },
    ],
    args: audit("completeness"),
  },
  {
    code: "SY5407",
    what: "`providers.yaml` is a directory.",
    setupNote: "`rm config/providers.yaml && mkdir config/providers.yaml`",
    setup: async (cwd) => {
      await rm(join(cwd, PROVIDERS));
      await mkdir(join(cwd, PROVIDERS));
    },
    args: audit("completeness"),
  },
  {
    code: "SY5501",
    what: "`store_model_in_db: true` in a hand-kept LiteLLM config.",
    files: { "config/litellm-unified.yaml": litellm("  store_model_in_db: true\n") },
    args: audit("litellm"),
  },
  {
    code: "SY5502",
    what: "The response cache and the router's state in the same Redis.",
    files: {
      "config/litellm-unified.yaml": litellm(
        "litellm_settings:\n  cache: true\n  cache_params:\n    type: redis\n    host: 127.0.0.1\n    port: 6379\nrouter_settings:\n  redis_host: 127.0.0.1\n  redis_port: 6379\n",
      ),
    },
    args: audit("litellm"),
  },
  {
    code: "SY5503",
    what: "A misspelled `router_settings` key.",
    files: {
      "config/litellm-unified.yaml": litellm("router_settings:\n  routing_stratgy: latency-based-routing\n"),
    },
    args: audit("litellm"),
  },
  {
    code: "SY5504",
    what: "A misspelled `litellm_settings` key.",
    files: { "config/litellm-unified.yaml": litellm("litellm_settings:\n  request_timout: 120\n") },
    args: audit("litellm"),
  },
];

/** `git init` in the working directory and a first commit of everything in it. */
async function gitCommit(cwd: string): Promise<void> {
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=docs", "-c", "user.email=docs@example.com", ...args], {
      cwd,
      stdio: "ignore",
    });
  git("init", "-q");
  git("add", "config");
  git("commit", "-q", "-m", "config");
  await mkdir(join(cwd, "config/.switchyard"), { recursive: true });
}
