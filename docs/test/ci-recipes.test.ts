/**
 * The CI recipes of docs/ci.md run: every `run:` step of the GitHub workflow that calls switchyard,
 * and every `script:` line of the GitLab job, in order, with bash as the runners use it (`-e -o
 * pipefail`), in a directory holding a freshly initialised and generated `config/`, the built CLI
 * first on PATH. Each must pass; the SARIF files they write must be SARIF 2.1.0 with a run of
 * switchyard; the job summary must hold the audit's Markdown report.
 */
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { codeBlocks, HANG_GUARD_MS, processTestConfig } from "@switchyard/test-utils";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { cliWorkspace } from "../src/workspace.ts";

const PAGE = await readFile(new URL("../ci.md", import.meta.url), "utf8");
const YAML_BLOCKS = codeBlocks(PAGE, "yaml").map((b) => parse(b.code, { strict: true, uniqueKeys: true }));

interface GithubStep {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly if?: string;
  readonly with?: Record<string, string>;
}

const github = YAML_BLOCKS.find((doc) => doc?.jobs?.config?.steps !== undefined) as
  | { jobs: { config: { steps: GithubStep[]; permissions: Record<string, string> } } }
  | undefined;
const gitlab = YAML_BLOCKS.find((doc) => doc?.switchyard?.script !== undefined) as
  | { switchyard: { script: string[]; artifacts: { paths: string[] } } }
  | undefined;

// Every step is a bash process run to its exit; the ceilings are hang guards, not budgets.
vi.setConfig(processTestConfig);

let cwd = "";
let env: NodeJS.ProcessEnv = {};

function bash(script: string): { status: number | null; output: string } {
  const run = spawnSync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script], {
    cwd,
    env,
    encoding: "utf8",
    timeout: HANG_GUARD_MS,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

async function expectSarif(file: string): Promise<void> {
  const sarif = JSON.parse(await readFile(join(cwd, file), "utf8"));
  expect(sarif.version).toBe("2.1.0");
  expect(sarif.runs[0].tool.driver.name).toBe("switchyard");
}

beforeAll(async () => {
  const workspace = await cliWorkspace("sy-ci-");
  cwd = workspace.cwd;
  env = { ...workspace.env, GITHUB_STEP_SUMMARY: join(workspace.root, "summary.md") };
  for (const setup of ["switchyard init config", "switchyard generate --config-dir config"]) {
    const run = bash(setup);
    expect(run.status, run.output).toBe(0);
  }
});

describe("the GitHub Actions workflow", () => {
  it("is YAML with the permissions code scanning needs", () => {
    expect(github).toBeDefined();
    expect(github!.jobs.config.permissions["security-events"]).toBe("write");
  });

  it("runs every switchyard step green on a valid, generated set, writing SARIF and the summary", async () => {
    const steps = github!.jobs.config.steps;
    const runs = steps.filter((s) => s.run?.includes("switchyard ") && !s.run.includes("npm install"));
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const step of runs) {
      const run = bash(step.run!);
      expect(run.status, `${step.name ?? step.run}: ${run.output}`).toBe(0);
    }
    for (const upload of steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))) {
      expect(upload.if).toBe("always()");
      await expectSarif(upload.with!.sarif_file!);
    }
    const categories = steps.filter((s) => s.uses?.includes("upload-sarif")).map((s) => s.with?.category);
    expect(new Set(categories).size).toBe(categories.length);
    expect(await readFile(env.GITHUB_STEP_SUMMARY!, "utf8")).toMatch(/^## .*Switchyard audit: \d+\/100/m);
  });

  it("fails its Validate step on an invalid set, and still writes the SARIF", async () => {
    const steps = github!.jobs.config.steps;
    const mappings = join(cwd, "config", "model-mappings.yaml");
    const original = await readFile(mappings, "utf8");
    await writeFile(
      mappings,
      original.replace("    fallbacks: [gpt-4o-mini]", "    fallback: [gpt-4o-mini]"),
    );
    try {
      const validate = bash(steps.find((s) => s.name === "Validate")!.run!);
      expect(validate.status).toBe(1);
      expect(validate.output).toMatch(/^::error file=config\/model-mappings\.yaml,line=\d+/m);
      const sarif = bash(steps.find((s) => s.name === "Validate (SARIF)")!.run!);
      expect(sarif.status, sarif.output).toBe(0);
      await expectSarif("switchyard-validate.sarif");
    } finally {
      await writeFile(mappings, original);
    }
  });
});

describe("the GitLab CI job", () => {
  it("runs every script line green and writes its artifacts", async () => {
    expect(gitlab).toBeDefined();
    for (const line of gitlab!.switchyard.script) {
      const run = bash(line);
      expect(run.status, `${line}: ${run.output}`).toBe(0);
    }
    for (const path of gitlab!.switchyard.artifacts.paths) {
      const report = JSON.parse(await readFile(join(cwd, path), "utf8"));
      expect(report.format).toBe("switchyard-audit/1");
      expect(report.overall).toBeGreaterThanOrEqual(80);
    }
  });
});
