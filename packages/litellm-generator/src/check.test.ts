import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { describe, expect, test } from "vitest";
import { configDir, yaml } from "../test/helpers.js";
import { checkGenerated } from "./check.js";
import { generateLiteLLMConfig } from "./generate.js";
import type { CheckReport } from "./types.js";

const PROVIDERS = yaml`
  schema_version: "2.0.0"
  providers:
    ollama:
      type: ollama
      base_url: http://127.0.0.1:11434
      models: [{ name: "llama3.1:8b" }, { name: "qwen2.5:7b" }]
`;
const MAPPINGS = yaml`
  schema_version: "2.0.0"
  exact_matches:
    llama3: { provider: ollama, model: "llama3.1:8b" }
`;

/** A config directory with a freshly generated litellm-unified.yaml. */
async function generatedDir(): Promise<{ dir: string; output: string; text: string }> {
  const dir = await configDir({ "providers.yaml": PROVIDERS, "model-mappings.yaml": MAPPINGS });
  const result = generateLiteLLMConfig(await loadConfigSet(dir));
  if (!result.ok) throw new Error("generation failed");
  const output = join(dir, "litellm-unified.yaml");
  await writeFile(output, result.text);
  return { dir, output, text: result.text };
}

async function check(dir: string, options: { prometheus?: boolean } = {}): Promise<CheckReport> {
  const result = await checkGenerated({ configDir: dir, cwd: dir, ...options });
  if (!result.ok) throw new Error(`check failed: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

describe("checkGenerated", () => {
  test("a freshly generated file is current, with no diff", async () => {
    const { dir } = await generatedDir();
    const report = await check(dir);
    expect(report).toMatchObject({
      status: "current",
      diff: { kind: "equal", text: "" },
      message: "litellm-unified.yaml is up to date",
    });
    expect(report.diagnostic).toBeUndefined();
  });

  test("a missing file is reported with the whole file as the diff", async () => {
    const { dir, output, text } = await generatedDir();
    await rm(output);
    const report = await check(dir);
    expect(report.status).toBe("missing");
    expect(report.diagnostic).toMatchObject({ code: "SY4101", severity: "error" });
    expect(report.diff.text.split("\n").slice(0, 2)).toEqual(["--- /dev/null", "+++ b/litellm-unified.yaml"]);
    expect(report.diff.text).toContain(`+${text.split("\n")[0]}`);
  });

  test("changed sources are detected, with the diff of what regenerating changes", async () => {
    const { dir } = await generatedDir();
    await writeFile(
      join(dir, "model-mappings.yaml"),
      `${MAPPINGS}  qwen: { provider: ollama, model: "qwen2.5:7b" }\n`,
    );
    const report = await check(dir);
    expect(report.status).toBe("sources-changed");
    expect(report.message).toBe("litellm-unified.yaml: sources changed, regenerate");
    expect(report.diagnostic?.code).toBe("SY4102");
    expect(report.diff.text).toContain("+  - model_name: qwen\n");
    expect(report.diff.text).toMatch(/^-# sources: sha256:[0-9a-f]{64}$/m);
  });

  test("a comment-only change to a source is a source change too (the hash covers the bytes)", async () => {
    const { dir } = await generatedDir();
    await writeFile(join(dir, "providers.yaml"), `# a comment\n${PROVIDERS}`);
    const report = await check(dir);
    expect(report.status).toBe("sources-changed");
    expect(report.diff.text.split("\n").filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(2);
  });

  test("a hand edit is detected even when the sources changed too", async () => {
    const { dir, output, text } = await generatedDir();
    await writeFile(
      output,
      text.replace("api_base: http://127.0.0.1:11434", "api_base: http://10.0.0.9:11434"),
    );
    const edited = await check(dir);
    expect(edited.status).toBe("hand-edited");
    expect(edited.message).toBe("litellm-unified.yaml: the file was edited by hand");
    expect(edited.diagnostic?.code).toBe("SY4103");
    expect(edited.diff.text).toContain(
      "-      api_base: http://10.0.0.9:11434\n+      api_base: http://127.0.0.1:11434\n",
    );

    await writeFile(
      join(dir, "model-mappings.yaml"),
      `${MAPPINGS}  qwen: { provider: ollama, model: "qwen2.5:7b" }\n`,
    );
    const both = await check(dir);
    expect(both.status).toBe("hand-edited");
    expect(both.message).toBe(
      "litellm-unified.yaml: the file was edited by hand (and the sources changed since)",
    );
  });

  test("a file without the header is reported as such", async () => {
    const { dir, output } = await generatedDir();
    await writeFile(output, "model_list: []\n");
    const report = await check(dir);
    expect(report.status).toBe("header-missing");
    expect(report.diagnostic?.code).toBe("SY4104");
  });

  test("the same sources generated with other options are reported as generator-changed", async () => {
    const { dir } = await generatedDir();
    const report = await check(dir, { prometheus: true });
    expect(report.status).toBe("generator-changed");
    expect(report.diagnostic?.code).toBe("SY4105");
    expect(report.diff.text).toContain("+  callbacks:\n+    - prometheus\n");
  });

  test("beyond maxDiffEdits the diff is reported as too large, and the status is still exact", async () => {
    const { dir } = await generatedDir();
    await writeFile(
      join(dir, "model-mappings.yaml"),
      `${MAPPINGS}  qwen: { provider: ollama, model: "qwen2.5:7b" }\n`,
    );
    const result = await checkGenerated({ configDir: dir, cwd: dir, maxDiffEdits: 2 });
    if (!result.ok) throw new Error("check failed");
    expect(result.status).toBe("sources-changed");
    expect(result.diff).toMatchObject({ kind: "too-large", maxEditLength: 2 });
    expect(result.diff.text).toMatch(/^files differ \(\d+ lines vs \d+\), diff too large to show/);
  });

  test("an explicit output path outside the config dir is checked", async () => {
    const { dir, text } = await generatedDir();
    const elsewhere = await configDir({ "litellm.yaml": text });
    const result = await checkGenerated({
      configDir: dir,
      outputPath: join(elsewhere, "litellm.yaml"),
      cwd: elsewhere,
    });
    expect(result.ok && result.status).toBe("current");
    expect(await readFile(join(elsewhere, "litellm.yaml"), "utf8")).toBe(text);
  });

  test("a config set with errors gives diagnostics instead of a status", async () => {
    const { dir } = await generatedDir();
    await writeFile(join(dir, "providers.yaml"), PROVIDERS.replace("type: ollama", "type: olama"));
    const result = await checkGenerated({ configDir: dir, cwd: dir });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics[0]!.code).toBe("SY4001");
  });
});
