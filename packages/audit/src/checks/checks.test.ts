import { execFileSync } from "node:child_process";
import { mkdir, readdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { afterAll, describe, expect, it } from "vitest";
import {
  auditDir,
  cleanupStacks,
  editGenerated,
  makeStack,
  plantedOpenAiKey,
  randomToken,
  type StackOptions,
} from "../../test/helpers.js";
import { auditExitCode } from "../gate.js";
import { runAudit } from "../run.js";
import type { AuditCategory } from "../types.js";
import { AUDIT_CHECKS } from "./registry.js";

afterAll(cleanupStacks);

interface Case {
  readonly id: string;
  readonly what: string;
  readonly stack: StackOptions;
  /** The category score, the overall score and the exit code with the default gate. */
  readonly expected: readonly [category: number | null, overall: number | null, exit: number];
}

const litellm = (edit: (body: string) => string) => ({ "litellm-unified.yaml": editGenerated(edit) });

const CASES: readonly Case[] = [
  // Security: weights critical 10, high 5, medium 3; all eight checks apply to well-kept (total 48).
  {
    id: "SY5101",
    what: "an OpenAI project key planted in providers.yaml",
    stack: { files: { "providers.yaml": (t) => t.replace("os.environ/OPENAI_API_KEY", plantedOpenAiKey()) } },
    expected: [79, 59, 2],
  },
  {
    id: "SY5101",
    what: "a GitHub token left in a comment",
    stack: { files: { "ports.yaml": (t) => `${t}# deploy token: ${["ghp", randomToken(36)].join("_")}\n` } },
    expected: [79, 59, 2],
  },
  {
    id: "SY5102",
    what: "a random secret under environment_variables",
    stack: {
      files: litellm((b) => `${b}environment_variables:\n  LANGFUSE_SECRET_KEY: ${randomToken(32)}\n`),
    },
    expected: [90, 97, 0],
  },
  {
    id: "SY5103",
    what: "a literal master_key",
    stack: {
      files: litellm((b) => b.replace("master_key: os.environ/LITELLM_MASTER_KEY", "master_key: sk-1234")),
    },
    expected: [90, 97, 0],
  },
  {
    id: "SY5104",
    what: "no master_key",
    stack: { files: litellm((b) => b.replace("  master_key: os.environ/LITELLM_MASTER_KEY\n", "")) },
    expected: [90, 97, 0],
  },
  {
    id: "SY5105",
    what: "plain http to a LAN host",
    stack: {
      files: { "providers.yaml": (t) => t.replace("http://127.0.0.1:8001/v1", "http://10.0.0.12:8001/v1") },
    },
    expected: [94, 98, 0],
  },
  {
    id: "SY5106",
    what: "the gateway on 0.0.0.0 without a master_key",
    stack: {
      files: {
        "ports.yaml": (t) => t.replace("    host: 127.0.0.1\n", "    host: 0.0.0.0\n"),
        ...litellm((b) => b.replace("  master_key: os.environ/LITELLM_MASTER_KEY\n", "")),
      },
    },
    expected: [69, 59, 2],
  },
  {
    id: "SY5107",
    what: "the cache Redis on another host without a password",
    stack: {
      files: litellm((b) =>
        b
          .replace("    host: 127.0.0.1\n", "    host: redis.internal\n")
          .replace("    password: os.environ/REDIS_PASSWORD\n", ""),
      ),
    },
    expected: [90, 97, 0],
  },
  {
    id: "SY5108",
    what: "a database URL with a password",
    stack: {
      files: litellm((b) =>
        b.replace(
          "general_settings:\n",
          `general_settings:\n  database_url: postgresql://litellm:${randomToken(16)}@db:5432/litellm\n`,
        ),
      ),
    },
    expected: [90, 97, 0],
  },
  // Compliance: 5201–5206 apply to well-kept (total 16).
  { id: "SY5201", what: "no git repository", stack: { git: false }, expected: [81, 96, 0] },
  {
    id: "SY5202",
    what: "no backup of any file",
    stack: { files: { "providers.yaml.backup-20250601_100000": null } },
    expected: [77, 95, 0],
  },
  {
    id: "SY5203",
    what: "an empty newest backup",
    stack: { files: { "providers.yaml.backup-20250601_100000": "" } },
    expected: [81, 96, 0],
  },
  {
    id: "SY5204",
    what: "no migration history",
    stack: { files: { ".switchyard/migrations.jsonl": null } },
    expected: [94, 99, 0],
  },
  {
    id: "SY5205",
    what: "an outdated schema_version",
    stack: {
      files: { "feature-flags.yaml": (t) => t.replace('schema_version: "2.0.0"', 'schema_version: "1.2.0"') },
    },
    expected: [81, 96, 0],
  },
  {
    id: "SY5206",
    what: "a hand-edited generated file",
    stack: { files: { "litellm-unified.yaml": (t) => t.replace("ttl: 3600", "ttl: 7200") } },
    expected: [81, 96, 0],
  },
  {
    id: "SY5206",
    what: "a generated file without its header",
    stack: { files: { "litellm-unified.yaml": (t) => t.replace(/^(?:#.*\n)+/, "") } },
    expected: [81, 96, 0],
  },
  // Performance: 5301–5304 and 5306 apply to well-kept (total 11); 5305 has no heavy model.
  {
    id: "SY5301",
    what: "the cache off",
    stack: { files: litellm((b) => b.replace("cache: true", "cache: false")) },
    expected: [91, 99, 0],
  },
  {
    id: "SY5302",
    what: "no timeouts anywhere",
    stack: {
      files: {
        "model-mappings.yaml": (t) => t.replace("  timeout_seconds: 120\n", ""),
        "providers.yaml": (t) =>
          t.replace("    timeouts:\n      connect_seconds: 5\n      request_seconds: 120\n", ""),
      },
    },
    expected: [73, 96, 0],
  },
  {
    id: "SY5303",
    what: "an hour-long routing timeout",
    stack: {
      files: { "model-mappings.yaml": (t) => t.replace("timeout_seconds: 120", "timeout_seconds: 3600") },
    },
    expected: [91, 99, 0],
  },
  {
    id: "SY5304",
    what: "a public model without fallbacks",
    stack: {
      files: {
        "model-mappings.yaml": (t) =>
          t.replace("    provider: openai\n    fallbacks: [llama3.1:8b]\n", "    provider: openai\n"),
      },
    },
    expected: [73, 96, 0],
  },
  {
    id: "SY5305",
    what: "a 500-rpm model on one deployment",
    stack: {
      files: {
        "model-mappings.yaml": (t) =>
          t.replace("    provider: openai\n", "    provider: openai\n    rpm: 500\n"),
      },
    },
    expected: [92, 99, 0],
  },
  {
    id: "SY5306",
    what: "ten router retries",
    stack: { files: { "model-mappings.yaml": (t) => t.replace("num_retries: 2", "num_retries: 10") } },
    expected: [73, 96, 0],
  },
  // Completeness: five apply to well-kept (total 13); SY5402 and SY5407 (critical, 10 each) apply only
  // to a set that does not validate or a file that cannot be read.
  {
    id: "SY5401",
    what: "model-mappings.yaml missing",
    stack: { files: { "model-mappings.yaml": null } },
    // 5404 needs model-mappings.yaml, so 12 points apply: 7/12.
    expected: [58, 92, 0],
  },
  {
    id: "SY5402",
    what: "an unknown key in providers.yaml",
    stack: {
      files: {
        "providers.yaml": (t) => t.replace("    type: ollama\n", "    type: ollama\n    colour: blue\n"),
      },
    },
    // Critical: a set `validate` rejects caps the overall score at 59, so even the default gate fails.
    expected: [57, 59, 2],
  },
  {
    id: "SY5402",
    what: "a route to a provider that does not exist (cross-file, SY2001)",
    stack: {
      files: { "model-mappings.yaml": (t) => t.replace("    provider: openai\n", "    provider: opneai\n") },
    },
    // Every file parses and matches its schema; `validate` rejects the set (SY2001), and so does the
    // audit (the openai provider is also unused now: SY5404).
    expected: [52, 59, 2],
  },
  {
    id: "SY5403",
    what: "a disabled provider with no models",
    stack: {
      files: {
        "providers.yaml": (t) =>
          `${t}\n  spare:\n    type: ollama\n    base_url: http://127.0.0.1:11500\n    status: disabled\n    models: []\n`,
      },
    },
    expected: [77, 95, 0],
  },
  {
    id: "SY5404",
    what: "an active provider no route uses",
    stack: {
      files: {
        "providers.yaml": (t) =>
          `${t}\n  spare:\n    type: ollama\n    base_url: http://127.0.0.1:11500\n    models:\n      - name: phi3\n`,
      },
    },
    expected: [92, 98, 0],
  },
  {
    id: "SY5405",
    what: "a required service without health_url",
    stack: {
      files: { "ports.yaml": (t) => t.replace("    health_url: http://127.0.0.1:11434/api/version\n", "") },
    },
    expected: [77, 95, 0],
  },
  {
    id: "SY5406",
    what: "a flag past its end_date",
    stack: { files: { "feature-flags.yaml": (t) => t.replace('"2099-12-31"', '"2025-01-01"') } },
    expected: [92, 98, 0],
  },
  {
    id: "SY5406",
    what: "a flag fully on and unchanged for 228 days",
    stack: { files: { "feature-flags.yaml": (t) => t.replace("    rollout_percentage: 25\n", "") } },
    expected: [92, 98, 0],
  },
  {
    id: "SY5407",
    what: "a directory in place of providers.yaml",
    stack: { files: { "providers.yaml": { directory: true } } },
    // Critical: the overall score is capped at 59, so even the default gate fails.
    expected: [47, 59, 2],
  },
  // LiteLLM pitfalls: 5501, 5503, 5504 apply to well-kept (total 11); 5502 needs a router Redis.
  {
    id: "SY5501",
    what: "store_model_in_db on",
    stack: {
      files: litellm((b) =>
        b.replace("general_settings:\n", "general_settings:\n  store_model_in_db: true\n"),
      ),
    },
    expected: [73, 96, 0],
  },
  {
    id: "SY5502",
    what: "one Redis for the cache and the router",
    stack: {
      files: litellm((b) =>
        b.replace(
          "router_settings:\n",
          "router_settings:\n  redis_host: localhost\n  redis_port: 6379\n  redis_password: os.environ/REDIS_PASSWORD\n",
        ),
      ),
    },
    expected: [79, 97, 0],
  },
  {
    id: "SY5503",
    what: "a misspelt router setting",
    stack: { files: litellm((b) => b.replace("routing_strategy:", "routing_stratgy:")) },
    // LiteLLM loads the file (it drops the key), so the schema accepts it and only this check fires.
    expected: [55, 93, 0],
  },
  {
    id: "SY5504",
    what: "a misspelt litellm setting",
    stack: { files: litellm((b) => b.replace("request_timeout: 120", "request_timout: 120")) },
    expected: [73, 96, 0],
  },
];

describe("each check has a fixture that triggers it", () => {
  it("covers every registered check", () => {
    const covered = new Set(CASES.map((c) => c.id));
    expect(AUDIT_CHECKS.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("the well-kept fixture scores 100 with nothing open", async () => {
    const result = await auditDir(await makeStack());
    expect(result.findings).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.overall).toBe(100);
    expect(Object.values(result.categories).map((c) => c.score)).toEqual([100, 100, 100, 100, 100]);
    expect(result.checksSkipped.map((s) => s.id)).toEqual(["SY5305", "SY5402", "SY5407", "SY5502"]);
    expect(auditExitCode(result)).toBe(0);
  });

  it.each(CASES)("$id: $what", async ({ id, stack, expected }) => {
    const result = await auditDir(await makeStack(stack));
    const check = AUDIT_CHECKS.find((c) => c.id === id)!;
    const category: AuditCategory = check.category;
    const actual = [result.categories[category].score, result.overall, auditExitCode(result)];
    expect(result.findings.map((f) => f.id)).toContain(id);
    expect(actual).toEqual(expected);
  });
});

describe("paths in findings", () => {
  it("SY5201 shows the config directory and the repository relative to the working directory (displayPath), not as absolute paths", async () => {
    const root = await makeStack({ git: false });
    const dir = join(root, "deploy");
    await mkdir(dir);
    for (const name of await readdir(root))
      if (name !== "deploy") await rename(join(root, name), join(dir, name));
    const audit = async () =>
      (await runAudit(await loadConfigSet(dir, { cwd: root }), { cwd: root, focus: "compliance" })).findings
        .filter((f) => f.id === "SY5201")
        .map((f) => [f.file, f.message]);
    expect(await audit()).toEqual([[undefined, "deploy is not inside a git repository"]]);
    execFileSync("git", ["init", "-q", root]);
    execFileSync("git", ["-C", root, "add", "deploy/providers.yaml"]);
    const untracked = await audit();
    expect(untracked.length).toBeGreaterThan(0);
    for (const [file, message] of untracked) {
      expect(file).toMatch(/^deploy\/[\w-]+\.yaml$/);
      expect(message).toBe("Not tracked by git (repository at .)");
    }
  });
});
