/** Checked examples of the loading, schema and safe-write codes (SY1xxx): see run.ts. */
import type { CodeExample } from "./run.ts";

const PROVIDERS = "config/providers.yaml";
const MAPPINGS = "config/model-mappings.yaml";

export const SY1_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY1001",
    what: "A flow list is closed with the wrong bracket.",
    edits: [
      {
        file: PROVIDERS,
        from: "    tags: [local, gpu]\n\n  # llama-cpp-python",
        to: "    tags: [local, gpu}\n\n  # llama-cpp-python",
      },
    ],
  },
  {
    code: "SY1014",
    what: "A quoted description is never closed.",
    edits: [
      {
        file: PROVIDERS,
        from: "description: Local models served by Ollama.",
        to: 'description: "Local models served by Ollama.',
      },
    ],
  },
  {
    code: "SY1015",
    what: "A file edited on Windows and on Linux: some lines end with CRLF, the rest with LF.",
    edits: [{ file: PROVIDERS, from: "    type: ollama\n", to: "    type: ollama\r\n" }],
  },
  {
    code: "SY1016",
    what: "A byte-order mark pasted in the middle of a file (invisible in most editors).",
    edits: [{ file: PROVIDERS, from: "    type: ollama\n", to: "    type: ollama\n\uFEFF" }],
  },
  {
    code: "SY1017",
    what: "A key without the space after its colon.",
    edits: [{ file: PROVIDERS, from: "    type: ollama\n", to: "    type:ollama\n" }],
  },
  {
    code: "SY1024",
    what: "A deployment of a load-balancing group without its `- `.",
    edits: [
      {
        file: MAPPINGS,
        from: "      - provider: llamacpp-native\n        model: phi-3.5-mini\n        weight: 1\n",
        to: "        provider: llamacpp-native\n        model: phi-3.5-mini\n        weight: 1\n",
      },
    ],
  },
  {
    code: "SY1043",
    what: "An environment reference names a variable with a hyphen, which no shell can export.",
    edits: [
      {
        file: MAPPINGS,
        from: "master_key: os.environ/LITELLM_MASTER_KEY",
        to: "master_key: os.environ/litellm-master-key",
      },
    ],
  },
  {
    code: "SY1006",
    what: "A file larger than the size cap (here a 17 MiB `ports.yaml`, mostly one comment).",
    setupNote: "`config/ports.yaml` is padded with a 17 MiB comment line.",
    setup: async (cwd) => {
      const { appendFile } = await import("node:fs/promises");
      await appendFile(`${cwd}/config/ports.yaml`, `# ${"x".repeat(17 * 1024 * 1024)}\n`);
    },
  },
  {
    code: "SY1010",
    what: "`.switchyard.yaml` is a directory, not a file.",
    setupNote: "`mkdir config/.switchyard.yaml`",
    setup: async (cwd) => {
      const { mkdir } = await import("node:fs/promises");
      await mkdir(`${cwd}/config/.switchyard.yaml`);
    },
  },
  {
    code: "SY1036",
    what: "A settings-file suppression whose `path` is a list holding a boolean: no form of `path` accepts it.",
    files: {
      "config/.switchyard.yaml":
        'schema_version: "2.0.0"\nsuppressions:\n  - code: SY2003\n    file: model-mappings.yaml\n    path: [true]\n    reason: known\n',
    },
  },
  {
    code: "SY1042",
    what: "A YAML tag the loader does not know, which is read as a plain string.",
    edits: [{ file: PROVIDERS, from: "    type: ollama\n", to: "    type: !provider ollama\n" }],
  },
  {
    code: "SY1092",
    what: "A suppression in `.switchyard.yaml` whose `expires` date has passed.",
    edits: [
      {
        file: MAPPINGS,
        from: "  gpt-4o:\n    provider: openai\n",
        to: "  gpt-4o:\n    provider: openai\n    model: gpt-4o-2099\n",
      },
    ],
    files: {
      "config/.switchyard.yaml":
        'schema_version: "2.0.0"\nsuppressions:\n  - code: SY2003\n    file: model-mappings.yaml\n    path: exact_matches.gpt-4o.model\n    reason: the vendor pins this model name\n    expires: 2024-06-30\n',
    },
  },
  {
    code: "SY1093",
    what: "A severity override names a code that does not exist (a typo of SY2003).",
    files: { "config/.switchyard.yaml": 'schema_version: "2.0.0"\nrules:\n  SY2033: warning\n' },
  },
  {
    code: "SY1094",
    what: "An inline suppression that names a rule by its name instead of its code.",
    edits: [
      {
        file: MAPPINGS,
        from: "  gpt-4o:\n    provider: openai\n",
        to: "  gpt-4o:\n    provider: openai # switchyard-ignore unknown-model: pinned\n",
      },
    ],
  },
  {
    code: "SY1095",
    what: "A severity override of a syntax error, which cannot be changed.",
    files: { "config/.switchyard.yaml": 'schema_version: "2.0.0"\nrules:\n  SY1001: warning\n' },
  },
  {
    code: "SY1044",
    what: "A hand-kept `litellm-unified.yaml` in the config directory with a misspelled `router_settings` key.",
    files: {
      "config/litellm-unified.yaml":
        "model_list:\n  - model_name: llama3.1\n    litellm_params:\n      model: ollama/llama3.1:8b\nrouter_settings:\n  num_retrys: 3\n",
    },
  },
  {
    code: "SY1019",
    what: "A generated providers.yaml gone wrong: 1,001 providers that are numbers instead of mappings.",
    setupNote: "`config/providers.yaml` gets 1,001 entries `pN: 1` under `providers:`.",
    setup: async (cwd) => {
      const { writeFile } = await import("node:fs/promises");
      const lines = ['schema_version: "2.0.0"', "providers:"];
      for (let i = 0; i < 1001; i++) lines.push(`  p${i}: 1`);
      await writeFile(`${cwd}/config/providers.yaml`, `${lines.join("\n")}\n`);
    },
    tail: 12,
  },
];
