import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditDir, cleanupStacks, makeStack, REPO_ROOT } from "../test/helpers.js";
import { auditExitCode } from "./gate.js";

afterAll(cleanupStacks);

/** Each directory of examples/audit, its expected open findings, overall score and exit code. */
const EXPECTED: Record<string, { findings: string[]; overall: number; exit: number }> = {
  "well-kept": { findings: [], overall: 100, exit: 0 },
  // Security 33/48 = 69 (critical SY5106 and high SY5104 fail); 91 overall, capped at 59 by the critical.
  "open-gateway": { findings: ["SY5106", "SY5104"], overall: 59, exit: 2 },
  // LiteLLM 5/14 = 36 (SY5501, SY5502, SY5504 fail; SY5503 passes); overall (85 × 100 + 15 × 36) / 100.
  "litellm-pitfalls": { findings: ["SY5501", "SY5502", "SY5504"], overall: 90, exit: 0 },
};

describe("examples/audit", () => {
  it("has an expectation for every case directory", async () => {
    const dirs = (await readdir(join(REPO_ROOT, "examples", "audit"), { withFileTypes: true })).filter((d) =>
      d.isDirectory(),
    );
    expect(dirs.map((d) => d.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s scores as documented", async (name, expected) => {
    const result = await auditDir(await makeStack({ from: name }));
    expect(result.findings.map((f) => f.id)).toEqual(expected.findings);
    expect(result.overall).toBe(expected.overall);
    expect(auditExitCode(result)).toBe(expected.exit);
  });
});
