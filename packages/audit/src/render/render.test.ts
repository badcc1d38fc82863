import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditDir,
  auditFixture,
  cleanupStacks,
  makeStack,
  plantedOpenAiKey,
  REPO_ROOT,
} from "../../test/helpers.js";
import { auditExitCode } from "../gate.js";
import type { AuditResult } from "../types.js";
import { AUDIT_FORMATS, renderAudit } from "./index.js";

afterAll(cleanupStacks);

// ajv is a dev dependency of config-schema (which owns the SARIF renderer and the schema fixture);
// resolve it from there rather than giving audit a dependency of its own.
const requireFromSchema = createRequire(join(REPO_ROOT, "packages/config-schema/package.json"));
const Ajv = (
  requireFromSchema("ajv") as {
    default: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
  }
).default;
const sarifSchema = JSON.parse(
  readFileSync(join(REPO_ROOT, "packages/config-schema/test/fixtures/sarif-schema-2.1.0.json"), "utf8"),
) as object;
const validateSarif = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(
  sarifSchema,
);

describe("a planted sk- key", () => {
  const key = plantedOpenAiKey();
  let clean: AuditResult;
  let planted: AuditResult;

  beforeAll(async () => {
    clean = await auditDir(await makeStack());
    const dir = await makeStack({
      files: {
        "providers.yaml": (t) => t.replace("os.environ/OPENAI_API_KEY", key),
        // The same key in a comment and inside a URL of the generated file.
        "ports.yaml": (t) => `${t}# old key: ${key}\n`,
      },
    });
    planted = await auditDir(dir);
  });

  it("lowers the security score and changes the exit code", () => {
    expect(clean.categories.security.score).toBe(100);
    expect(planted.categories.security.score).toBeLessThan(100);
    expect(planted.capped).toBe(true);
    expect(planted.overall).toBe(59);
    expect(auditExitCode(clean)).toBe(0);
    expect(auditExitCode(planted)).toBe(2);
    expect(planted.findings.filter((f) => f.id === "SY5101")).toHaveLength(2);
  });

  it.each(AUDIT_FORMATS)("never appears whole in %s output", (format) => {
    const output = renderAudit(planted, format, { color: true });
    expect(output).not.toContain(key);
    // Not even a long part of it.
    expect(output).not.toContain(key.slice(8, 40));
    expect(output).toContain("sk-p…****");
  });

  it("gives valid SARIF 2.1.0 with the audit severity on rules and results", () => {
    const log = JSON.parse(renderAudit(planted, "sarif", { toolVersion: "0.1.0" }));
    const valid = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = log.runs[0];
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === "SY5101");
    expect(rule.properties).toMatchObject({
      "security-severity": "9.5",
      auditSeverity: "critical",
      tags: ["security", "switchyard-audit"],
    });
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "SY5101");
    expect(result.level).toBe("error");
    expect(result.properties.auditSeverity).toBe("critical");
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe("ports.yaml");
  });

  it("puts security-severity on security rules only, so GitHub shows no other finding as a security alert", async () => {
    // A set with findings of every category (examples/audit/litellm-pitfalls) plus the planted key.
    const pitfalls = await auditDir(auditFixture("litellm-pitfalls"));
    const log = JSON.parse(
      renderAudit({ ...pitfalls, findings: [...pitfalls.findings, ...planted.findings] }, "sarif"),
    );
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      properties?: { auditCategory?: string; tags?: string[]; "security-severity"?: string };
    }[];
    const audited = rules.filter((r) => r.properties?.auditCategory !== undefined);
    expect(audited.some((r) => r.properties!.auditCategory !== "security")).toBe(true);
    for (const rule of audited) {
      const security = rule.properties!.auditCategory === "security";
      expect(rule.properties!["security-severity"] !== undefined, rule.id).toBe(security);
      expect(rule.properties!.tags!.includes("security"), rule.id).toBe(security);
    }
  });

  it("annotates GitHub with the severity in the message", () => {
    const output = renderAudit(planted, "github");
    expect(output).toMatch(
      /^::error file=providers\.yaml,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=SY5101 known-format-secret::\[critical\] OpenAI project key/m,
    );
  });
});

describe("text", () => {
  let result: AuditResult;
  beforeAll(async () => {
    result = await auditDir(
      await makeStack({
        files: { "model-mappings.yaml": (t) => t.replace("num_retries: 2", "num_retries: 10") },
      }),
    );
  });

  it("shows a score bar per category and groups findings under their category", () => {
    const text = renderAudit(result, "text", { target: "config" });
    expect(text).toContain("Switchyard audit of config — full audit: 27 checks ran, 4 not applicable");
    expect(text).toMatch(/^Overall {11}█{19}░ {2}96\/100$/m);
    expect(text).toMatch(/^Performance {7}█{15}░{5} {2}73 {2}4 passed, 1 failed, 1 n\/a$/m);
    expect(text).toContain(
      "Performance (1 finding)\n  medium   SY5306 retries-excessive\n    model-mappings.yaml:31:3  routing.num_retries is 10, over the 5-retry bound",
    );
    expect(text).toContain("Exit 0 (score bands: ≥ 80 pass, 60–79 warn, < 60 fail)");
  });

  it("uses no escape codes without color (NO_COLOR) and ASCII bars on request", () => {
    const plain = renderAudit(result, "text", { color: false, ascii: true });
    expect(plain).not.toContain("\u001b[");
    expect(plain).toMatch(/^Overall {11}#{19}\. {2}96\/100$/m);
    expect(renderAudit(result, "text", { color: true })).toContain("\u001b[");
  });

  it("states the explicit gate it applied", () => {
    expect(renderAudit(result, "text", { gate: { failOn: "medium" } })).toContain(
      "Exit 2 (--fail-on medium)",
    );
  });
});

describe("markdown", () => {
  it("renders a PR comment with a category table and escaped cells", async () => {
    const result = await auditDir(
      await makeStack({
        files: { "model-mappings.yaml": (t) => t.replace("num_retries: 2", "num_retries: 10") },
      }),
    );
    const md = renderAudit(result, "markdown", { target: "config" });
    expect(md).toContain("## 🟢 Switchyard audit: 96/100");
    expect(md).toContain("| 🟡 Performance | 73 | 4 | 1 | 1 | 1 medium |");
    expect(md).toContain(
      "| medium | `SY5306` retries-excessive | `model-mappings.yaml:31:3` | routing.num_retries is 10, over the 5-retry bound |",
    );
    expect(md).toContain("<details><summary>How to fix</summary>");
  });
});

describe("json", () => {
  it("is the result itself, saying which mode ran and which checks were skipped", async () => {
    const result = await auditDir(await makeStack(), { quick: true });
    const json = JSON.parse(renderAudit(result, "json"));
    expect(json.format).toBe("switchyard-audit/1");
    expect(json.mode).toBe("quick");
    expect(json.checksRun.map((c: { category: string }) => c.category)).not.toContain("performance");
    // SY5402 and SY5407 run in every mode (not applicable here: the set validates and reads).
    expect(json.checksSkipped.filter((s: { reason: string }) => s.reason === "not-selected")).toHaveLength(
      15,
    );
    expect(json.categories.performance).toMatchObject({ selected: false, score: null });
  });
});
