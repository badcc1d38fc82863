import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { withGeneratedHeader } from "./helpers.js";

/**
 * Write a config directory with `models` models (spread over providers of 100 models each), an exact
 * match with a fallback for each (a chain that ends at a glob route, so it validates: no cycle), and
 * the matching LiteLLM file. Returns the directory.
 */
export async function writeLargeSet(models: number): Promise<string> {
  const dir = await tempDir("sy-audit-large-");
  const perProvider = 100;
  const providers: string[] = ['schema_version: "2.0.0"', "providers:"];
  const mappings: string[] = ['schema_version: "2.0.0"', "exact_matches:"];
  const litellm: string[] = ["model_list:"];
  const ports: string[] = ['schema_version: "2.0.0"', "services:"];
  for (let p = 0; p < Math.ceil(models / perProvider); p++) {
    const port = 20000 + p;
    providers.push(
      `  p${p}:`,
      "    type: vllm",
      `    base_url: http://127.0.0.1:${port}/v1`,
      "    timeouts:",
      "      request_seconds: 120",
      "    models:",
    );
    ports.push(
      `  svc${p}:`,
      `    port: ${port}`,
      `    health_url: http://127.0.0.1:${port}/health`,
      `    providers: [p${p}]`,
    );
    for (let m = 0; m < perProvider && p * perProvider + m < models; m++) {
      const i = p * perProvider + m;
      providers.push(`      - name: org/model-${i}`, "        context_length: 32768");
      mappings.push(
        `  model-${i}:`,
        `    provider: p${p}`,
        `    model: org/model-${i}`,
        `    fallbacks: [${i + 1 < models ? `model-${i + 1}` : "org/model-0"}]`,
      );
      litellm.push(
        `  - model_name: model-${i}`,
        "    litellm_params:",
        `      model: hosted_vllm/org/model-${i}`,
        `      api_base: http://127.0.0.1:${port}/v1`,
        "      timeout: 120",
        "    model_info:",
        `      id: p${p}-model-${i}`,
      );
    }
  }
  mappings.push("patterns:", '  - pattern: "org/*"', "    provider: p0");
  mappings.push("routing:", "  timeout_seconds: 120", "  num_retries: 2");
  litellm.push(
    "router_settings:",
    "  num_retries: 2",
    "  timeout: 120",
    "  default_fallbacks: [model-0]",
    "litellm_settings:",
    "  cache: true",
    "  cache_params: {type: redis, host: 127.0.0.1, port: 6379, password: os.environ/REDIS_PASSWORD}",
    "general_settings:",
    "  master_key: os.environ/LITELLM_MASTER_KEY",
  );
  await writeFile(join(dir, "providers.yaml"), `${providers.join("\n")}\n`);
  await writeFile(join(dir, "model-mappings.yaml"), `${mappings.join("\n")}\n`);
  await writeFile(join(dir, "ports.yaml"), `${ports.join("\n")}\n`);
  await writeFile(join(dir, "litellm-unified.yaml"), withGeneratedHeader(`${litellm.join("\n")}\n`));
  return dir;
}
