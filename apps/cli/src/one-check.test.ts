/**
 * One config-directory layer: `switchyard validate`, `switchyard reload`, the library's
 * `reloadGateway`, `switchyard audit` (its SY5402) and the server's `GET /api/v1/config/validate` and
 * `GET /api/v1/audit` all check a directory with consistency's `validateConfigDir`, so a set with a
 * cross-file error, a severity override and a suppression gives the same findings through each of them.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AuditResult, auditConfigDir } from "@switchyard/audit";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { validateConfigDir } from "@switchyard/consistency";
import { MemoryFlagStore } from "@switchyard/feature-flags";
import { reloadGateway } from "@switchyard/litellm-generator";
import { createLogger, createServer, TokenSet, tokenDigest } from "@switchyard/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./test-support/run.js";

const READ = "one-check-read-token-0123456789";

const PROVIDERS = `schema_version: "2.0.0"
providers:
  vllm:
    type: vllm
    base_url: http://127.0.0.1:8001/v1
    models: [{ name: qwen2.5-7b }]
  old:
    type: ollama
    base_url: http://127.0.0.1:11434
    status: disabled
    models: [{ name: llama3 }]
`;

// SY2010 (an unknown fallback: a cross-file error); two routes to the disabled provider (SY2002,
// a warning that .switchyard.yaml raises to an error), one of them suppressed inline.
const MAPPINGS = `schema_version: "2.0.0"
exact_matches:
  qwen:
    provider: vllm
    model: qwen2.5-7b
    fallbacks: [nowhere]
  legacy:
    provider: old
    model: llama3
  legacy-pinned:
    provider: old  # switchyard-ignore SY2002: kept until the migration ends
    model: llama3
`;

const SETTINGS = "rules:\n  SY2002: error\n";

/** The parts of a finding every front end must agree on. */
function shape(d: Pick<Diagnostic, "code" | "severity" | "message" | "file" | "range">): string {
  return `${d.file}:${d.range?.start.line}:${d.range?.start.column} ${d.severity} ${d.code} ${d.message}`;
}

let cwd: string;
let dir: string;
let server: ReturnType<typeof createServer>;
let url: string;

beforeAll(async () => {
  cwd = await tempDir("sy-one-check-");
  dir = join(cwd, "config");
  const { mkdir } = await import("node:fs/promises");
  await mkdir(dir);
  await writeFile(join(dir, "providers.yaml"), PROVIDERS);
  await writeFile(join(dir, "model-mappings.yaml"), MAPPINGS);
  await writeFile(join(dir, ".switchyard.yaml"), SETTINGS);
  server = createServer({
    store: new MemoryFlagStore({}),
    configDir: dir,
    cwd,
    tokens: new TokenSet([{ name: "dashboard", role: "read", digest: tokenDigest(READ) }]),
    logger: createLogger({ level: "silent" }),
    rateLimit: false,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  url = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  if (!server?.listening) return;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

describe("CLI, reload and server share one check", () => {
  it("a cross-file error, an override and a suppression give the same findings everywhere", async () => {
    const layer = await validateConfigDir(dir, { cwd });
    const expected = layer.diagnostics.map(shape);
    // The set really exercises all three: SY2010 from a rule, SY2002 raised to an error, one SY2002
    // hidden; it has neither ports.yaml nor feature-flags.yaml, which one info line each says.
    expect(expected).toEqual([
      "config/feature-flags.yaml:undefined:undefined info SY2090 feature-flags.yaml is absent (optional): skipped 2 checks that read it (SY2070, SY2071)",
      "config/model-mappings.yaml:6:17 error SY2010 Fallback 'nowhere' of 'qwen' is not a public model name",
      "config/model-mappings.yaml:8:15 error SY2002 Exact match 'legacy' routes to provider 'old', which is disabled in providers.yaml",
      "config/ports.yaml:undefined:undefined info SY2090 ports.yaml is absent (optional): skipped 5 checks that read it (SY2020, SY2021, SY2022, SY2060, SY2061)",
    ]);
    // What stops reload (and generate) is the errors alone.
    const errors = expected.filter((line) => line.includes(" error "));
    expect(layer.blocking.map(shape)).toEqual(errors);

    // switchyard validate --json
    const validate = await runCli(["validate", "config", "--json"], cwd);
    expect(validate.code).toBe(1);
    const cliReport = JSON.parse(validate.stdout) as { diagnostics: Diagnostic[] };
    expect(cliReport.diagnostics.map(shape)).toEqual(expected);

    // GET /api/v1/config/validate
    const response = await fetch(`${url}/api/v1/config/validate`, {
      headers: { authorization: `Bearer ${READ}` },
    });
    expect(response.status).toBe(200);
    const served = (await response.json()) as { diagnostics: Diagnostic[] };
    expect(served.diagnostics).toEqual(cliReport.diagnostics);

    // switchyard reload --json: refused before anything is written, on the same errors
    const reload = await runCli(["reload", "config", "--json", "--timeout", "1"], cwd);
    expect(reload.code).toBe(1);
    const refused = JSON.parse(reload.stdout) as { ok: boolean; diagnostics: Diagnostic[] };
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics.map(shape)).toEqual(errors);

    // The library's reloadGateway on its own (no CLI in front): the same errors stop its first step.
    const report = await reloadGateway({ configDir: dir, cwd, env: {}, timeoutMs: 1000 });
    expect(report).toMatchObject({ ok: false, failedStep: "generate", changed: false });
    expect(report.diagnostics[0]?.code).toBe("SY4001");
    expect(report.diagnostics.slice(1).map(shape)).toEqual(errors);
    await expect(readFile(join(dir, "litellm-unified.yaml"))).rejects.toThrow(/ENOENT/);
  });

  it("the audit's SY5402 is that check's verdict, in the CLI, the server and the library alike", async () => {
    const layer = await validateConfigDir(dir, { cwd });
    const errors = layer.diagnostics.filter((d) => d.severity === "error");
    // One SY5402 finding per file with errors, naming the layer's first error of that file.
    const first = errors[0]!;
    const expected = [
      `${first.file} has ${errors.length} errors (first: ${first.code} at line ${first.range?.start.line}: ${first.message})`,
    ];
    const sy5402 = (result: AuditResult) =>
      result.findings.filter((f) => f.id === "SY5402").map((f) => f.message);

    const library = await auditConfigDir(dir, { cwd, quick: true });
    expect(sy5402(library)).toEqual(expected);

    const cli = await runCli(["audit", "config", "--quick", "--json"], cwd);
    const cliResult = JSON.parse(cli.stdout) as AuditResult;
    expect(sy5402(cliResult)).toEqual(expected);

    const response = await fetch(`${url}/api/v1/audit?quick=true`, {
      headers: { authorization: `Bearer ${READ}` },
    });
    expect(response.status).toBe(200);
    const served = (await response.json()) as AuditResult;
    // The whole report agrees, not only SY5402 (the run time aside).
    const stable = ({ durationMs: _d, configDir: _c, ...rest }: AuditResult) => rest;
    expect(stable(served)).toEqual(stable(cliResult));
    expect(stable(served)).toEqual(JSON.parse(JSON.stringify(stable(library))));
  });

  it("turning the rules off in .switchyard.yaml lets every front end through", async () => {
    await writeFile(join(dir, ".switchyard.yaml"), "rules:\n  SY2002: off\n  SY2010: off\n");
    try {
      const layer = await validateConfigDir(dir, { cwd });
      expect(layer.blocking).toEqual([]);
      expect((await runCli(["validate", "config"], cwd)).code).toBe(0);
      // Before the layer, reloadGateway blocked on schema errors only; now it honours the
      // overrides too, so with the rules off it gets past generating (and fails later, on the
      // master key this environment does not hold).
      const report = await reloadGateway({ configDir: dir, cwd, env: {}, timeoutMs: 1000 });
      expect(report.steps.find((s) => s.name === "generate")?.status).toBe("ok");
      expect(report.failedStep).toBe("validate");
    } finally {
      await writeFile(join(dir, ".switchyard.yaml"), SETTINGS);
    }
  });
});
