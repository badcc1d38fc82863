/** How large a synthetic config set to build. */
export interface SyntheticConfigSize {
  /** Number of providers (vLLM servers on their own hosts). */
  readonly providers: number;
  /** Models per provider. */
  readonly modelsPerProvider: number;
  /** Mapping entries: exact matches plus load-balancing groups (one group per 100 entries). */
  readonly mappings: number;
}

/** The texts of a synthetic config set, by file name. */
export interface SyntheticConfigTexts {
  readonly "providers.yaml": string;
  readonly "model-mappings.yaml": string;
  readonly "ports.yaml": string;
}

const pad = (n: number) => String(n).padStart(5, "0");

/**
 * A large, valid config set with no findings, for benchmarks (`pnpm bench`): providers with their
 * models, exact matches with short fallback chains, load-balancing groups, two pattern routes and a
 * ports.yaml whose vLLM service hosts every provider. Deterministic.
 */
export function syntheticConfigTexts(size: SyntheticConfigSize): SyntheticConfigTexts {
  const providerCount = Math.max(1, Math.floor(size.providers));
  const modelCount = Math.max(1, Math.floor(size.modelsPerProvider));
  const mappingCount = Math.max(0, Math.floor(size.mappings));
  const provider = (i: number) => `p-${pad(i)}`;
  const model = (j: number) => `model-${pad(j)}`;

  const providers: string[] = ['schema_version: "2.0.0"', "providers:"];
  for (let i = 0; i < providerCount; i++) {
    providers.push(
      `  ${provider(i)}:`,
      "    type: vllm",
      `    base_url: http://gpu-${pad(i)}.internal:8001/v1`,
      "    models:",
    );
    for (let j = 0; j < modelCount; j++) providers.push(`      - name: ${model(j)}`);
  }

  const groupCount = Math.floor(mappingCount / 100);
  const exactCount = mappingCount - groupCount;
  const mappings: string[] = ['schema_version: "2.0.0"', "exact_matches:"];
  for (let k = 0; k < exactCount; k++) {
    mappings.push(
      `  m-${pad(k)}:`,
      `    provider: ${provider(k % providerCount)}`,
      `    model: ${model(Math.floor(k / providerCount) % modelCount)}`,
    );
    if (k % 4 < 3 && k + 1 < exactCount) mappings.push(`    fallbacks: [m-${pad(k + 1)}]`);
  }
  if (exactCount === 0) mappings[mappings.length - 1] = "exact_matches: {}";
  mappings.push(
    "patterns:",
    `  - pattern: "ext-*"`,
    `    provider: ${provider(0)}`,
    `    health_check_model: ${model(0)}`,
    `  - pattern: "vision-*"`,
    `    provider: ${provider(providerCount - 1)}`,
    `    health_check_model: ${model(0)}`,
  );
  if (groupCount > 0) {
    mappings.push("load_balancing:");
    for (let g = 0; g < groupCount; g++) {
      mappings.push(`  g-${pad(g)}:`, "    deployments:");
      for (const offset of [0, 1]) {
        mappings.push(
          `      - provider: ${provider((g * 2 + offset) % providerCount)}`,
          `        model: ${model(g % modelCount)}`,
          `        weight: ${offset + 1}`,
        );
      }
      mappings.push(`    fallbacks: [m-${pad(0)}]`);
    }
  }
  mappings.push("routing:", "  max_fallback_depth: 5");

  const ports: string[] = [
    'schema_version: "2.0.0"',
    "services:",
    "  litellm:",
    "    port: 4000",
    "    health_url: http://127.0.0.1:4000/health/liveliness",
    "    depends_on: [redis, vllm]",
    "  redis:",
    "    port: 6379",
    "  vllm:",
    "    port: 8001",
    "    host: 0.0.0.0",
    "    health_url: http://127.0.0.1:8001/health",
    "    providers:",
  ];
  for (let i = 0; i < providerCount; i++) ports.push(`      - ${provider(i)}`);

  return {
    "providers.yaml": `${providers.join("\n")}\n`,
    "model-mappings.yaml": `${mappings.join("\n")}\n`,
    "ports.yaml": `${ports.join("\n")}\n`,
  };
}
