import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { expectGolden, testNeeding } from "@switchyard/test-utils";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { generateLiteLLMConfig } from "./generate.js";
import type { GenerationSuccess } from "./types.js";

const REALISTIC = fileURLToPath(new URL("../test/fixtures/realistic", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../../../examples/config", import.meta.url));
const GOLDEN = fileURLToPath(new URL("../test/goldens/realistic.litellm-unified.yaml", import.meta.url));
const testWithPyYaml = testNeeding(["pyyaml"]);

async function generateFrom(dir: string, options: { prometheus?: boolean } = {}): Promise<GenerationSuccess> {
  const result = generateLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }), options);
  if (!result.ok) throw new Error(`generation failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result;
}

describe("generation of a realistic config set", () => {
  test("matches the reviewed golden file (UPDATE_GOLDENS=1 rewrites it, shows the diff and fails)", async () => {
    const result = await generateFrom(REALISTIC, { prometheus: true });
    expectGolden(
      result.text,
      GOLDEN,
      "packages/litellm-generator/test/goldens/realistic.litellm-unified.yaml",
    );
    expect(result.notes.map((n) => `${n.code} ${n.file}:${n.range?.start.line} ${n.message}`)).toEqual([
      "SY4010 model-mappings.yaml:27 Exact match 'fast' skipped: provider 'groq' is disabled (the name is not served)",
      "SY4021 model-mappings.yaml:46 Fallback 'fast' of 'llama3' dropped: no deployment serves it",
    ]);
  });

  testWithPyYaml("PyYAML (what LiteLLM reads it with) loads the same data", async () => {
    const result = await generateFrom(REALISTIC, { prometheus: true });
    const script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
    const loaded: unknown = JSON.parse(
      execFileSync("python3", ["-c", script], { input: result.text, encoding: "utf8" }),
    );
    expect(loaded).toEqual(result.config);
    expect(loaded).toEqual(parse(result.text, { version: "1.1" }));
  });
});

describe("the repository's example config set", () => {
  test("generates a config that passes the LiteLLM schema", async () => {
    const result = await generateFrom(EXAMPLES);
    expect(result.config.model_list.length).toBeGreaterThan(0);
    expect(result.text.startsWith("# AUTO-GENERATED")).toBe(true);
  });
});
