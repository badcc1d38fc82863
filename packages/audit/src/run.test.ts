import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { validateConfigDir } from "@switchyard/consistency";
import { afterAll, describe, expect, it } from "vitest";
import { auditDir, cleanupStacks, makeStack } from "../test/helpers.js";
import { auditConfigDir } from "./audit-dir.js";
import { defineCheck } from "./checks/define.js";
import { AUDIT_CHECKS } from "./checks/registry.js";
import { auditExitCode } from "./gate.js";
import { runAudit } from "./run.js";

afterAll(cleanupStacks);

const lanVllm = (t: string) =>
  t.replace("base_url: http://127.0.0.1:8001/v1", "base_url: http://10.0.0.12:8001/v1");
const noFallback = (t: string) =>
  t.replace("    provider: openai\n    fallbacks: [llama3.1:8b]\n", "    provider: openai\n");

describe("suppressions", () => {
  it("honours an inline `# switchyard-ignore` comment with its reason", async () => {
    const dir = await makeStack({
      files: {
        "providers.yaml": (t) =>
          lanVllm(t).replace("8001/v1\n", "8001/v1  # switchyard-ignore SY5105: lab VLAN behind WireGuard\n"),
      },
    });
    const result = await auditDir(dir);
    expect(result.findings).toEqual([]);
    expect(result.categories.security.score).toBe(100);
    expect(result.suppressed).toMatchObject([
      {
        finding: { id: "SY5105", file: "providers.yaml" },
        origin: "inline",
        reason: "lab VLAN behind WireGuard",
      },
    ]);
    expect(result.checksRun.find((c) => c.id === "SY5105")).toMatchObject({
      status: "passed",
      findings: 0,
      hidden: 1,
    });
    expect(result.problems).toEqual([]);
  });

  it("honours a .switchyard.yaml suppression until it expires, then reports it", async () => {
    const settings = (expires: string) =>
      `suppressions:\n  - code: SY5304\n    file: model-mappings.yaml\n    path: exact_matches.gpt-4o-mini\n    reason: last resort, nothing behind it\n    expires: "${expires}"\n`;
    const valid = await auditDir(
      await makeStack({
        files: { "model-mappings.yaml": noFallback, ".switchyard.yaml": settings("2099-01-01") },
      }),
    );
    expect(valid.findings).toEqual([]);
    expect(valid.suppressed[0]).toMatchObject({ origin: "settings", expires: "2099-01-01" });

    const expired = await auditDir(
      await makeStack({
        files: { "model-mappings.yaml": noFallback, ".switchyard.yaml": settings("2025-12-31") },
      }),
    );
    expect(expired.findings.map((f) => f.id)).toEqual(["SY5304"]);
    expect(expired.problems).toMatchObject([
      { code: "SY1092", file: ".switchyard.yaml", message: expect.stringContaining("expired on 2025-12-31") },
    ]);
  });

  it("reports unused suppressions, and suppressions without a reason are not applied", async () => {
    const dir = await makeStack({
      files: {
        "providers.yaml": (t) => lanVllm(t).replace("8001/v1\n", "8001/v1  # switchyard-ignore SY5105\n"),
        "ports.yaml": (t) => t.replace("  ollama:\n", "  ollama:  # switchyard-ignore SY5405: not needed\n"),
      },
    });
    const result = await auditDir(dir);
    expect(result.findings.map((f) => f.id)).toEqual(["SY5105"]);
    expect(result.problems.map((p) => p.code).sort()).toEqual(["SY1090", "SY1091"]);
  });

  it("credits the inline comment when it and a .switchyard.yaml entry both cover a finding, as validate does", async () => {
    const dir = await makeStack({
      files: {
        "providers.yaml": (t) =>
          lanVllm(t).replace("8001/v1\n", "8001/v1  # switchyard-ignore SY5105: lab VLAN behind WireGuard\n"),
        ".switchyard.yaml":
          "suppressions:\n  - code: SY5105\n    file: providers.yaml\n    reason: the whole lab is trusted\n",
      },
    });
    const result = await auditDir(dir);
    expect(result.findings).toEqual([]);
    // The comment on the finding's own line hides it; the settings entry matched nothing else.
    expect(result.suppressed.map((s) => [s.finding.id, s.origin])).toEqual([["SY5105", "inline"]]);
    expect(result.problems.map((p) => [p.code, p.file])).toEqual([["SY1090", ".switchyard.yaml"]]);
  });

  it("lists problems about its suppressions inline-first, in validate's order", async () => {
    const dir = await makeStack({
      files: {
        "providers.yaml": (t) => t.replace("8001/v1\n", "8001/v1  # switchyard-ignore SY5105: lab VLAN\n"),
        ".switchyard.yaml":
          "suppressions:\n  - code: SY5105\n    file: providers.yaml\n    reason: the whole lab is trusted\n",
      },
    });
    const result = await auditDir(dir);
    // Both are unused (the provider is on this machine): the comment's line first, then the entry.
    expect(result.problems.map((p) => [p.code, p.file])).toEqual([
      ["SY1090", "providers.yaml"],
      ["SY1090", ".switchyard.yaml"],
    ]);
  });

  it("leaves suppressions of checks a partial run skipped alone", async () => {
    const dir = await makeStack({
      files: {
        ".switchyard.yaml":
          "suppressions:\n  - code: SY5304\n    file: model-mappings.yaml\n    reason: accepted\n",
      },
    });
    expect((await auditDir(dir, { quick: true })).problems).toEqual([]);
    expect((await auditDir(dir)).problems.map((p) => p.code)).toEqual(["SY1090"]);
  });

  it("turns a check off, or changes its severity, with `rules` in .switchyard.yaml", async () => {
    const dir = await makeStack({
      files: {
        ".switchyard.yaml": "rules:\n  SY5301: off\n  SY5105: info\n",
        "providers.yaml": lanVllm,
        "litellm-unified.yaml": (t) => t,
      },
    });
    const result = await auditDir(dir);
    expect(result.checksSkipped.find((s) => s.id === "SY5301")).toMatchObject({ reason: "turned-off" });
    expect(result.findings).toMatchObject([{ id: "SY5105", severity: "info" }]);
    // An info check weighs nothing: the security score stays 100.
    expect(result.categories.security.score).toBe(100);
  });
});

describe("modes", () => {
  it("--quick runs security and compliance only and says so", async () => {
    const result = await auditDir(await makeStack({ files: { "model-mappings.yaml": noFallback } }), {
      quick: true,
    });
    expect(result.mode).toBe("quick");
    expect(result.findings).toEqual([]);
    expect(result.categories.performance).toMatchObject({ selected: false, score: null });
    expect(result.overall).toBe(100);
    expect(result.checksRun.every((c) => c.category === "security" || c.category === "compliance")).toBe(
      true,
    );
    expect(result.checksSkipped.filter((s) => s.reason === "not-selected").map((s) => s.detail)).toContain(
      "--quick runs security and compliance only",
    );
  });

  it("--focus runs one category", async () => {
    const result = await auditDir(await makeStack({ files: { "model-mappings.yaml": noFallback } }), {
      focus: "performance",
    });
    expect(result).toMatchObject({ mode: "focus", focus: "performance", overall: 73 });
    expect(result.findings.map((f) => f.id)).toEqual(["SY5304"]);
    expect(
      Object.values(result.categories)
        .filter((c) => c.selected)
        .map((c) => c.category),
    ).toEqual(["performance"]);
    expect(auditExitCode(result)).toBe(1);
  });
});

describe("when the audit cannot run", () => {
  it("reports an unreadable directory as SY5002 and exit 3", async () => {
    const result = await auditConfigDir("/nonexistent/switchyard-config", { cwd: "/" });
    expect(result.status).toBe("error");
    expect(result.problems).toMatchObject([{ code: "SY5002" }]);
    expect(result.overall).toBeNull();
    expect(auditExitCode(result, { minScore: 0 })).toBe(3);
  });

  it("marks the result incomplete (exit 3) when a check crashes, and keeps the others", async () => {
    const crashing = defineCheck({
      ...AUDIT_CHECKS[0]!,
      id: "SY5199",
      name: "crashing",
      run() {
        throw new Error("boom");
      },
    });
    const result = await auditDir(await makeStack(), { checks: [...AUDIT_CHECKS, crashing] });
    expect(result.status).toBe("incomplete");
    expect(result.checksSkipped.find((s) => s.id === "SY5199")).toMatchObject({
      reason: "crashed",
      detail: "boom",
    });
    expect(result.problems).toMatchObject([{ code: "SY5003" }]);
    expect(result.categories.security.score).toBe(100);
    expect(auditExitCode(result)).toBe(3);
  });
});

describe("a config file that cannot be read (#10 item 9)", () => {
  async function withProvidersDirectory(): Promise<string> {
    const dir = await makeStack();
    await rm(join(dir, "providers.yaml"));
    await mkdir(join(dir, "providers.yaml"));
    return dir;
  }

  it.each([
    ["full", {}],
    ["--quick", { quick: true }],
    ["--focus performance", { focus: "performance" as const }],
    ["--focus security", { focus: "security" as const }],
  ])("is a critical finding in %s mode, so no gate passes", async (_mode, options) => {
    const result = await auditDir(await withProvidersDirectory(), options);
    expect(result.findings.filter((f) => f.id === "SY5407")).toMatchObject([
      {
        severity: "critical",
        file: "providers.yaml",
        message: "Cannot read providers.yaml: it is a directory; no check saw its content",
      },
    ]);
    expect(auditExitCode(result, { failOn: "high" })).toBe(2);
    expect(result.capped).toBe(true);
    expect(auditExitCode(result)).toBe(2);
    // Reported once: not also as an invalid file.
    expect(result.findings.filter((f) => f.id === "SY5402")).toEqual([]);
  });

  it("a file too large to read is one too", async () => {
    const dir = await makeStack();
    const set = await loadConfigSet(dir, { cwd: dir, maxBytes: 64 });
    const result = await runAudit(set, { cwd: dir, quick: true });
    expect(result.findings.filter((f) => f.id === "SY5407").map((f) => f.file)).toContain("providers.yaml");
    expect(auditExitCode(result, { failOn: "high" })).toBe(2);
  });

  it("when every file reads, the check does not apply and changes no score", async () => {
    const result = await auditDir(await makeStack(), { quick: true });
    expect(result.checksSkipped.find((s) => s.id === "SY5407")).toMatchObject({ reason: "not-applicable" });
    expect(result.checksRun.find((c) => c.id === "SY5407")).toBeUndefined();
  });
});

describe("SY5402 decides on the config-dir layer's check", () => {
  it("uses the validation the caller already has instead of checking the set again", async () => {
    const dir = await makeStack();
    const set = await loadConfigSet(dir, { cwd: dir });
    // The set validates, so SY5402 does not apply on its own check…
    const own = await runAudit(set, { cwd: dir, quick: true });
    expect(own.checksSkipped.find((s) => s.id === "SY5402")?.reason).toBe("not-applicable");
    // …but a caller's validation with an error (doctor's, the layer's) is what it reports.
    const given = await runAudit(set, {
      cwd: dir,
      quick: true,
      validation: [
        {
          code: "SY2010",
          severity: "error",
          message: "Fallback 'nowhere' of 'qwen' is not a public model name",
          file: "model-mappings.yaml",
          range: { start: { line: 6, column: 17, offset: 80 }, end: { line: 6, column: 24, offset: 87 } },
        },
      ],
    });
    expect(given.findings.filter((f) => f.id === "SY5402").map((f) => f.message)).toEqual([
      "model-mappings.yaml has 1 error (first: SY2010 at line 6: Fallback 'nowhere' of 'qwen' is not a public model name)",
    ]);
  });

  it("auditConfigDir's SY5402 names the first error validateConfigDir reports", async () => {
    const dir = await makeStack({
      files: { "model-mappings.yaml": (t) => t.replace("    provider: openai\n", "    provider: opneai\n") },
    });
    const checked = await validateConfigDir(dir, { cwd: dir });
    const first = checked.diagnostics.find((d) => d.severity === "error");
    expect(first?.code).toBe("SY2001");
    const result = await auditConfigDir(dir, { cwd: dir, quick: true });
    const finding = result.findings.find((f) => f.id === "SY5402");
    expect(finding?.message).toContain(
      `(first: ${first?.code} at line ${first?.range?.start.line}: ${first?.message})`,
    );
  });
});
