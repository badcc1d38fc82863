const PROVIDER_KINDS = [
  { type: "ollama", port: 11434, path: "" },
  { type: "vllm", port: 8001, path: "/v1" },
  { type: "llamacpp", port: 8080, path: "/v1" },
  { type: "vllm", port: 8001, path: "/v1" },
] as const;

const MODELS_PER_PROVIDER = 500;

function pad(n: number): string {
  return String(n).padStart(5, "0");
}

/**
 * A 1.0.0 config set with `models` models (file name → text), written the way people wrote 1.0.0
 * files: comments everywhere, a legacy `version: "1.0"` in some files and none in others, quoted
 * ports, `enabled: yes`, plain model names, fields that were never implemented, and several
 * active vLLM providers sharing one port. For benchmarks and tests: it migrates to the current
 * schema and validates.
 */
export function syntheticLegacySet(models: number): Record<string, string> {
  const providerCount = Math.max(PROVIDER_KINDS.length, Math.ceil(models / MODELS_PER_PROVIDER));
  const providers: string[] = [
    "# Providers of a synthetic legacy (1.0.0) config set.",
    'version: "1.0"',
    "",
    "providers:",
  ];
  const ports: string[] = ["# Services of the synthetic set (no version key: read as 1.0.0).", "services:"];
  const mappings: string[] = [
    "# Public model names of the synthetic set.",
    'version: "1.0"',
    "",
    "exact_matches:",
  ];
  const providerOf: string[] = [];
  for (let p = 0; p < providerCount; p++) {
    const kind = PROVIDER_KINDS[p % PROVIDER_KINDS.length]!;
    const id = `${kind.type}-${p}`;
    providerOf.push(id);
    const host = `10.0.${Math.floor(p / 4)}.1`;
    providers.push(
      `  # provider ${p}`,
      `  ${id}:`,
      `    type: ${kind.type}`,
      `    url: http://${host}:${kind.port}${kind.path}   # ${kind.type} endpoint`,
      `    enabled: ${p % 2 === 0 ? "yes" : "true"}`,
    );
    if (p % 3 === 0) providers.push("    health_check_interval: 30  # seconds, never implemented");
    if (p % 5 === 0) providers.push(`    priority: ${p}`);
    providers.push("    models:");
    const first = p * MODELS_PER_PROVIDER;
    const last = Math.min(models, first + MODELS_PER_PROVIDER);
    for (let m = first; m < last; m++)
      providers.push(`      - model-${pad(m)}${m % 100 === 0 ? "   # a round one" : ""}`);
    if (first >= last) providers.push("      - spare");
    if (p % 4 === 3) continue; // the second vLLM of each host shares the first one's service
    ports.push(
      `  ${id}:`,
      `    port: "${kind.port}"`,
      `    host: ${host}`,
      `    health_check: http://${host}:${kind.port}${kind.type === "llamacpp" || kind.type === "vllm" ? "/health" : "/"}`,
      "    restart: always   # never implemented",
      `    providers: [${id}${kind.type === "vllm" ? `, ${PROVIDER_KINDS[3].type}-${p + 2}` : ""}]`,
    );
  }
  for (let m = 0; m < models; m++) {
    const provider = providerOf[Math.floor(m / MODELS_PER_PROVIDER)]!;
    // Most public names are the model's own name; every fifth is an alias naming its model.
    if (m % 5 === 4)
      mappings.push(`  alias-${pad(m)}:`, `    provider: ${provider}`, `    model: model-${pad(m)}`);
    else mappings.push(`  model-${pad(m)}:`, `    provider: ${provider}`);
    if (m % 10 === 0) mappings.push("    cache: true  # never implemented");
  }
  if (models >= 2)
    mappings.push("", "# Fallbacks by public name.", "fallbacks:", `  model-${pad(0)}: [model-${pad(1)}]`);
  mappings.push("", "routing:", "  strategy: simple-shuffle", "  timeout: 30");
  const flags = [
    "# Feature flags of the synthetic set.",
    'version: "1.0"',
    "flags:",
    "  new-router:",
    "    enabled: yes",
    '    rollout: "25%"',
    "  semantic-cache:",
    "    enabled: no",
  ];
  const text = (lines: string[]) => `${lines.join("\n")}\n`;
  return {
    "providers.yaml": text(providers),
    "model-mappings.yaml": text(mappings),
    "ports.yaml": text(ports),
    "feature-flags.yaml": text(flags),
  };
}
