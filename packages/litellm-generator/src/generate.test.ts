import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { LiteLLMDeployment } from "@switchyard/config-schema/schemas";
import { sha256 } from "@switchyard/config-schema/text";
import { describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { configSet, yaml } from "../test/helpers.js";
import { generateLiteLLMConfig } from "./generate.js";
import { parseGeneratedHeader } from "./header.js";
import type { GenerateOptions, GenerationSuccess } from "./types.js";

const PROVIDERS = yaml`
  schema_version: "2.0.0"
  providers:
    ollama:
      type: ollama
      base_url: http://127.0.0.1:11434/v1/
      timeouts: { request_seconds: 300, stream_seconds: 45 }
      models:
        - { name: "llama3.1:8b", mode: chat, context_length: 131072 }
        - { name: nomic-embed-text, mode: embedding }
    vllm:
      type: vllm
      base_url: http://127.0.0.1:8001
      max_retries: 2
      rpm: 60
      models:
        - { name: qwen2.5-7b, max_output_tokens: 4096 }
        - { name: qwen2.5-14b }
    llamacpp:
      type: llamacpp
      base_url: http://127.0.0.1:8080
      models: [{ name: phi-3 }]
    pycpp:
      type: llamacpp_python
      base_url: http://127.0.0.1:8090/v1
      models: [{ name: mistral-7b }]
    lmstudio:
      type: openai_compatible
      base_url: http://127.0.0.1:1234
      api_key: os.environ/LMSTUDIO_KEY
      models: [{ name: local-model }]
    gateway:
      type: openai_compatible
      base_url: http://10.0.0.5:9000/api/openai
      models: [{ name: upstream }]
    openai:
      type: openai
      models: [{ name: gpt-4o-mini }]
    proxyai:
      type: openai
      base_url: https://openai-proxy.example.com/v1
      api_key: os.environ/PROXY_KEY
      models: [{ name: gpt-4o }]
    anthropic:
      type: anthropic
      models: [{ name: claude-3-5-haiku-latest }]
    azure:
      type: azure
      base_url: https://res.openai.azure.com/
      api_key: os.environ/AZURE_KEY
      api_version: "2024-10-21"
      models: [{ name: prod-gpt4o }]
    gemini:
      type: gemini
      base_url: https://generativelanguage.googleapis.com
      models: [{ name: gemini-1.5-flash }]
    mistral:
      type: mistral
      base_url: https://api.mistral.ai/v1
      models: [{ name: mistral-small-latest }]
    groq:
      type: groq
      base_url: https://api.groq.com/openai/v1
      models: [{ name: llama-3.1-8b-instant }]
    openrouter:
      type: openrouter
      base_url: https://openrouter.ai/api/v1
      models: [{ name: meta-llama/llama-3.1-70b-instruct }]
    deepseek:
      type: deepseek
      base_url: https://api.deepseek.com
      models: [{ name: deepseek-chat }]
    together:
      type: together_ai
      base_url: https://api.together.xyz/v1
      models: [{ name: meta-llama/Llama-3-8b-chat-hf }]
    retired:
      type: vllm
      base_url: http://127.0.0.1:8002/v1
      status: disabled
      models: [{ name: old-model }]
`;

const ALL_EXACT = yaml`
  schema_version: "2.0.0"
  exact_matches:
    llama3: { provider: ollama, model: "llama3.1:8b" }
    embed: { provider: ollama, model: nomic-embed-text }
    qwen: { provider: vllm, model: qwen2.5-7b, rpm: 30 }
    phi: { provider: llamacpp, model: phi-3 }
    mistral-local: { provider: pycpp, model: mistral-7b }
    local: { provider: lmstudio, model: local-model }
    upstream: { provider: gateway }
    gpt-4o-mini: { provider: openai }
    gpt-4o: { provider: proxyai }
    haiku: { provider: anthropic, model: claude-3-5-haiku-latest }
    azure-gpt: { provider: azure, model: prod-gpt4o }
    flash: { provider: gemini, model: gemini-1.5-flash }
    mistral-small: { provider: mistral, model: mistral-small-latest }
    groq-llama: { provider: groq, model: llama-3.1-8b-instant }
    router-llama: { provider: openrouter, model: meta-llama/llama-3.1-70b-instruct }
    deepseek: { provider: deepseek, model: deepseek-chat }
    together-llama: { provider: together, model: meta-llama/Llama-3-8b-chat-hf }
`;

async function generate(
  files: Record<string, string>,
  options: GenerateOptions = {},
): Promise<GenerationSuccess> {
  const result = generateLiteLLMConfig(await configSet(files), options);
  if (!result.ok) throw new Error(`generation failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result;
}

function entriesOf(result: GenerationSuccess, name: string): LiteLLMDeployment[] {
  return result.config.model_list.filter((e) => e.model_name === name);
}

function params(result: GenerationSuccess, name: string): Record<string, unknown> {
  const [entry, ...rest] = entriesOf(result, name);
  expect(rest).toEqual([]);
  return { ...entry!.litellm_params };
}

function codes(notes: readonly Diagnostic[]): string[] {
  return notes.map((n) => n.code);
}

describe("addressing per provider type", () => {
  test("each provider type gets LiteLLM's prefix and key convention; base URLs are written exactly as given", async () => {
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": ALL_EXACT });
    // Never rewritten, not even a trailing slash: `switchyard validate` suggests the path (SY2032).
    expect(params(result, "llama3")).toEqual({
      model: "ollama_chat/llama3.1:8b",
      api_base: "http://127.0.0.1:11434/v1/",
      timeout: 300,
      stream_timeout: 45,
    });
    expect(params(result, "embed")).toMatchObject({
      model: "ollama/nomic-embed-text",
      api_base: "http://127.0.0.1:11434/v1/",
    });
    expect(params(result, "qwen")).toEqual({
      model: "hosted_vllm/qwen2.5-7b",
      api_base: "http://127.0.0.1:8001",
      max_retries: 2,
      rpm: 30,
    });
    // Servers behind LiteLLM's OpenAI client get a key of their own, named after the provider id,
    // so that LiteLLM never sends them its OPENAI_API_KEY.
    expect(params(result, "phi")).toEqual({
      model: "openai/phi-3",
      api_base: "http://127.0.0.1:8080",
      api_key: "os.environ/LLAMACPP_API_KEY",
    });
    expect(params(result, "mistral-local")).toEqual({
      model: "openai/mistral-7b",
      api_base: "http://127.0.0.1:8090/v1",
      api_key: "os.environ/PYCPP_API_KEY",
    });
    expect(params(result, "local")).toEqual({
      model: "openai/local-model",
      api_base: "http://127.0.0.1:1234",
      api_key: "os.environ/LMSTUDIO_KEY",
    });
    expect(params(result, "upstream")).toEqual({
      model: "openai/upstream",
      api_base: "http://10.0.0.5:9000/api/openai",
      api_key: "os.environ/GATEWAY_API_KEY",
    });
    // A cloud provider without base_url or api_key: LiteLLM's own endpoint and key variable.
    expect(params(result, "gpt-4o-mini")).toEqual({ model: "openai/gpt-4o-mini" });
    expect(params(result, "haiku")).toEqual({ model: "anthropic/claude-3-5-haiku-latest" });
    expect(params(result, "gpt-4o")).toEqual({
      model: "openai/gpt-4o",
      api_base: "https://openai-proxy.example.com/v1",
      api_key: "os.environ/PROXY_KEY",
    });
    expect(params(result, "azure-gpt")).toEqual({
      model: "azure/prod-gpt4o",
      api_base: "https://res.openai.azure.com/",
      api_key: "os.environ/AZURE_KEY",
      api_version: "2024-10-21",
    });
    expect(params(result, "flash")).toEqual({
      model: "gemini/gemini-1.5-flash",
      api_base: "https://generativelanguage.googleapis.com",
    });
    expect(params(result, "mistral-small")).toEqual({
      model: "mistral/mistral-small-latest",
      api_base: "https://api.mistral.ai/v1",
    });
    expect(params(result, "groq-llama")).toEqual({
      model: "groq/llama-3.1-8b-instant",
      api_base: "https://api.groq.com/openai/v1",
    });
    expect(params(result, "router-llama")).toEqual({
      model: "openrouter/meta-llama/llama-3.1-70b-instruct",
      api_base: "https://openrouter.ai/api/v1",
    });
    expect(params(result, "deepseek")).toEqual({
      model: "deepseek/deepseek-chat",
      api_base: "https://api.deepseek.com",
    });
    expect(params(result, "together-llama")).toEqual({
      model: "together_ai/meta-llama/Llama-3-8b-chat-hf",
      api_base: "https://api.together.xyz/v1",
    });
  });

  test("a provider's model_prefix and api_key: null are written as LiteLLM reads them", async () => {
    const providers = yaml`
      schema_version: "2.0.0"
      providers:
        ollama-generate:
          type: ollama
          base_url: http://127.0.0.1:11434
          model_prefix: ollama
          models: [{ name: llama2 }]
        bare-openai:
          type: openai
          model_prefix: ""
          models: [{ name: gpt-3.5-turbo }]
        keyless:
          type: openai_compatible
          base_url: http://10.0.0.9:9000/v1
          api_key: null
          models: [{ name: m }]
    `;
    const mappings = yaml`
      schema_version: "2.0.0"
      exact_matches:
        llama2: { provider: ollama-generate }
        gpt-3.5-turbo: { provider: bare-openai }
        m: { provider: keyless }
    `;
    const result = await generate({ "providers.yaml": providers, "model-mappings.yaml": mappings });
    expect(params(result, "llama2")).toEqual({ model: "ollama/llama2", api_base: "http://127.0.0.1:11434" });
    expect(entriesOf(result, "llama2")[0]!.model_info).toEqual({ id: "ollama-generate--llama2" });
    expect(params(result, "gpt-3.5-turbo")).toEqual({ model: "gpt-3.5-turbo" });
    expect(params(result, "m")).toEqual({ model: "openai/m", api_base: "http://10.0.0.9:9000/v1" });
  });

  test("model_info carries the id, the mode and the context window where the provider lists them", async () => {
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": ALL_EXACT });
    expect(entriesOf(result, "llama3")[0]!.model_info).toEqual({
      id: "ollama--llama3.1-8b",
      mode: "chat",
      max_input_tokens: 131072,
    });
    expect(entriesOf(result, "qwen")[0]!.model_info).toEqual({
      id: "vllm--qwen2.5-7b",
      max_output_tokens: 4096,
    });
    expect(entriesOf(result, "embed")[0]!.model_info).toEqual({
      id: "ollama--nomic-embed-text",
      mode: "embedding",
    });
  });

  test("a literal key is copied with a warning, and an Azure provider without api_version is reported", async () => {
    const providers = yaml`
      schema_version: "2.0.0"
      providers:
        openai: { type: openai, base_url: "https://api.openai.com/v1", api_key: sk-live-1234567890, models: [{ name: gpt-4o }] }
        azure: { type: azure, base_url: "https://r.openai.azure.com", models: [{ name: dep }] }
    `;
    const mappings = yaml`
      schema_version: "2.0.0"
      exact_matches:
        gpt-4o: { provider: openai }
        dep: { provider: azure }
    `;
    const result = await generate({ "providers.yaml": providers, "model-mappings.yaml": mappings });
    expect(params(result, "gpt-4o").api_key).toBe("sk-live-1234567890");
    const literal = result.notes.find((n) => n.code === "SY4013")!;
    expect(literal).toMatchObject({
      severity: "warning",
      file: "providers.yaml",
      path: ["providers", "openai", "api_key"],
    });
    expect(literal.message).not.toContain("1234567890");
    expect(result.notes.find((n) => n.code === "SY4014")).toMatchObject({
      file: "providers.yaml",
      range: { start: { line: 4 } },
    });
  });
});

describe("model ids", () => {
  test("are unique, never equal a model_name, and hashed only where needed", async () => {
    const mappings = yaml`
      schema_version: "2.0.0"
      exact_matches:
        llama3: { provider: ollama, model: "llama3.1:8b" }
        ollama--qwen: { provider: vllm, model: qwen2.5-7b }
      load_balancing:
        chat:
          deployments:
            - { provider: ollama, model: "llama3.1:8b" }
            - { provider: vllm, model: qwen2.5-7b }
      patterns:
        - { pattern: "qwen*", provider: vllm }
    `;
    const providers = PROVIDERS.replace(
      "\n    vllm:\n",
      "\n    ollama--qwen-host:\n      type: vllm\n      base_url: http://h:1/v1\n      models: [{ name: x }]\n    vllm:\n",
    );
    const result = await generate({ "providers.yaml": providers, "model-mappings.yaml": mappings });
    const ids = result.config.model_list.map((e) => String(e.model_info!.id));
    const names = new Set(result.config.model_list.map((e) => e.model_name));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(names.has(id)).toBe(false);
    const hash = (name: string, provider: string, model: string) =>
      sha256(`${name}\0${provider}\0${model}`).slice(0, 8);
    expect(ids).toEqual([
      `ollama--llama3.1-8b-${hash("chat", "ollama", "llama3.1:8b")}`,
      `vllm--qwen2.5-7b-${hash("chat", "vllm", "qwen2.5-7b")}`,
      `ollama--llama3.1-8b-${hash("llama3", "ollama", "llama3.1:8b")}`,
      `vllm--qwen2.5-7b-${hash("ollama--qwen", "vllm", "qwen2.5-7b")}`,
      "vllm--qwen-any--wildcard",
    ]);
  });

  test("an id stays the same when unrelated entries change", async () => {
    const base = yaml`
      schema_version: "2.0.0"
      exact_matches:
        llama3: { provider: ollama, model: "llama3.1:8b" }
    `;
    const first = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": base });
    const second = await generate({
      "providers.yaml": PROVIDERS,
      "model-mappings.yaml": `${base}  qwen: { provider: vllm, model: qwen2.5-7b }\n`,
    });
    expect(entriesOf(second, "llama3")[0]!.model_info).toEqual(entriesOf(first, "llama3")[0]!.model_info);
  });
});

describe("load balancing, wildcards and disabled providers", () => {
  test("a group becomes entries sharing one model_name; weights default to 1 once any is set", async () => {
    const mappings = yaml`
      schema_version: "2.0.0"
      load_balancing:
        chat:
          deployments:
            - { provider: ollama, model: "llama3.1:8b" }
            - { provider: vllm, model: qwen2.5-7b, weight: 3 }
            - { provider: retired, model: old-model, weight: 5 }
        plain:
          deployments:
            - { provider: vllm, model: qwen2.5-7b }
            - { provider: vllm, model: qwen2.5-14b }
    `;
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    expect(entriesOf(result, "chat").map((e) => [e.litellm_params.model, e.litellm_params.weight])).toEqual([
      ["ollama_chat/llama3.1:8b", 1],
      ["hosted_vllm/qwen2.5-7b", 3],
    ]);
    expect(entriesOf(result, "plain").map((e) => e.litellm_params.weight)).toEqual([undefined, undefined]);
    expect(result.notes).toContainEqual(
      expect.objectContaining({
        code: "SY4010",
        severity: "info",
        file: "model-mappings.yaml",
        path: ["load_balancing", "chat", "deployments", 2, "provider"],
      }),
    );
  });

  test("a mapping to a model its provider does not list is served, with a warning (SY4012)", async () => {
    const mappings = yaml`
      schema_version: "2.0.0"
      exact_matches:
        big: { provider: vllm, model: qwen2.5-72b }
    `;
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    expect(entriesOf(result, "big")).toHaveLength(1);
    expect(result.notes).toContainEqual(
      expect.objectContaining({
        code: "SY4012",
        severity: "warning",
        message: "Model 'qwen2.5-72b' is not listed by provider 'vllm'",
        file: "model-mappings.yaml",
      }),
    );
  });

  test("a group whose every provider is disabled is not served, and says so", async () => {
    const mappings = yaml`
      schema_version: "2.0.0"
      exact_matches:
        old: { provider: retired, model: old-model }
      load_balancing:
        legacy:
          deployments: [{ provider: retired, model: old-model }]
    `;
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    expect(result.config.model_list).toEqual([]);
    // Notes are sorted by file and position: SY4030 has no file (there is no ports.yaml), then
    // the exact match, the group's key and its deployment.
    expect(codes(result.notes)).toEqual(["SY4030", "SY4010", "SY4011", "SY4010"]);
    expect(result.notes[1]!.message).toBe(
      "Exact match 'old' skipped: provider 'retired' is disabled (the name is not served)",
    );
  });

  test("pattern routes become wildcard entries with a health-check model", async () => {
    const mappings = yaml`
      schema_version: "2.0.0"
      patterns:
        - { pattern: "qwen2.5-*", provider: vllm }
        - { pattern: "gpt-*", provider: openai, model: "gpt-*", health_check_model: gpt-4o-mini }
        - { pattern: "local/*", provider: ollama, model: "*" }
        - { pattern: "old-*", provider: retired }
    `;
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    expect(
      result.config.model_list.map((e) => [
        e.model_name,
        e.litellm_params.model,
        e.model_info?.health_check_model,
      ]),
    ).toEqual([
      ["qwen2.5-*", "hosted_vllm/qwen2.5-*", "hosted_vllm/qwen2.5-7b"],
      ["gpt-*", "openai/gpt-*", "openai/gpt-4o-mini"],
      ["local/*", "ollama_chat/*", undefined],
    ]);
    expect(codes(result.notes)).toEqual(["SY4030", "SY4042", "SY4010"]);
  });

  test("patterns are written in the listed order: LiteLLM sorts them by specificity itself", async () => {
    const mappings = yaml`
      schema_version: "2.0.0"
      patterns:
        - { pattern: "q*", provider: vllm }
        - { pattern: "qwen2.5-*", provider: vllm }
        - { pattern: "llama*", provider: ollama }
    `;
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    expect(result.config.model_list.map((e) => e.model_name)).toEqual(["q*", "qwen2.5-*", "llama*"]);
    // Which route LiteLLM picks is `switchyard validate`'s business (SY2040 follows LiteLLM's order).
    expect(result.notes.map((n) => n.code)).not.toContain("SY4041");
  });
});

describe("router settings and fallbacks", () => {
  const mappings = yaml`
    schema_version: "2.0.0"
    exact_matches:
      llama3: { provider: ollama, model: "llama3.1:8b", fallbacks: [qwen, gpt-4o-mini, llama3] }
      qwen: { provider: vllm, model: qwen2.5-7b, fallbacks: [llama3] }
      gpt-4o-mini: { provider: openai }
      old: { provider: retired, model: old-model, fallbacks: [llama3] }
    load_balancing:
      chat:
        strategy: least-busy
        deployments: [{ provider: vllm, model: qwen2.5-14b, weight: 2 }]
        fallbacks: [llama3]
    patterns:
      - { pattern: "gpt-*", provider: openai, health_check_model: gpt-4o-mini }
    fallback_chains:
      llama3: [gpt-4o-mini, old, gpt-4-turbo, nowhere]
      "gpt-*": [llama3]
      ghost: [llama3]
    routing:
      strategy: latency-based-routing
      num_retries: 3
      timeout_seconds: 90
      allowed_fails: 2
      cooldown_seconds: 15
  `;

  test("routing settings and merged, de-duplicated fallbacks in LiteLLM's list-of-maps form", async () => {
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    expect(result.config.router_settings).toEqual({
      routing_strategy: "latency-based-routing",
      num_retries: 3,
      timeout: 90,
      allowed_fails: 2,
      cooldown_time: 15,
      fallbacks: [
        { chat: ["llama3"] },
        { llama3: ["qwen", "gpt-4o-mini", "gpt-4-turbo"] },
        { qwen: ["llama3"] },
      ],
    });
  });

  test("what was dropped is noted where it is written", async () => {
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    const dropped = result.notes
      .filter((n) => /^SY402|SY404/.test(n.code))
      .map((n) => [n.code, n.path, n.message]);
    expect(dropped).toEqual([
      [
        "SY4022",
        ["exact_matches", "llama3", "fallbacks", 2],
        "'llama3' lists itself as a fallback; the entry was removed",
      ],
      [
        "SY4020",
        ["exact_matches", "old", "fallbacks"],
        "Fallbacks of 'old' dropped: the name has no deployment in the generated config",
      ],
      [
        "SY4040",
        ["load_balancing", "chat", "strategy"],
        "Group 'chat' asks for 'least-busy', but LiteLLM applies one strategy to every group: 'latency-based-routing' is used",
      ],
      [
        "SY4043",
        ["load_balancing", "chat", "deployments"],
        "Weights of group 'chat' are ignored: LiteLLM uses weights only with simple-shuffle, not 'latency-based-routing'",
      ],
      [
        "SY4021",
        ["fallback_chains", "llama3", 1],
        "Fallback 'old' of 'llama3' dropped: no deployment serves it",
      ],
      [
        "SY4021",
        ["fallback_chains", "llama3", 3],
        "Fallback 'nowhere' of 'llama3' dropped: no deployment serves it",
      ],
      [
        "SY4020",
        ["fallback_chains", "gpt-*"],
        "Fallbacks of 'gpt-*' dropped: LiteLLM does not support fallbacks on wildcard groups",
      ],
      [
        "SY4020",
        ["fallback_chains", "ghost"],
        "Fallbacks of 'ghost' dropped: the name has no deployment in the generated config",
      ],
    ]);
  });

  test("no routing section and no fallbacks give no router_settings", async () => {
    const result = await generate({
      "providers.yaml": PROVIDERS,
      "model-mappings.yaml":
        'schema_version: "2.0.0"\nexact_matches:\n  qwen: { provider: vllm, model: qwen2.5-7b }\n',
    });
    expect(result.config.router_settings).toBeUndefined();
  });
});

describe("litellm and general settings", () => {
  const mappings = 'schema_version: "2.0.0"\nexact_matches:\n  qwen: { provider: vllm, model: qwen2.5-7b }\n';

  test("the cache uses the redis service of ports.yaml with an isolated namespace", async () => {
    const ports = yaml`
      schema_version: "2.0.0"
      services:
        litellm: { port: 4000 }
        redis: { port: 6380, host: 10.0.0.7 }
    `;
    const result = await generate({
      "providers.yaml": PROVIDERS,
      "model-mappings.yaml": mappings,
      "ports.yaml": ports,
    });
    expect(result.config.litellm_settings).toEqual({
      drop_params: true,
      cache: true,
      cache_params: { type: "redis", host: "10.0.0.7", port: 6380, namespace: "litellm:unified" },
    });
    expect(result.config.general_settings).toEqual({ master_key: "os.environ/LITELLM_MASTER_KEY" });
  });

  test("without a `redis` service, the first service running redis-server is used", async () => {
    const ports = yaml`
      schema_version: "2.0.0"
      services:
        zcache: { port: 6390, expected_processes: [redis-server] }
        cache: { port: 6379, host: 0.0.0.0, expected_processes: [redis-server] }
        litellm: { port: 4000 }
    `;
    const result = await generate(
      { "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings, "ports.yaml": ports },
      { prometheus: true, cacheNamespace: "litellm:staging", masterKeyEnv: "PROXY_MASTER_KEY" },
    );
    expect(result.config.litellm_settings).toEqual({
      drop_params: true,
      callbacks: ["prometheus"],
      cache: true,
      cache_params: { type: "redis", host: "127.0.0.1", port: 6379, namespace: "litellm:staging" },
    });
    expect(result.config.general_settings).toEqual({ master_key: "os.environ/PROXY_MASTER_KEY" });
    expect(result.notes).toContainEqual(
      expect.objectContaining({ code: "SY4031", path: ["services", "cache", "host"] }),
    );
  });

  test("every spelling of a wildcard bind is connected to on 127.0.0.1 (config-schema's host model)", async () => {
    for (const host of ['"[::]"', '"0:0:0:0:0:0:0:0"', '"::ffff:0.0.0.0"', '"*"']) {
      const ports = `schema_version: "2.0.0"\nservices:\n  redis: {port: 6379, host: ${host}}\n`;
      const result = await generate({
        "providers.yaml": PROVIDERS,
        "model-mappings.yaml": mappings,
        "ports.yaml": ports,
      });
      expect(result.config.litellm_settings).toMatchObject({
        cache_params: { host: "127.0.0.1", port: 6379 },
      });
    }
    const ports = `schema_version: "2.0.0"\nservices:\n  redis: {port: 6379, host: "::1"}\n`;
    const result = await generate({
      "providers.yaml": PROVIDERS,
      "model-mappings.yaml": mappings,
      "ports.yaml": ports,
    });
    expect(result.config.litellm_settings).toMatchObject({ cache_params: { host: "::1" } });
  });

  test("no Redis service means no cache, with a note", async () => {
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    expect(result.config.litellm_settings).toEqual({ drop_params: true });
    expect(codes(result.notes)).toEqual(["SY4030"]);
  });

  test("invalid options are refused", async () => {
    const set = await configSet({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    const result = generateLiteLLMConfig(set, { masterKeyEnv: "os.environ/X", cacheNamespace: " " });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics.map((d) => d.code)).toEqual(["SY4006", "SY4006"]);
  });
});

describe("refusals", () => {
  test("a config set with errors is refused with its diagnostics", async () => {
    const set = await configSet({
      "providers.yaml": PROVIDERS.replace("type: vllm", "type: vlm"),
      "model-mappings.yaml": ALL_EXACT,
    });
    const result = generateLiteLLMConfig(set);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ code: "SY4001", severity: "error" });
    expect(result.diagnostics.slice(1).every((d) => d.file === "providers.yaml")).toBe(true);
  });

  test("a missing model-mappings.yaml is refused", async () => {
    const result = generateLiteLLMConfig(await configSet({ "providers.yaml": PROVIDERS }));
    expect(!result.ok && result.diagnostics[0]!.code).toBe("SY4001");
  });

  test("errors in a previously generated file do not block generation", async () => {
    const result = generateLiteLLMConfig(
      await configSet({
        "providers.yaml": PROVIDERS,
        "model-mappings.yaml": ALL_EXACT,
        "litellm-unified.yaml": "model_list: {broken: true}\n",
      }),
    );
    expect(result.ok).toBe(true);
  });

  test("an unknown provider, a `?` pattern and a name defined twice are errors with locations", async () => {
    const mappings = yaml`
      schema_version: "2.0.0"
      exact_matches:
        llama3: { provider: olama, model: "llama3.1:8b" }
        chat: { provider: vllm, model: qwen2.5-7b }
      load_balancing:
        chat:
          deployments: [{ provider: vllm, model: qwen2.5-14b }]
      patterns:
        - { pattern: "qwen2.?-*", provider: vllm }
    `;
    const result = generateLiteLLMConfig(
      await configSet({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => [d.code, d.range?.start.line, d.suggestion])).toEqual([
      ["SY4002", 3, "ollama"],
      ["SY4005", 4, undefined],
      ["SY4003", 9, undefined],
    ]);
  });
});

describe("output text", () => {
  test("is deterministic: the same inputs give byte-identical text", async () => {
    const files = { "providers.yaml": PROVIDERS, "model-mappings.yaml": ALL_EXACT };
    const first = await generate(files);
    const second = await generate(files);
    expect(second.text).toBe(first.text);
  });

  test("shuffled key order in the sources gives the same body", async () => {
    // Every mapping's keys reversed, at every depth; sequences keep their order.
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value === null || typeof value !== "object") return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reversed(v)]),
      );
    };
    const shuffle = (text: string) => stringify(reversed(parse(text)));
    const mappings = yaml`
      schema_version: "2.0.0"
      routing: { strategy: simple-shuffle, num_retries: 1 }
      fallback_chains: { llama3: [qwen], qwen: [llama3] }
      load_balancing:
        chat: { deployments: [{ provider: vllm, model: qwen2.5-14b, weight: 2 }, { provider: ollama, model: "llama3.1:8b" }] }
      patterns: [{ pattern: "qwen2.5-*", provider: vllm }, { pattern: "gpt-*", provider: openai }]
      exact_matches:
        llama3: { provider: ollama, model: "llama3.1:8b", fallbacks: [chat] }
        qwen: { provider: vllm, model: qwen2.5-7b }
        gpt-4o-mini: { provider: openai }
    `;
    const ports = 'schema_version: "2.0.0"\nservices:\n  litellm: { port: 4000 }\n  redis: { port: 6379 }\n';
    const original = await generate({
      "providers.yaml": PROVIDERS,
      "model-mappings.yaml": mappings,
      "ports.yaml": ports,
    });
    const reordered = await generate({
      "providers.yaml": shuffle(PROVIDERS),
      "model-mappings.yaml": shuffle(mappings),
      "ports.yaml": shuffle(ports),
    });
    expect(shuffle(PROVIDERS)).not.toBe(PROVIDERS);
    expect(reordered.sourcesHash).not.toBe(original.sourcesHash);
    expect(reordered.body).toBe(original.body);
  });

  test("the header records both hashes and the text parses back to the validated config", async () => {
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": ALL_EXACT });
    const parsed = parseGeneratedHeader(result.text)!;
    expect(parsed.header.bodyHash).toBe(sha256(parsed.body));
    expect(parsed.header.sourcesHash).toBe(sha256(`${PROVIDERS}${ALL_EXACT}`));
    expect(parsed.body).toBe(result.body);
    expect(parse(result.text, { version: "1.1" })).toEqual(result.config);
  });

  test("public names that YAML 1.1 would misread are quoted", async () => {
    const mappings = yaml`
      schema_version: "2.0.0"
      exact_matches:
        "yes": { provider: vllm, model: qwen2.5-7b, fallbacks: ["on"] }
        "on": { provider: vllm, model: qwen2.5-14b }
        "22:22": { provider: vllm, model: qwen2.5-14b }
    `;
    const result = await generate({ "providers.yaml": PROVIDERS, "model-mappings.yaml": mappings });
    expect(result.text).toContain('model_name: "yes"');
    expect(result.text).toContain('model_name: "22:22"');
    expect(result.text).toContain('- "yes":\n        - "on"');
    expect(parse(result.text, { version: "1.1" })).toEqual(result.config);
  });
});
