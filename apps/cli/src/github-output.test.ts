import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import AjvModule from "ajv";
import { describe, expect, it } from "vitest";
import {
  annotationProblems,
  codeScanningProblems,
  parseWorkflowCommand,
  type WorkflowCommand,
} from "./test-support/github-rules.js";
import { REPO_ROOT } from "./test-support/paths.js";
import { copyExample, runCli } from "./test-support/run.js";

// The official SARIF 2.1.0 schema (config-schema's test fixture; see its README for the source).
const sarifSchema = JSON.parse(
  readFileSync(join(REPO_ROOT, "packages/config-schema/test/fixtures/sarif-schema-2.1.0.json"), "utf8"),
) as object;
// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const ajv = new AjvModule.default({ strict: false, validateFormats: false, allErrors: true });
const validateSarif = ajv.compile(sarifSchema);

/** Every line of `--format github` output through the runner's parser; none may fall through as text. */
function annotations(stdout: string): WorkflowCommand[] {
  const lines = stdout.split("\n").filter((l) => l !== "");
  const parsed = lines.map(parseWorkflowCommand);
  expect(parsed.filter((c) => c === undefined).length, stdout).toBe(0);
  return parsed as WorkflowCommand[];
}

function expectCodeScanningAccepts(stdout: string, repo: string): ReturnType<typeof JSON.parse> {
  const log = JSON.parse(stdout);
  validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(codeScanningProblems(log, repo)).toEqual([]);
  return log;
}

/** examples/<name> copied to `infra/config` of a fresh git repository; the run is in `infra/`. */
async function inSubfolder(name: string): Promise<{ repo: string; cwd: string }> {
  const repo = await copyExample(name, { into: "infra/config", git: true });
  return { repo, cwd: join(repo, "infra") };
}

describe("--format github and sarif, run from a subfolder of a git repository", () => {
  it("validate: annotations name files from the repository root, with lines inside them", async () => {
    const { repo, cwd } = await inSubfolder("broken/provider-name-typo");
    const { code, stdout } = await runCli(["validate", "config", "--format", "github"], cwd);
    expect(code).toBe(1);
    const commands = annotations(stdout);
    const typo = commands.find((c) => c.properties.title?.startsWith("SY2001"));
    expect(typo?.properties.file).toBe("infra/config/model-mappings.yaml");
    expect(typo?.data).toContain("See infra/config/providers.yaml:");
    for (const command of commands) expect(annotationProblems(command, repo)).toEqual([]);
  });

  it("validate: the SARIF is valid 2.1.0 and breaks none of code scanning's rules", async () => {
    const { repo, cwd } = await inSubfolder("broken/provider-name-typo");
    const { code, stdout } = await runCli(["validate", "config", "--format", "sarif"], cwd);
    expect(code).toBe(1);
    const log = expectCodeScanningAccepts(stdout, repo);
    const run = log.runs[0];
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe(pathToFileURL(`${repo}/`).href);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "SY2001");
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "infra/config/model-mappings.yaml",
      uriBaseId: "%SRCROOT%",
    });
    expect(result.message.text).toMatch(/\[[^\]]+\]\(1\)/);
  });

  it("a missing required file is no annotation on a file and no SARIF result: it names the path", async () => {
    const { repo, cwd } = await inSubfolder("broken/missing-required-file");
    const github = await runCli(["validate", "config", "--format", "github"], cwd);
    const missing = annotations(github.stdout).find((c) => c.properties.title?.startsWith("SY1011"));
    expect(missing?.properties.file).toBeUndefined();
    expect(missing?.data).toMatch(
      /^config\/model-mappings\.yaml: Required file model-mappings\.yaml is missing/,
    );
    const sarif = await runCli(["validate", "config", "--format", "sarif"], cwd);
    const log = expectCodeScanningAccepts(sarif.stdout, repo);
    expect(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === "SY1011")).toBe(false);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications as { message: { text: string } }[];
    expect(notes.map((n) => n.message.text)).toContainEqual(
      expect.stringMatching(/^SY1011: config\/model-mappings\.yaml: /),
    );
  });

  it("audit: annotations and SARIF from a subfolder, security-severity on security rules only", async () => {
    const { repo, cwd } = await inSubfolder("audit/litellm-pitfalls");
    const github = await runCli(["audit", "config", "--format", "github"], cwd);
    const commands = annotations(github.stdout);
    expect(commands.some((c) => c.properties.file?.startsWith("infra/config/"))).toBe(true);
    for (const command of commands) expect(annotationProblems(command, repo)).toEqual([]);
    const sarif = await runCli(["audit", "config", "--format", "sarif"], cwd);
    const log = expectCodeScanningAccepts(sarif.stdout, repo);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    const rules = log.runs[0].tool.driver.rules as { properties?: Record<string, unknown> }[];
    expect(
      rules.some(
        (r) => r.properties?.auditCategory !== undefined && r.properties.auditCategory !== "security",
      ),
    ).toBe(true);
  });

  it("GITHUB_WORKSPACE is the root when set (a checkout without .git, or a nested repository)", async () => {
    const repo = await copyExample("broken/provider-name-typo", { into: "infra/config" });
    const { stdout } = await runCli(["validate", "config", "--format", "github"], join(repo, "infra"), {
      GITHUB_WORKSPACE: repo,
    });
    const commands = annotations(stdout);
    expect(commands.find((c) => c.properties.title?.startsWith("SY2001"))?.properties.file).toBe(
      "infra/config/model-mappings.yaml",
    );
    for (const command of commands) expect(annotationProblems(command, repo)).toEqual([]);
  });
});

describe("the GitHub rules the tests above apply", () => {
  it("read a workflow command as the runner does", () => {
    expect(parseWorkflowCommand("::error file=a%2Cb.yaml,line=3,title=SY1%3A x::one%0Atwo%3A")).toEqual({
      command: "error",
      properties: { file: "a,b.yaml", line: "3", title: "SY1: x" },
      data: "one\ntwo%3A",
    });
    expect(parseWorkflowCommand("::error file=a.yaml")).toBeUndefined();
    expect(parseWorkflowCommand("plain text")).toBeUndefined();
  });

  it("flag an annotation on a path that is not in the repository", () => {
    const command = parseWorkflowCommand("::error file=config/providers.yaml,line=1::m")!;
    expect(annotationProblems(command, REPO_ROOT)).toEqual([
      "file=config/providers.yaml is no file of the repository",
    ]);
  });
});
