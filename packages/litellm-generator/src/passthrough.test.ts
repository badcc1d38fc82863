import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { configDir, yaml } from "../test/helpers.js";
import { checkGenerated } from "./check.js";
import { generateLiteLLMConfig } from "./generate.js";
import { PASSTHROUGH_FILE, parsePassthrough } from "./passthrough.js";
import type { GenerationSuccess } from "./types.js";

const PROVIDERS = yaml`
  schema_version: "2.0.0"
  providers:
    vllm:
      type: vllm
      base_url: http://127.0.0.1:8001/v1
      models: [{ name: qwen2.5-7b }, { name: qwen2.5-14b }]
`;
const MAPPINGS = yaml`
  schema_version: "2.0.0"
  exact_matches:
    qwen: { provider: vllm, model: qwen2.5-7b, fallbacks: [big] }
    big: { provider: vllm, model: qwen2.5-14b }
`;
const PASSTHROUGH = yaml`
  litellm_settings:
    drop_params: false
    callbacks: [langfuse]
    set_verbose: false
  general_settings:
    master_key: os.environ/OTHER_KEY
    database_url: os.environ/DATABASE_URL
  router_settings:
    enable_pre_call_checks: true
    fallbacks:
      - qwen: [somewhere-else]
      - big: [qwen]
  environment_variables:
    LANGFUSE_HOST: https://langfuse.example.com
  deployments:
    - model_name: qwen
      provider: vllm
      model: qwen2.5-7b
      litellm_params: { temperature: 0.2, order: 1 }
      model_info: { base_model: qwen2.5-7b-instruct }
    - model_name: gone
      provider: vllm
      model: qwen2.5-7b
      litellm_params: { temperature: 0.9 }
  model_list:
    - model_name: titan
      litellm_params: { model: bedrock/amazon.titan-text-express-v1, aws_region_name: us-east-1 }
`;

async function dirWith(passthrough?: string): Promise<string> {
  return configDir({
    "providers.yaml": PROVIDERS,
    "model-mappings.yaml": MAPPINGS,
    ...(passthrough !== undefined ? { [PASSTHROUGH_FILE]: passthrough } : {}),
  });
}

async function generateIn(dir: string, options: { prometheus?: boolean } = {}): Promise<GenerationSuccess> {
  const result = generateLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }), options);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result;
}

describe("litellm-passthrough.yaml", () => {
  test("adds what the sources do not model; generated keys win and are noted", async () => {
    const result = await generateIn(await dirWith(PASSTHROUGH), { prometheus: true });
    const { config } = result;
    const qwen = config.model_list.find((d) => d.model_name === "qwen")!;
    expect(qwen.litellm_params).toMatchObject({
      model: "hosted_vllm/qwen2.5-7b",
      temperature: 0.2,
      order: 1,
    });
    expect(qwen.model_info).toMatchObject({ id: "vllm--qwen2.5-7b", base_model: "qwen2.5-7b-instruct" });
    expect(config.model_list.at(-1)).toEqual({
      model_name: "titan",
      litellm_params: { model: "bedrock/amazon.titan-text-express-v1", aws_region_name: "us-east-1" },
    });
    expect(config.litellm_settings).toEqual({
      drop_params: true,
      callbacks: ["prometheus", "langfuse"],
      set_verbose: false,
    });
    expect(config.general_settings).toEqual({
      master_key: "os.environ/LITELLM_MASTER_KEY",
      database_url: "os.environ/DATABASE_URL",
    });
    expect(config.router_settings).toEqual({
      fallbacks: [{ qwen: ["big"] }, { big: ["qwen"] }],
      enable_pre_call_checks: true,
    });
    expect(config.environment_variables).toEqual({ LANGFUSE_HOST: "https://langfuse.example.com" });
    const notes = result.notes.filter((n) => n.code.startsWith("SY405"));
    expect(notes.map((n) => `${n.code} ${n.file}:${n.range?.start.line} ${n.message}`)).toEqual([
      "SY4051 litellm-passthrough.yaml:2 litellm_settings.drop_params in litellm-passthrough.yaml is ignored: the sources generate this key",
      "SY4051 litellm-passthrough.yaml:6 general_settings.master_key in litellm-passthrough.yaml is ignored: the sources generate this key",
      "SY4051 litellm-passthrough.yaml:11 router_settings.fallbacks.0.qwen in litellm-passthrough.yaml is ignored: the sources generate this key",
      "SY4052 litellm-passthrough.yaml:21 Passthrough extras for 'gone' (provider 'vllm', model 'qwen2.5-7b') match no generated deployment and are not applied",
    ]);
  });

  test("is part of the sources hash, so editing it makes the generated file stale", async () => {
    const dir = await dirWith(PASSTHROUGH);
    const before = await generateIn(dir);
    expect(before.sourcesHash).not.toBe((await generateIn(await dirWith())).sourcesHash);
    await writeFile(join(dir, "litellm-unified.yaml"), before.text);
    await writeFile(join(dir, PASSTHROUGH_FILE), `${PASSTHROUGH}# edited\n`);
    const check = await checkGenerated({ configDir: dir, cwd: dir });
    expect(check.ok && check.status).toBe("sources-changed");
  });

  test("`passthrough: false` ignores the file; without one the output is unchanged", async () => {
    const withFile = await dirWith(PASSTHROUGH);
    const ignored = generateLiteLLMConfig(await loadConfigSet(withFile, { cwd: withFile }), {
      passthrough: false,
    });
    const plain = await generateIn(await dirWith());
    expect(ignored.ok && ignored.text).toBe(plain.text);
    expect(plain.config.environment_variables).toBeUndefined();
  });

  test("an invalid file refuses generation with located SY4050 errors", async () => {
    const dir = await dirWith("router_settings:\n  num_retries: three\nextras: {}\n");
    const result = generateLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => [d.code, d.file, d.range?.start.line])).toEqual([
      ["SY4050", "litellm-passthrough.yaml", 2],
      ["SY4050", "litellm-passthrough.yaml", 3],
    ]);
    expect(result.diagnostics[1]!.message).toContain("unknown section 'extras'");
  });

  test("generated ids never take a verbatim deployment's id; a shared id is a warning, carried as written", async () => {
    const parsed = parsePassthrough(
      "model_list:\n  - model_name: x\n    litellm_params: { model: bedrock/x }\n    model_info: { id: vllm--qwen2.5-7b }\n  - model_name: y\n    litellm_params: { model: bedrock/y }\n    model_info: { id: vllm--qwen2.5-7b }\n",
    );
    if (!parsed.ok || !parsed.passthrough) throw new Error("passthrough did not parse");
    const dir = await dirWith();
    const result = generateLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }), {
      passthrough: parsed.passthrough,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const ids = result.config.model_list.map((e) => e.model_info?.id);
    expect(ids.filter((id) => id === "vllm--qwen2.5-7b")).toHaveLength(2);
    expect(ids.some((id) => typeof id === "string" && /^vllm--qwen2\.5-7b-[0-9a-f]{8}$/.test(id))).toBe(true);
    expect(result.notes.filter((d) => d.code === "SY4053").map((d) => d.message)).toEqual([
      "The deployment id 'vllm--qwen2.5-7b' is set on two deployments; LiteLLM identifies deployments by id, so only one of them can be addressed by it",
    ]);
  });

  test("other top-level sections are carried as written; the generator's own sections cannot be", async () => {
    const text =
      "sections:\n  guardrails:\n    - guardrail_name: g\n      litellm_params: { guardrail: aporia, mode: pre_call }\n  credential_list: []\n";
    const generated = await generateIn(await dirWith(text));
    expect(parse(generated.text.split("\n\n").slice(1).join("\n\n"))).toMatchObject({
      guardrails: [{ guardrail_name: "g", litellm_params: { guardrail: "aporia", mode: "pre_call" } }],
      credential_list: [],
    });
    const refused = parsePassthrough("sections:\n  litellm_settings: {}\n");
    expect(!refused.ok && refused.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "SY4050",
        "litellm-passthrough.yaml: sections.litellm_settings cannot be carried here: put it in its own section of this file",
      ],
    ]);
  });
});
