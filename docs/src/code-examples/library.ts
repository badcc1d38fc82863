/**
 * Checked examples of codes that only a library call reports (the CLI validates a set before it
 * generates, so the generator's own checks of the set never fire there; env overrides and store
 * states belong to a running program): see run.ts.
 */
import type { CodeExample } from "./run.ts";

const MAPPINGS = "config/model-mappings.yaml";

/** Generate from ./config with the library, printing each diagnostic on one line. */
const GENERATE = `import { formatLocation, loadConfigSet } from "@switchyard/config-schema";
import { generateLiteLLMConfig } from "@switchyard/litellm-generator";

const result = generateLiteLLMConfig(await loadConfigSet("./config"));
const found = result.ok ? result.notes : result.diagnostics;
for (const d of found) console.log(\`\${formatLocation(d) || "-"} \${d.severity}[\${d.code}] \${d.message}\`);
`;

/** Open ./config/feature-flags.yaml as a store, run `body`, close it. */
const withStore = (
  body: string,
) => `import { FileFlagStore, FlagEngine, flagsOf } from "@switchyard/feature-flags";

const store = await FileFlagStore.open("./config/feature-flags.yaml");
try {
${body
  .trim()
  .split("\n")
  .map((line) => `  ${line}`)
  .join("\n")}
} finally {
  await store.close();
}
`;

export const LIBRARY_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY4001",
    what: "Generating from a set with a schema error (a port out of range).",
    edits: [{ file: "config/ports.yaml", from: "    port: 11434\n", to: "    port: 114340\n" }],
    snippet: GENERATE,
  },
  {
    code: "SY4002",
    what: "An exact match naming a provider that providers.yaml does not declare (`switchyard validate` reports it as SY2001 first).",
    edits: [
      { file: MAPPINGS, from: "    provider: llamacpp-python\n", to: "    provider: llamacpp-pyhton\n" },
    ],
    snippet: GENERATE,
  },
  {
    code: "SY4005",
    what: "A public name that is both an exact match and a load-balancing group (`switchyard validate` reports SY2051 first).",
    edits: [{ file: MAPPINGS, from: "  local-chat:\n    strategy", to: "  mistral-7b:\n    strategy" }],
    snippet: GENERATE,
  },
  {
    code: "SY4012",
    what: "A deployment names a model its provider does not list (`switchyard validate` reports SY2003 first).",
    edits: [
      {
        file: MAPPINGS,
        from: "      - provider: llamacpp-native\n        model: phi-3.5-mini\n",
        to: "      - provider: llamacpp-native\n        model: phi-4-mini\n",
      },
    ],
    snippet: GENERATE,
  },
  {
    code: "SY4022",
    what: "A model that lists itself as its own fallback (`switchyard validate` reports SY2011 first).",
    edits: [
      { file: MAPPINGS, from: "  qwen2.5: [llama3.1, gpt-4o-mini]", to: "  qwen2.5: [qwen2.5, gpt-4o-mini]" },
    ],
    snippet: GENERATE,
  },
  {
    code: "SY7003",
    what: "Two writers change the same flag from the same version: the second is refused.",
    snippet: withStore(`
const read = await store.get("semantic-cache");
await store.put("semantic-cache", { ...read!.flag, rollout_percentage: 50 }, read!.version);
try {
  await store.put("semantic-cache", { ...read!.flag, rollout_percentage: 10 }, read!.version);
} catch (error) {
  const { code, message } = error as { code: string; message: string };
  console.log(\`\${code} \${message}\`);
}
`),
  },
  {
    code: "SY7010",
    what: "`FEATURE_SEMANTIC_CACHE=maybe`: an override that is neither true nor false.",
    snippet: withStore(`
const engine = new FlagEngine(flagsOf(store.snapshot()), { env: { FEATURE_SEMANTIC_CACHE: "maybe" } });
for (const d of engine.overrideDiagnostics) console.log(\`\${d.severity}[\${d.code}] \${d.message}\`);
`),
  },
  {
    code: "SY7011",
    what: "`FEATURE_SEMANTIC_CACH=true`: an override of a flag that does not exist.",
    snippet: withStore(`
const engine = new FlagEngine(flagsOf(store.snapshot()), { env: { FEATURE_SEMANTIC_CACH: "true" } });
for (const d of engine.overrideDiagnostics) console.log(\`\${d.severity}[\${d.code}] \${d.message}\`);
`),
  },
  {
    code: "SY7012",
    what: "Flags `cloud-fallback` and `cloud_fallback` both map to `FEATURE_CLOUD_FALLBACK`.",
    edits: [
      {
        file: "config/feature-flags.yaml",
        from: "  cloud-fallback:\n",
        to: "  cloud_fallback:\n    enabled: true\n  cloud-fallback:\n",
      },
    ],
    snippet: withStore(`
const engine = new FlagEngine(flagsOf(store.snapshot()), { env: { FEATURE_CLOUD_FALLBACK: "true" } });
for (const d of engine.overrideDiagnostics) console.log(\`\${d.severity}[\${d.code}] \${d.message}\`);
`),
  },
  {
    code: "SY7020",
    what: "feature-flags.yaml edited by hand into an invalid state while a program serves it.",
    snippet: withStore(`
const { readFile, writeFile } = await import("node:fs/promises");
const path = "./config/feature-flags.yaml";
await writeFile(path, (await readFile(path, "utf8")).replace("rollout_percentage: 25", "rollout_percentage: 250"));
while (store.health().state === "ok") await new Promise((resolve) => setTimeout(resolve, 20));
const health = store.health();
if (health.state === "degraded")
  for (const d of health.diagnostics) console.log(\`\${d.severity}[\${d.code}] \${d.message}\`);
`),
  },
  {
    code: "SY7021",
    what: "A change while the flag file is invalid: the store cannot write it.",
    snippet: withStore(`
const { readFile, writeFile } = await import("node:fs/promises");
const path = "./config/feature-flags.yaml";
await writeFile(path, (await readFile(path, "utf8")).replace("rollout_percentage: 25", "rollout_percentage: 250"));
while (store.health().state === "ok") await new Promise((resolve) => setTimeout(resolve, 20));
try {
  await store.put("cloud-fallback", { enabled: true }, 1);
} catch (error) {
  const { code, message } = error as { code: string; message: string };
  console.log(\`\${code} \${message}\`);
}
`),
  },
];
