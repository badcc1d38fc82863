import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { describeNeeding, tempDir, testNeeding } from "@switchyard/test-utils";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { configDir, yaml } from "../../test/helpers.js";
import { loadWithPyYaml } from "../../test/pyyaml.js";
import { generateLiteLLMConfig } from "../generate.js";
import { PASSTHROUGH_FILE } from "../passthrough.js";
import type { GenerationSuccess } from "../types.js";
import { type ImportOptions, type ImportSuccess, importLiteLLMConfig } from "./import.js";
import { compareRoundTrip } from "./round-trip.js";
import { writeImportedConfig } from "./write.js";

/** Tests that compare with PyYAML (LiteLLM's loader): they fail under CI when it is missing, never skip. */
const testWithPyYaml = testNeeding(["pyyaml"]);
const describeWithPyYaml = describeNeeding(["pyyaml"]);

const FIXTURE = fileURLToPath(new URL("../../test/fixtures/import/", import.meta.url));

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

/** A bare generation from an imported directory, as `switchyard generate` runs it. */
async function generateFrom(dir: string): Promise<GenerationSuccess> {
  const generation = generateLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }));
  if (!generation.ok) throw new Error(JSON.stringify(generation.diagnostics, null, 2));
  return generation;
}

async function writeGenerated(dir: string, generation: GenerationSuccess): Promise<string> {
  const path = join(dir, "litellm-unified.yaml");
  await writeFile(path, generation.text);
  return path;
}

/** Import `files`, generate from the result, and compare both as PyYAML reads them. */
async function roundTrip(files: Readonly<Record<string, string>>, options: ImportOptions = {}) {
  const dir = await configDir(files);
  const result = await importLiteLLMConfig(join(dir, "config.yaml"), { ...options, cwd: dir });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  const out = await tempDir("sy-import-");
  const written = await writeImportedConfig(result, out);
  if (!written.ok) throw new Error(JSON.stringify(written.diagnostics));
  const generation = await generateFrom(out);
  const [original, generated] = loadWithPyYaml([
    join(dir, "config.yaml"),
    await writeGenerated(out, generation),
  ]);
  if (!original || !("data" in original) || !generated || !("data" in generated))
    throw new Error("PyYAML failed");
  return {
    result,
    generation,
    differences: compareRoundTrip(original.data, generated.data, result.normalisations),
    generated: generated.data as {
      model_list: {
        model_name: string;
        litellm_params: Record<string, unknown>;
        model_info?: Record<string, unknown>;
      }[];
    } & Record<string, unknown>,
  };
}

/** The fixture as LiteLLM reads it, with PyYAML: the main file's model_list followed by the included one's. */
function originalAsLiteLLMReadsIt(): Record<string, unknown> {
  const [main, local] = loadWithPyYaml([
    join(FIXTURE, "litellm-config.yaml"),
    join(FIXTURE, "models-local.yaml"),
  ]);
  if (!main || !("data" in main) || !local || !("data" in local))
    throw new Error("PyYAML could not read the fixture");
  const { include: _include, ...config } = main.data as Record<string, unknown>;
  const included = (local.data as { model_list: unknown[] }).model_list;
  return { ...config, model_list: [...(config.model_list as unknown[]), ...included] };
}

describe("importing a realistic LiteLLM config", () => {
  testWithPyYaml(
    "round trip over an include: a bare generate reproduces the input as LiteLLM reads it",
    async () => {
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
      expect(result.generateOptions).toEqual({});
      const generation = await generateFrom(out);
      const [generated] = loadWithPyYaml([await writeGenerated(out, generation)]);
      expect(generated && "data" in generated).toBe(true);
      if (!generated || !("data" in generated)) return;
      expect(compareRoundTrip(originalAsLiteLLMReadsIt(), generated.data, result.normalisations)).toEqual([]);
      // What shapes the proxy is in the set itself: gateway section, cache service, callbacks as written.
      expect(parse(result.files["model-mappings.yaml"]).gateway).toEqual({
        master_key: "os.environ/LITELLM_MASTER_KEY",
        drop_params: true,
        cache: { namespace: "litellm:unified" },
        // 11 deployments have no model_info.id: LiteLLM keeps hashing their ids (no --generate-ids).
        deployment_ids: "litellm",
      });
      expect(result.passthrough).toMatchObject({
        litellm_settings: { callbacks: ["prometheus", "langfuse"] },
      });
      expect(result.summary).toEqual({
        deployments: 13,
        providers: 7,
        exactMatches: 8,
        loadBalancingGroups: 1,
        patterns: 2,
        fallbacks: 3,
        verbatim: 1,
        skipped: 0,
      });
    },
  );

  test("reports exactly what it changes and infers, at its place in the input", async () => {
    const result = await importLiteLLMConfig(join(FIXTURE, "litellm-config.yaml"), { cwd: FIXTURE });
    if (!result.ok) throw new Error("import failed");
    expect(result.lossy.map((d) => `${d.code} ${d.file ?? "-"}:${d.range?.start.line ?? "-"}`)).toEqual([
      "SY4214 litellm-config.yaml:23",
      "SY4214 litellm-config.yaml:63",
      "SY4214 litellm-config.yaml:68",
    ]);
    expect(result.lossy[0]!.message).toBe(
      "The literal api_key of provider 'anthropic' is imported as os.environ/ANTHROPIC_API_KEY; the secret is not copied",
    );
    expect(result.lossy[0]!.hint).toContain("Export ANTHROPIC_API_KEY");
    expect(codes(result.notes)).toEqual([
      "SY4222 Generating from the imported files reproduces the input exactly: 13 deployment(s) and 4 other section(s), compared as LiteLLM reads them, apart from the listed normalisations (3 secret(s) read from the environment)",
      "SY4210 Deployment 'titan' is carried verbatim in litellm-passthrough.yaml: LiteLLM provider 'bedrock' has no Switchyard provider type",
      "SY4218 http://127.0.0.1:8080/v1 is imported as a llama.cpp server (type llamacpp) because it listens on 8080, llama-server's default port",
    ]);
    expect(result.normalisations.map((n) => `${n.kind} ${n.path.join(".")}`).slice(0, 3)).toEqual([
      "secret-reference model_list.2.litellm_params.api_key",
      "secret-reference general_settings.database_url",
      "secret-dropped environment_variables.LANGFUSE_SECRET_KEY",
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
    const dir = await configDir({ "settings.yaml": text });
    const [python] = loadWithPyYaml([join(dir, "settings.yaml")]);
    const result = await importText({
      "config.yaml": `model_list: []\nlitellm_settings:\n${text.replace(/^/gm, "  ").trimEnd()}\n`,
    });
    expect(python && "data" in python && result.ok && result.passthrough.litellm_settings).toEqual(
      python && "data" in python ? python.data : "PyYAML failed",
    );
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

describeWithPyYaml("every meaning of the input is kept (issue #9)", () => {
  const base = (models: string, rest = "") =>
    `model_list:\n${models}\nlitellm_settings: { drop_params: true }\ngeneral_settings: { master_key: os.environ/LITELLM_MASTER_KEY }\n${rest}`;

  test("literal keys become valid variable names derived from the provider; one literal, one name", async () => {
    const { result, differences } = await roundTrip({
      "config.yaml": base(yaml`
        - model_name: a
          litellm_params: { model: openai/gpt-4o, api_key: sk-proj-aaaaaaaaaaaaaaaa }
        - model_name: b
          litellm_params: { model: openai/gpt-4o-mini, api_key: sk-proj-bbbbbbbbbbbbbbbb }
        - model_name: c
          litellm_params: { model: bedrock/x, aws_secret_access_key: abc123secret }
        - model_name: local
          litellm_params: { model: openai/qwen, api_base: "http://10.0.0.7:8000/v1", api_key: sk-local-shared-key }
        - model_name: other
          litellm_params: { model: openai/llama, api_base: "http://10.0.0.8:8000/v1", api_key: sk-local-shared-key }
      `),
    });
    expect(differences).toEqual([]);
    const providers = parse(result.files["providers.yaml"]).providers;
    expect([providers.openai.api_key, providers["openai-2"].api_key]).toEqual([
      "os.environ/OPENAI_API_KEY",
      "os.environ/OPENAI_API_KEY_2",
    ]);
    // Named after the provider (never `per-provider`), and the same literal gets the same name.
    expect([providers.openai_compatible.api_key, providers["openai_compatible-10"].api_key]).toEqual([
      "os.environ/OPENAI_COMPATIBLE_API_KEY",
      "os.environ/OPENAI_COMPATIBLE_API_KEY",
    ]);
    expect(result.passthrough.model_list).toEqual([
      {
        model_name: "c",
        litellm_params: { model: "bedrock/x", aws_secret_access_key: "os.environ/AWS_SECRET_ACCESS_KEY" },
      },
    ]);
    // One report per provider: the two servers sharing a key name it once each.
    expect(result.lossy.filter((d) => d.code === "SY4214")).toHaveLength(5);
    expect(Object.values(result.files).join("")).not.toMatch(/sk-proj|abc123secret|sk-local/);
  });

  test("addresses are kept byte for byte, no key or mode is added, partial weights stay as written", async () => {
    const { result, differences, generated } = await roundTrip({
      "config.yaml": base(yaml`
        - model_name: local
          litellm_params: { model: openai/local-model, api_base: "http://10.0.0.7:9000" }
        - model_name: chat
          litellm_params: { model: ollama_chat/llama3, api_base: "http://127.0.0.1:11434/v1" }
        - model_name: gen
          litellm_params: { model: ollama/llama2, api_base: "http://127.0.0.1:11434" }
        - model_name: lb
          litellm_params: { model: hosted_vllm/q, api_base: "http://127.0.0.1:8001/v1/", weight: 2 }
        - model_name: lb
          litellm_params: { model: ollama_chat/q, api_base: "http://127.0.0.1:11434/v1" }
      `),
    });
    expect(differences).toEqual([]);
    const local = generated.model_list.find((e) => e.model_name === "local")!;
    expect(local.litellm_params).toEqual({ model: "openai/local-model", api_base: "http://10.0.0.7:9000" });
    const gen = generated.model_list.find((e) => e.model_name === "gen")!;
    expect(gen.litellm_params.model).toBe("ollama/llama2");
    // No model_info at all: no mode, and no id (LiteLLM hashes one, as it did before the import).
    expect(gen).not.toHaveProperty("model_info");
    // The keyless OpenAI-compatible server is reported: LiteLLM sends it the proxy's OPENAI_API_KEY.
    expect(codes(result.notes).filter((c) => c.startsWith("SY4213"))).toEqual([
      "SY4213 Deployments of 'openai_compatible' (http://10.0.0.7:9000) send no api_key of their own, so LiteLLM sends them the proxy's OPENAI_API_KEY; the import keeps that (api_key: null)",
    ]);
  });

  const TAGGED = base(yaml`
    - model_name: shared
      litellm_params: { model: openai/fake, api_base: "https://example.com/", api_key: os.environ/K, tags: [teamA] }
      model_info: { id: team-a-model }
    - model_name: shared
      litellm_params: { model: openai/fake, api_base: "https://example.com/", api_key: os.environ/K, tags: [teamB] }
      model_info: { id: "1" }
    - model_name: shared
      litellm_params: { model: openai/fake, api_base: "https://example.com/", api_key: os.environ/K, tags: [default] }
  `);

  test("deployments that differ only in tags keep their own tags; user ids are kept; none is generated unless asked", async () => {
    const { differences, generated, result } = await roundTrip({ "config.yaml": TAGGED });
    expect(differences).toEqual([]);
    expect(generated.model_list.map((e) => [e.litellm_params.tags, e.model_info?.id])).toEqual([
      [["teamA"], "team-a-model"],
      [["teamB"], "1"],
      [["default"], undefined],
    ]);
    expect(result.normalisations).toEqual([]);
    expect(parse(result.files["model-mappings.yaml"]).gateway.deployment_ids).toBe("litellm");
    expect(codes(result.notes).filter((c) => c.startsWith("SY4219"))).toEqual([]);
  });

  test("--generate-ids: a deployment without an id gets a stable generated one, listed as a normalisation", async () => {
    const { differences, generated, result } = await roundTrip(
      { "config.yaml": TAGGED },
      { generateIds: true },
    );
    expect(differences).toEqual([]);
    expect(generated.model_list.map((e) => [e.litellm_params.tags, e.model_info?.id])).toEqual([
      [["teamA"], "team-a-model"],
      [["teamB"], "1"],
      [["default"], "openai_compatible--fake"],
    ]);
    expect(result.normalisations).toEqual([
      { kind: "generated-id", path: ["model_list", 2], id: "openai_compatible--fake" },
    ]);
    expect(parse(result.files["model-mappings.yaml"]).gateway).not.toHaveProperty("deployment_ids");
    expect(codes(result.notes).filter((c) => c.startsWith("SY4219"))).toHaveLength(1);
  });

  const EMPTY = yaml`
    model_list:
      - model_name: m
        litellm_params: { model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY }
        model_info: { id: m-1 }
    general_settings:
    litellm_settings: {}
    router_settings:
  `;

  test("empty settings sections are carried as written (null or {}) unless --drop-empty-sections", async () => {
    const kept = await roundTrip({ "config.yaml": EMPTY });
    expect(kept.differences).toEqual([]);
    expect(kept.result.normalisations).toEqual([]);
    expect(kept.generated).toMatchObject({
      general_settings: null,
      litellm_settings: {},
      router_settings: null,
    });
    expect(codes(kept.result.notes).filter((c) => c.startsWith("SY4224"))).toEqual([]);

    const dropped = await roundTrip({ "config.yaml": EMPTY }, { dropEmptySections: true });
    expect(dropped.differences).toEqual([]);
    expect(dropped.generated).not.toHaveProperty("general_settings");
    expect(dropped.generated).not.toHaveProperty("litellm_settings");
    expect(dropped.generated).not.toHaveProperty("router_settings");
    expect(dropped.result.normalisations.map((n) => `${n.kind} ${n.path.join(".")}`).sort()).toEqual([
      "empty-section general_settings",
      "empty-section litellm_settings",
      "empty-section router_settings",
    ]);
    expect(codes(dropped.result.notes).filter((c) => c.startsWith("SY4224"))).toHaveLength(3);
    // The round-trip note counts them as what they are: no secret was read from the environment (the
    // key under general_settings is only in a comment, and the one api_key was a reference already).
    const withComment = EMPTY.replace(
      "general_settings:\n",
      "general_settings:\n  # master_key: sk-1234567890abcdefghij\n",
    );
    expect(withComment).toContain("# master_key");
    const commented = await roundTrip({ "config.yaml": withComment }, { dropEmptySections: true });
    expect(commented.result.normalisations.map((n) => n.kind)).not.toContain("secret-reference");
    expect(commented.result.notes.find((d) => d.code === "SY4222")?.message).toBe(
      "Generating from the imported files reproduces the input exactly: 1 deployment(s) and 3 other section(s), compared as LiteLLM reads them, apart from the listed normalisations (3 empty section(s) left out)",
    );
  });

  test("header values, webhook tokens and URL passwords become environment references too", async () => {
    const bearer = ["Bearer ", "tok", "0123456789abcdefXYZ"].join("");
    const { result, differences } = await roundTrip({
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
    expect(differences).toEqual([]);
    const written = Object.values(result.files).join("\n");
    for (const secret of ["tok0123456789abcdefXYZ", "hunter2pw", "abcdef123456"]) {
      expect(written).not.toContain(secret);
      for (const d of [...result.lossy, ...result.notes]) expect(d.message).not.toContain(secret);
    }
    expect(written).toContain("os.environ/");
    expect(written).toContain("X-Team: blue");
  });

  test("prices and other numbers are never taken for secrets", async () => {
    const { differences, result, generated } = await roundTrip({
      "config.yaml": base(yaml`
        - model_name: priced
          litellm_params: { model: openai/gpt-4o, input_cost_per_token: 0.000421, output_cost_per_token: 0 }
          model_info: { input_cost_per_token: 0.000005, output_cost_per_token: 0.000015 }
      `),
    });
    expect(differences).toEqual([]);
    expect(result.lossy.filter((d) => d.code === "SY4214")).toEqual([]);
    expect(generated.model_list[0]!.litellm_params).toMatchObject({
      input_cost_per_token: 0.000421,
      output_cost_per_token: 0,
    });
  });

  test("every section and key is carried: unknown sections, Router settings, anything under litellm_params", async () => {
    const { differences, result } = await roundTrip({
      "config.yaml": base(
        yaml`
          - model_name: a
            litellm_params: { model: openai/gpt-4o, litellm_credential_name: cred, custom_flag: [1, 2] }
            model_info: { supports_vision: true }
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
            enable_tag_filtering: true
            disable_cooldowns: true
            routing_strategy_args: { ttl: 60 }
            fallbacks:
              - "g-*": [a]
          guardrails:
            - guardrail_name: g
              litellm_params: { guardrail: aporia, mode: pre_call, api_key: aporia-literal-key-123 }
          credential_list:
            - credential_name: cred
              credential_values: { api_key: os.environ/AZURE_API_KEY }
              credential_info: {}
          mcp_servers:
            deepwiki: { url: "https://mcp.deepwiki.com/mcp" }
        `,
      ),
    });
    // The invalid strategy is the only value not carried: LiteLLM's Router refuses it.
    expect(differences.map((d) => d.message)).toEqual([
      "model group 210 has 0 deployment(s) instead of 1",
      "model group 'nothing' has 0 deployment(s) instead of 1",
      'router_settings.routing_strategy is lost (it was "least_busy")',
    ]);
    expect(codes(result.lossy)).toEqual(
      expect.arrayContaining([
        "SY4211 Deployment model_list.2 is skipped: model_name is not a string (210) (LiteLLM skips it too)",
        "SY4211 Deployment model_list.3 is skipped: litellm_params.model is missing or not a string (LiteLLM skips it too)",
        "SY4215 routing_strategy \"least_busy\" is not carried: it is not a LiteLLM strategy — did you mean 'least-busy'?",
      ]),
    );
    expect(result.passthrough).toMatchObject({
      router_settings: {
        num_retrys: 3,
        enable_tag_filtering: true,
        disable_cooldowns: true,
        routing_strategy_args: { ttl: 60 },
        fallbacks: [{ "g-*": ["a"] }],
      },
      sections: {
        guardrails: [{ litellm_params: { api_key: "os.environ/API_KEY" } }],
        credential_list: [{ credential_name: "cred" }],
        mcp_servers: { deepwiki: { url: "https://mcp.deepwiki.com/mcp" } },
      },
    });
  });

  test("the master key reference, drop_params and the cache live in the gateway section", async () => {
    const none = await roundTrip({ "config.yaml": "model_list: []\n" });
    expect(none.differences).toEqual([]);
    expect(parse(none.result.files["model-mappings.yaml"]).gateway).toEqual({
      master_key: null,
      drop_params: null,
      cache: false,
    });
    const literal = await roundTrip({
      "config.yaml":
        "model_list: []\nlitellm_settings: { drop_params: false }\ngeneral_settings: { master_key: sk-1234 }\n",
    });
    expect(literal.differences).toEqual([]);
    expect(codes(literal.result.lossy)).toContain(
      "SY4214 The literal master_key is imported as os.environ/LITELLM_MASTER_KEY; the secret is not copied",
    );
    const other = await roundTrip({
      "config.yaml":
        "model_list: []\nlitellm_settings: { drop_params: true, cache: true, cache_params: { type: redis, host: redis, port: 6380, namespace: prod } }\ngeneral_settings: { master_key: os.environ/PROXY_KEY }\n",
    });
    expect(other.differences).toEqual([]);
    expect(parse(other.result.files["model-mappings.yaml"]).gateway).toEqual({
      master_key: "os.environ/PROXY_KEY",
      drop_params: true,
      cache: { namespace: "prod" },
    });
    expect(parse(other.result.files["ports.yaml"]!).services).toEqual({
      redis: { port: 6380, host: "redis", expected_processes: ["redis-server"] },
    });
    // A cache the generator would not write back exactly (a port as text) is carried as written.
    const quoted = await roundTrip({
      "config.yaml":
        "model_list: []\nlitellm_settings: { cache: true, cache_params: { type: redis, host: redis, port: '6380' } }\n",
    });
    expect(quoted.differences).toEqual([]);
    expect(parse(quoted.result.files["model-mappings.yaml"]).gateway.cache).toBe(false);
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
  test("an output directory that is a file is SY4221 in words, not Node's raw EEXIST", async () => {
    const result = await imported({
      "config.yaml": "model_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o }\n",
    });
    const root = await configDir({ imported: "not a directory\n" });
    const failed = await writeImportedConfig(result, join(root, "imported"), { cwd: root });
    expect(!failed.ok && failed.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "SY4221 Cannot create the directory imported: it exists and is not a directory",
    ]);
  });
  test("refuses to overwrite without force; with force backs up, and removes a stale passthrough", async () => {
    const result = await imported({
      "config.yaml":
        "model_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o }\n    model_info: { id: openai--gpt-4o }\nlitellm_settings: { drop_params: true }\ngeneral_settings: { master_key: os.environ/LITELLM_MASTER_KEY }\n",
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

  test("a new litellm-passthrough.yaml is created 0600; the other files as usual (#10 item 6)", async () => {
    const result = await imported({
      "config.yaml":
        "model_list:\n  - model_name: a\n    litellm_params: { model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY }\nlitellm_settings: { drop_params: true, success_callback: [langfuse] }\ngeneral_settings: { master_key: os.environ/LITELLM_MASTER_KEY }\n",
    });
    expect(result.files[PASSTHROUGH_FILE]).toBeDefined();
    const out = await configDir({});
    const written = await writeImportedConfig(result, out);
    expect(written.ok).toBe(true);
    expect((await stat(join(out, PASSTHROUGH_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(join(out, "providers.yaml"))).mode & 0o077).not.toBe(0);
  });

  test("a failed import is passed through", async () => {
    const failed = await importLiteLLMConfig("/nonexistent/litellm.yaml");
    expect(await writeImportedConfig(failed, tmpdir())).toEqual({
      ok: false,
      diagnostics: (failed as { diagnostics: unknown }).diagnostics,
    });
  });
});
