/** Checked examples of the schema-version and migration codes (SY3xxx): see run.ts. */
import { appendFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { CodeExample } from "./run.ts";

const PORTS = "config/ports.yaml";

export const SY3_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY3001",
    what: "`ports.yaml` says it is written for a schema newer than this Switchyard.",
    edits: [{ file: PORTS, from: 'schema_version: "2.0.0"', to: 'schema_version: "2.1.0"' }],
    args: ["migrate", "config"],
  },
  {
    code: "SY3002",
    what: "A schema version that never existed.",
    edits: [{ file: PORTS, from: 'schema_version: "2.0.0"', to: 'schema_version: "1.5.0"' }],
    args: ["migrate", "config"],
  },
  {
    code: "SY3003",
    what: "An unquoted version, which YAML reads as the number 2.",
    edits: [{ file: PORTS, from: 'schema_version: "2.0.0"', to: "schema_version: 2.0" }],
    args: ["migrate", "config"],
  },
  {
    code: "SY3005",
    what: "A target version that does not exist.",
    args: ["migrate", "config", "--to", "1.7.0"],
  },
  {
    code: "SY3006",
    what: "A legacy (1.0) provider whose type is misspelled: the first migration step's result is invalid.",
    edits: [
      {
        file: "legacy/providers.yaml",
        from: "  openai:\n    type: openai\n",
        to: "  openai:\n    type: opanai\n",
      },
    ],
    args: ["migrate", "legacy"],
  },
  {
    code: "SY3007",
    what: "A 1.2.0 file whose models list uses an anchor, which a migration step cannot rewrite in place.",
    files: {
      "old/providers.yaml":
        'schema_version: "1.2.0"\nproviders:\n  a:\n    type: ollama\n    url: http://127.0.0.1:11434\n    models: [&m llama3.1:8b]\n',
    },
    args: ["migrate", "old"],
  },
  {
    code: "SY3010",
    what: "A directory with no config file in it.",
    setupNote: "`mkdir empty`",
    setup: async (cwd) => {
      const { mkdir } = await import("node:fs/promises");
      await mkdir(join(cwd, "empty"));
    },
    args: ["migrate", "empty"],
  },
  {
    code: "SY3012",
    what: "A rollback of a set that was never migrated.",
    args: ["migrate", "rollback", "config"],
  },
  {
    code: "SY3013",
    what: "A rollback after a migrated file was edited by hand.",
    setupNote: "`switchyard migrate legacy --auto`, then a line is added to `legacy/ports.yaml`.",
    setup: async (cwd, run) => {
      await run(["migrate", "legacy", "--auto"]);
      await appendFile(join(cwd, "legacy/ports.yaml"), "# edited after the migration\n");
    },
    args: ["migrate", "rollback", "legacy"],
  },
  {
    code: "SY3014",
    what: "A rollback whose backup was deleted.",
    setupNote: "`switchyard migrate legacy --auto`, then the backup of `ports.yaml` is deleted.",
    setup: async (cwd, run) => {
      await run(["migrate", "legacy", "--auto"]);
      for (const name of await readdir(join(cwd, "legacy")))
        if (name.startsWith("ports.yaml.backup-")) await rm(join(cwd, "legacy", name));
    },
    args: ["migrate", "rollback", "legacy"],
  },
  {
    code: "SY3015",
    what: "A line of the migration history that is not a record (a merge left it half-written).",
    setupNote:
      "`switchyard migrate legacy --auto`, then a broken line is appended to `legacy/.switchyard/migrations.jsonl`.",
    setup: async (cwd, run) => {
      await run(["migrate", "legacy", "--auto"]);
      await appendFile(join(cwd, "legacy/.switchyard/migrations.jsonl"), '{"id": "half\n');
    },
    args: ["migrate", "history", "legacy"],
  },
  {
    code: "SY3020",
    what: "A legacy set with two vLLM providers on one port: the upgrade keeps one active.",
    files: {
      "two/providers.yaml":
        'version: "1.0"\nproviders:\n  vllm-qwen:\n    type: vllm\n    url: http://127.0.0.1:8001/v1\n    models: [Qwen/Qwen2.5-7B-Instruct]\n  vllm-dolphin:\n    type: vllm\n    url: http://127.0.0.1:8001/v1\n    models: [dolphin-2.9-llama3-8b]\n',
    },
    args: ["migrate", "two", "--dry-run"],
  },
  {
    code: "SY3021",
    what: "A legacy service with `restart:`, a field Switchyard never implemented.",
    files: {
      "old/ports.yaml": 'version: "1.0"\nservices:\n  litellm:\n    port: 4000\n    restart: always\n',
    },
    args: ["migrate", "old", "--dry-run"],
  },
  {
    code: "SY3022",
    what: "A downgrade of a 2.0.0 file to 1.2.0 (a dry run).",
    files: { "new/ports.yaml": 'schema_version: "2.0.0"\nservices:\n  litellm:\n    port: 4000\n' },
    args: ["migrate", "new", "--to", "1.2.0", "--dry-run"],
  },
  {
    code: "SY3023",
    what: "A legacy service whose port is quoted.",
    files: { "old/ports.yaml": 'version: "1.0"\nservices:\n  litellm:\n    port: "4000"\n' },
    args: ["migrate", "old", "--dry-run"],
  },
];
