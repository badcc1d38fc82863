import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Diagnostic, loadConfigSet } from "@switchyard/config-schema";
import { tempDir, testNeeding } from "@switchyard/test-utils";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { configDir, yaml } from "../../test/helpers.js";
import { generateLiteLLMConfig } from "../generate.js";
import { PASSTHROUGH_FILE } from "../passthrough.js";
import type { GenerationSuccess } from "../types.js";
import { type ImportSuccess, importLiteLLMConfig } from "./import.js";
import { writeImportedConfig } from "./write.js";

const FIXTURE = fileURLToPath(new URL("../../test/fixtures/import/", import.meta.url));
const testWithPyYaml = testNeeding(["pyyaml"]);

type Entry = { model_name: string; litellm_params: Record<string, unknown> };

/** The fixture as LiteLLM sees it: the main file's model_list followed by the included one's. */
async function originalConfig(): Promise<{ model_list: Entry[]; router_settings: { fallbacks: object[] } }> {
  const main = parse(await readFile(join(FIXTURE, "litellm-config.yaml"), "utf8"), { version: "1.1" });
  const local = parse(await readFile(join(FIXTURE, "models-local.yaml"), "utf8"), { version: "1.1" });
  return { ...main, model_list: [...main.model_list, ...local.model_list] };
}

function deployments(list: readonly Entry[]): string[] {
  return list
    .map((d) => JSON.stringify([d.model_name, d.litellm_params.model, d.litellm_params.api_base ?? null]))
    .sort();
}

function fallbackMap(list: readonly object[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).flatMap((entry) => Object.entries(entry)));
}

async function importText(files: Readonly<Record<string, string>>, main = "config.yaml") {
  const dir = await configDir(files);
  return importLiteLLMConfig(join(dir, main), { cwd: dir });
}

async function imported(files: Readonly<Record<string, string>>): Promise<ImportSuccess> {
  const result = await importText(files);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result;
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.message}`);
}

async function generateFrom(dir: string, result: ImportSuccess): Promise<GenerationSuccess> {
  const generation = generateLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }), result.generateOptions);
  if (!generation.ok) throw new Error(JSON.stringify(generation.diagnostics, null, 2));
  return generation;
}

describe("importing a realistic LiteLLM config", () => {
  test("round trip: the generated config has the same deployments and fallbacks", async () => {
    const result = await importLiteLLMConfig(join(FIXTURE, "litellm-config.yaml"), { cwd: FIXTURE });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
    const out = await tempDir("sy-import-");
    const written = await writeImportedConfig(result, out);
    expect(written.ok && written.written.map((p) => p.slice(out.length + 1))).toEqual([
      "providers.yaml",
      "model-mappings.yaml",
      "ports.yaml",
      PASSTHROUGH_FILE,
    ]);

    const set = await loadConfigSet(out, { cwd: out });
    expect(set.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const generation = await generateFrom(out, result);
    const original = await originalConfig();
    expect(deployments(generation.config.model_list as Entry[])).toEqual(deployments(original.model_list));
    expect(fallbackMap(generation.config.router_settings?.fallbacks)).toEqual(
      fallbackMap(original.router_settings.fallbacks),
    );
    expect(result.generateOptions).toEqual({ prometheus: true });
    expect(generation.config.litellm_settings).toMatchObject({
      drop_params: true,
      callbacks: ["prometheus", "langfuse"],
      cache: true,
      cache_params: { type: "redis", host: "127.0.0.1", port: 6379, namespace: "litellm:unified", ttl: 600 },
      request_timeout: 600,
    });
    expect(generation.config.router_settings).toMatchObject({
      routing_strategy: "simple-shuffle",
      num_retries: 2,
      timeout: 600,
      allowed_fails: 3,
      cooldown_time: 30,
      context_window_fallbacks: [{ "qwen-7b": ["qwen-14b"] }],
    });
    const coder = generation.config.model_list.filter((d) => d.model_name === "coder");
    expect(coder.map((d) => [d.litellm_params.weight, d.litellm_params.rpm])).toEqual([
      [1, 60],
      [3, undefined],
    ]);
    expect(result.summary).toEqual({
      deployments: 13,
      providers: 6,
      exactMatches: 8,
      loadBalancingGroups: 1,
      patterns: 2,
      fallbacks: 3,
      verbatim: 1,
      skipped: 0,
    });
  });

  test("reports exactly what is not carried, at its place in the input", async () => {
    const result = await importLiteLLMConfig(join(FIXTURE, "litellm-config.yaml"), { cwd: FIXTURE });
    if (!result.ok) throw new Error("import failed");
    expect(result.lossy.map((d) => `${d.code} ${d.file ?? "-"}:${d.range?.start.line ?? "-"}`)).toEqual([
      "SY4219 -:-",
      "SY4214 litellm-config.yaml:23",
      "SY4214 litellm-config.yaml:63",
      "SY4214 litellm-config.yaml:68",
    ]);
    expect(result.lossy[1]!.message).toBe(
      "The literal api_key of provider 'anthropic' (sk-a…**** (44 chars)) is imported as os.environ/ANTHROPIC_API_KEY; the key is not copied",
    );
    expect(result.lossy[1]!.hint).toContain("Export ANTHROPIC_API_KEY");
    expect(codes(result.notes)).toEqual([
      "SY4222 Generating from the imported files reproduces 13 of 13 deployments exactly (model_name, model, api_base), and 3 of 3 fallback entries",
      "SY4210 Deployment 'titan' is carried verbatim in litellm-passthrough.yaml: LiteLLM provider 'bedrock' has no Switchyard provider type",
      "SY4216 The prometheus callback is generated by the `prometheus` option: generate with `--prometheus`",
      "SY4218 http://127.0.0.1:8080/v1 is imported as a llama.cpp server (type llamacpp) because it listens on 8080, llama-server's default port",
    ]);
  });

  test("no secret of the input reaches the imported files", async () => {
    const result = await importLiteLLMConfig(join(FIXTURE, "litellm-config.yaml"), { cwd: FIXTURE });
    if (!result.ok) throw new Error("import failed");
    const text = Object.values(result.files).join("\n");
    for (const secret of ["sk-ant-api03", "sk-lf-secret", "postgresql://", "LANGFUSE_SECRET_KEY"])
      expect(text).not.toContain(secret);
    expect(result.files["providers.yaml"]).toContain("api_key: os.environ/ANTHROPIC_API_KEY");
    expect(result.passthrough).toMatchObject({
      general_settings: { database_url: "os.environ/DATABASE_URL" },
    });
  });

  testWithPyYaml("reads YAML the way PyYAML (LiteLLM's reader) does", async () => {
    const text = "a: yes\nb: off\nc: 22:22\nd: 0o17\ne: 017\nf: ~\ng: &x {k: 1}\nh: {<<: *x, j: 2}\n";
    const script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
    const python: unknown = JSON.parse(
      execFileSync("python3", ["-c", script], { input: text, encoding: "utf8" }),
    );
    const result = await importText({
      "config.yaml": `model_list: []\nlitellm_settings:\n${text.replace(/^/gm, "  ").trimEnd()}\n`,
    });
    expect(result.ok && result.passthrough.litellm_settings).toEqual(python);
  });
});

describe("include files", () => {
  const MODEL = "model_list:\n  - model_name: m\n    litellm_params: { model: openai/gpt-4o }\n";

  test("are resolved against the main config's directory, also from included files", async () => {
    const result = await imported({
      "config.yaml": `include: [sub/a.yaml]\n${MODEL}`,
      "sub/a.yaml":
        "include: [b.yaml]\nmodel_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o-mini }\n",
      "b.yaml": "model_list:\n  - model_name: b\n    litellm_params: { model: openai/o3-mini }\n",
    });
    expect(result.summary.deployments).toBe(3);
    expect(result.sources.map((p) => p.split("/").slice(-2).join("/"))).toHaveLength(3);
  });

  test("a missing file is an error at the include entry", async () => {
    const result = await importText({ "config.yaml": `include:\n  - models.yaml\n${MODEL}` });
    expect(
      !result.ok && result.diagnostics.map((d) => [d.code, d.file, d.range?.start.line, d.message]),
    ).toEqual([["SY4201", "config.yaml", 2, "Included file not found: models.yaml"]]);
  });

  test("a cycle is an error naming its path", async () => {
    const result = await importText({
      "config.yaml": `include: [a.yaml]\n${MODEL}`,
      "a.yaml": "include: [b.yaml]\n",
      "b.yaml": "include: [config.yaml]\n",
    });
    expect(!result.ok && result.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      [
        "SY4202",
        "b.yaml",
        "Include cycle: config.yaml -> a.yaml -> b.yaml -> config.yaml (LiteLLM would never finish loading)",
      ],
    ]);
  });

  test("`include` must be a list; a file included twice is read twice, with a warning", async () => {
    const notList = await importText({ "config.yaml": `include: models.yaml\n${MODEL}` });
    expect(!notList.ok && notList.diagnostics[0]!.code).toBe("SY4201");
    const twice = await imported({ "config.yaml": `include: [a.yaml, a.yaml]\n${MODEL}`, "a.yaml": MODEL });
    expect(twice.summary.deployments).toBe(3);
    expect(codes(twice.lossy)).toContain(
      "SY4203 a.yaml is included more than once; LiteLLM adds its content again, so its deployments are duplicated",
    );
  });
});

describe("what an import cannot carry exactly is reported", () => {
  const base = (models: string, rest = "") =>
    `model_list:\n${models}\nlitellm_settings: { drop_params: true }\ngeneral_settings: { master_key: os.environ/LITELLM_MASTER_KEY }\n${rest}`;

  test("literal keys become environment references with distinct names", async () => {
    const result = await imported({
      "config.yaml": base(yaml`
        - model_name: a
          litellm_params: { model: openai/gpt-4o, api_key: sk-proj-aaaaaaaaaaaaaaaa }
        - model_name: b
          litellm_params: { model: openai/gpt-4o-mini, api_key: sk-proj-bbbbbbbbbbbbbbbb }
        - model_name: c
          litellm_params: { model: bedrock/x, aws_secret_access_key: abc123secret }
      `),
    });
    const providers = parse(result.files["providers.yaml"]).providers;
    expect([providers.openai.api_key, providers["openai-2"].api_key]).toEqual([
      "os.environ/OPENAI_API_KEY",
      "os.environ/OPENAI_API_KEY_2",
    ]);
    expect(result.passthrough.model_list).toEqual([
      {
        model_name: "c",
        litellm_params: { model: "bedrock/x", aws_secret_access_key: "os.environ/AWS_SECRET_ACCESS_KEY" },
      },
    ]);
    expect(result.lossy.filter((d) => d.code === "SY4214")).toHaveLength(3);
    expect(Object.values(result.files).join("")).not.toMatch(/sk-proj|abc123secret/);
  });

  test("header values, webhook tokens and URL passwords become environment references too", async () => {
    const bearer = ["Bearer ", "tok", "0123456789abcdefXYZ"].join("");
    const result = await imported({
      "config.yaml": yaml`
        model_list:
          - model_name: a
            litellm_params:
              model: openai/gpt-4o
              api_key: os.environ/OPENAI_API_KEY
              extra_headers: { Authorization: "${bearer}", X-Team: blue }
          - model_name: b
            litellm_params: { model: openai/local, api_base: "https://bob:hunter2pw@llm.internal/v1" }
        litellm_settings: { drop_params: true }
        general_settings:
          master_key: os.environ/LITELLM_MASTER_KEY
          alerting: [webhook]
          alerting_args: { webhook_url: "https://alerts.internal/hook?channel=ops&token=abcdef123456" }
      `,
    });
    const written = Object.values(result.files).join("\n");
    for (const secret of ["tok0123456789abcdefXYZ", "hunter2pw", "abcdef123456"])
      expect(written).not.toContain(secret);
    for (const message of result.lossy.map((d) => d.message)) {
      for (const secret of ["tok0123456789abcdefXYZ", "hunter2pw", "abcdef123456"])
        expect(message).not.toContain(secret);
    }
    expect(written).toContain("os.environ/");
    expect(written).toContain("X-Team: blue");
  });

  test("numbers are never secrets: prices and counts under *_token keys are carried as numbers", async () => {
    const result = await imported({
      "config.yaml": base(yaml`
        - model_name: a
          litellm_params: { model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY, input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001 }
      `),
    });
    expect(result.lossy.filter((d) => d.code === "SY4214")).toEqual([]);
    expect(Object.values(result.files).join("")).toMatch(/input_cost_per_token: 0?\.?[0-9.e-]+/);
    expect(Object.values(result.files).join("")).not.toContain("INPUT_COST_PER_TOKEN");
  });

  test("addresses Switchyard normalises, keys it adds, weights it fills in", async () => {
    const result = await imported({
      "config.yaml": base(yaml`
        - model_name: local
          litellm_params: { model: openai/local-model, api_base: "http://10.0.0.7:9000" }
        - model_name: chat
          litellm_params: { model: ollama_chat/llama3, api_base: "http://127.0.0.1:11434/v1" }
        - model_name: lb
          litellm_params: { model: hosted_vllm/q, api_base: "http://127.0.0.1:8001/v1", weight: 2 }
        - model_name: lb
          litellm_params: { model: ollama_chat/q, api_base: "http://127.0.0.1:11434/v1" }
      `),
    });
    expect(codes(result.lossy)).toEqual([
      "SY4222 Generating from the imported files reproduces 1 of 4 deployments exactly (model_name, model, api_base), with 3 that differ, and 0 of 0 fallback entries",
      "SY4213 Deployments of 'openai_compatible' (http://10.0.0.7:9000) have no api_key; the generated config reads one from OPENAI_COMPATIBLE_API_KEY, as LiteLLM's OpenAI client needs a key",
      "SY4212 The generated config addresses 'local' differently: api_base http://10.0.0.7:9000 → http://10.0.0.7:9000/v1",
      "SY4212 The generated config addresses 'chat' differently: api_base http://127.0.0.1:11434/v1 → http://127.0.0.1:11434",
      "SY4217 Only some deployments of 'lb' have a weight; the generated config gives the others weight 1 (LiteLLM's simple-shuffle counts a missing weight as 0)",
      "SY4212 The generated config addresses 'lb' differently: api_base http://127.0.0.1:11434/v1 → http://127.0.0.1:11434",
    ]);
  });

  test("settings LiteLLM would ignore, fallbacks that never fire, invalid deployments", async () => {
    const result = await imported({
      "config.yaml": base(
        yaml`
          - model_name: a
            litellm_params: { model: openai/gpt-4o }
          - model_name: "g-*"
            litellm_params: { model: openai/g-* }
          - model_name: 3:30
            litellm_params: { model: openai/x }
          - model_name: nothing
        `,
        yaml`
          router_settings:
            routing_strategy: least_busy
            num_retrys: 3
            fallbacks:
              - "g-*": [a]
              - a: [a, missing, g-large]
          guardrails: []
        `,
      ),
    });
    expect(codes(result.lossy)).toEqual([
      "SY4222 Generating from the imported files reproduces 2 of 2 deployments exactly (model_name, model, api_base), and 0 of 2 fallback entries",
      "SY4211 Deployment model_list.2 is skipped: model_name is not a string (210) (LiteLLM skips it too)",
      "SY4211 Deployment model_list.3 is skipped: litellm_params.model is missing or not a string (LiteLLM skips it too)",
      "SY4215 routing_strategy \"least_busy\" is not carried: it is not a LiteLLM strategy — did you mean 'least-busy'?",
      "SY4215 router_settings.num_retrys is not carried: LiteLLM drops unknown router settings too — did you mean 'num_retries'?",
      "SY4215 Fallbacks of 'g-*' are not carried: they never fire, as LiteLLM does not support fallbacks on wildcard groups",
      "SY4215 'a' lists itself as a fallback; the entry is not carried",
      "SY4215 Fallback 'missing' of 'a' is not carried: no deployment serves it",
      "SY4215 Top-level 'guardrails' is not carried: Switchyard's LiteLLM schema has no such section",
    ]);
    expect(parse(result.files["model-mappings.yaml"]).exact_matches.a.fallbacks).toEqual(["g-large"]);
  });

  test("a config without master key, with literal master key or another key variable", async () => {
    const none = await imported({
      "config.yaml": "model_list: []\nlitellm_settings: { drop_params: true }\n",
    });
    expect(codes(none.lossy)[0]).toMatch(/^SY4217 The generated config sets general_settings.master_key/);
    const literal = await imported({
      "config.yaml":
        "model_list: []\nlitellm_settings: { drop_params: true }\ngeneral_settings: { master_key: sk-1234 }\n",
    });
    expect(codes(literal.lossy)[0]).toBe(
      "SY4214 The literal master_key is imported as os.environ/LITELLM_MASTER_KEY; the key is not copied",
    );
    const other = await imported({
      "config.yaml":
        "model_list: []\nlitellm_settings: { drop_params: true, cache: true, cache_params: { host: redis, port: '6380', namespace: prod } }\ngeneral_settings: { master_key: os.environ/PROXY_KEY }\n",
    });
    expect(other.generateOptions).toEqual({ masterKeyEnv: "PROXY_KEY", cacheNamespace: "prod" });
    expect(parse(other.files["ports.yaml"]!).services).toEqual({
      redis: { port: 6380, host: "redis", expected_processes: ["redis-server"] },
    });
  });

  test("input that is not a LiteLLM config is refused", async () => {
    expect(await importText({ "config.yaml": "- a\n- b\n" })).toMatchObject({
      ok: false,
      diagnostics: [{ code: "SY4200" }],
    });
    expect(await importText({ "config.yaml": "model_list: [\n" })).toMatchObject({
      ok: false,
      diagnostics: [{ code: "SY4200", file: "config.yaml" }],
    });
    expect(await importText({ "config.yaml": "general_settings: {}\n" })).toMatchObject({
      ok: false,
      diagnostics: [
        { code: "SY4200", message: "config.yaml has no model_list, so there is nothing to import" },
      ],
    });
    const missing = await importLiteLLMConfig("/nonexistent/litellm.yaml");
    expect(!missing.ok && missing.diagnostics[0]!.code).toBe("SY4200");
  });
});

describe("writeImportedConfig", () => {
  test("a file it cannot write is SY4221, naming the file and how many were already written", async () => {
    const result = await imported({
      "config.yaml": "model_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o }\n",
    });
    // model-mappings.yaml is a directory: no file can be renamed over it.
    const out = await configDir({ "model-mappings.yaml/keep": "" });
    const failed = await writeImportedConfig(result, out, { cwd: out, force: true });
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.diagnostics.map((d) => [d.code, d.file])).toEqual([["SY4221", "model-mappings.yaml"]]);
    expect(failed.diagnostics[0]!.message).toMatch(/^Cannot write model-mappings\.yaml: /);
  });

  test("refuses to overwrite without force; with force backs up, and removes a stale passthrough", async () => {
    const result = await imported({
      "config.yaml":
        "model_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o }\nlitellm_settings: { drop_params: true }\ngeneral_settings: { master_key: os.environ/LITELLM_MASTER_KEY }\n",
    });
    expect(result.files[PASSTHROUGH_FILE]).toBeUndefined();
    const out = await configDir({ "providers.yaml": "old\n", [PASSTHROUGH_FILE]: "litellm_settings: {}\n" });
    const refused = await writeImportedConfig(result, out, { cwd: out });
    expect(!refused.ok && refused.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ["SY4220", "providers.yaml"],
      ["SY4220", PASSTHROUGH_FILE],
    ]);
    expect(await readFile(join(out, "providers.yaml"), "utf8")).toBe("old\n");

    const forced = await writeImportedConfig(result, out, { force: true });
    expect(forced.ok).toBe(true);
    if (!forced.ok) return;
    expect(forced.removed).toEqual([join(out, PASSTHROUGH_FILE)]);
    expect(forced.backups).toHaveLength(2);
    const names = await readdir(out);
    expect(names.filter((n) => !n.includes(".backup-")).sort()).toEqual([
      "model-mappings.yaml",
      "providers.yaml",
    ]);
  });

  test("a failed import is passed through", async () => {
    const failed = await importLiteLLMConfig("/nonexistent/litellm.yaml");
    expect(await writeImportedConfig(failed, tmpdir())).toEqual({
      ok: false,
      diagnostics: (failed as { diagnostics: unknown }).diagnostics,
    });
  });
});
