import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditDir, cleanupStacks, makeStack } from "../test/helpers.js";
import { auditExitCode } from "./gate.js";
import { renderAudit } from "./render/index.js";

afterAll(cleanupStacks);

describe("examples/config (what `switchyard init` writes)", () => {
  it("scores 84: a well-kept local stack that is new (no backups, no migration history yet)", async () => {
    // A copy in its own git repository, so the result does not depend on this checkout's state.
    const dir = await makeStack({ from: join("..", "config") });
    const result = await auditDir(dir);
    expect(result.overall).toBe(84);
    expect(auditExitCode(result)).toBe(0);
    expect(Object.fromEntries(Object.values(result.categories).map((c) => [c.category, c.score]))).toEqual({
      security: 100,
      compliance: 60,
      performance: 64,
      completeness: 100,
      litellm: null,
    });
    expect(result.findings.map((f) => `${f.id} ${f.message}`)).toEqual([
      "SY5202 None of providers.yaml, model-mappings.yaml, ports.yaml, feature-flags.yaml has a backup",
      "SY5204 No migration history (.switchyard/migrations.jsonl does not exist)",
      "SY5304 Public model 'phi-3.5-mini' has no fallback",
      "SY5304 Public model 'nomic-embed-text' has no fallback",
      "SY5304 Public model 'gpt-4o-mini' has no fallback",
      "SY5304 Public model 'gpt-4o' has no fallback",
      "SY5305 Model 'llama3.1' is heavily used (fallback of 3 models) but served by a single deployment",
      "SY5305 Model 'gpt-4o' is heavily used (rpm 500) but served by a single deployment",
    ]);
    expect(renderAudit(result, "text")).toContain(
      "LiteLLM pitfalls  ────────────────────   – no check applied",
    );
  });
});
