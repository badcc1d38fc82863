import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AUDIT_CATEGORIES, AUDIT_FORMATS, AUDIT_SEVERITIES } from "@switchyard/audit";
import { describe, expect, it } from "vitest";
import { copyExample, runCli } from "./test-support/run.js";

const FORMATS = ["text", "json", "sarif", "github", "markdown"];
const CATEGORIES = ["security", "compliance", "performance", "completeness", "litellm"];
const SEVERITIES = ["critical", "high", "medium", "low", "info"];

/** An OpenAI-shaped key built at run time, so that no key-shaped literal is committed. */
function plantedKey(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const body = Array.from({ length: 64 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join(
    "",
  );
  return ["sk", "proj", body].join("-");
}

/** examples/config in a fresh git repository, so the version-control check does not depend on this checkout. */
function trackedConfig(): Promise<string> {
  return copyExample("config", { git: true });
}

describe("audit", () => {
  it("scores examples/config 84 and exits 0, as the audit README documents", async () => {
    const cwd = await trackedConfig();
    const { code, stdout, stderr } = await runCli(["audit"], cwd);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("Switchyard audit of config — full audit");
    expect(stdout).toMatch(/^Overall +\S+ +84\/100$/m);
    const result = JSON.parse((await runCli(["audit", "config", "--json"], cwd)).stdout) as {
      overall: number;
      findings: { id: string }[];
    };
    expect(result.overall).toBe(84);
    // Stated, not computed: the eight findings the example set has (the --write-baseline test counts them).
    expect(result.findings.map((f) => f.id)).toEqual([
      "SY5202",
      "SY5204",
      "SY5304",
      "SY5304",
      "SY5304",
      "SY5304",
      "SY5305",
      "SY5305",
    ]);
    const withoutTiming = (text: string) => ({ ...(JSON.parse(text) as object), durationMs: 0 });
    expect(withoutTiming((await runCli(["audit", "--format", "json"], cwd)).stdout)).toEqual(
      withoutTiming((await runCli(["audit", "--json"], cwd)).stdout),
    );
  });

  it("on a set that `validate` rejects for a cross-file error (SY2001), reports it critical and fails every gate", async () => {
    const cwd = await copyExample("broken/provider-name-typo", { git: true });
    const { code, stdout } = await runCli(["audit", "--json"], cwd);
    const result = JSON.parse(stdout) as {
      overall: number;
      capped: boolean;
      findings: { id: string; severity: string; message: string }[];
    };
    expect(result.findings.find((f) => f.id === "SY5402")).toMatchObject({
      severity: "critical",
      message: expect.stringContaining("SY2001"),
    });
    expect(result).toMatchObject({ overall: 59, capped: true });
    expect(code).toBe(2);
    // --quick must not pass it either.
    expect((await runCli(["audit", "--quick"], cwd)).code).toBe(2);
    expect((await runCli(["audit", "--min-score", "50"], cwd)).code).toBe(0);
    expect((await runCli(["audit", "--fail-on", "critical"], cwd)).code).toBe(2);
  });

  it("--format sarif prints SARIF 2.1.0 with a result per located finding", async () => {
    const cwd = await trackedConfig();
    const { code, stdout } = await runCli(["audit", "--format", "sarif"], cwd);
    expect(code).toBe(0);
    const sarif = JSON.parse(stdout) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: { ruleId: string }[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.tool.driver.name).toBe("switchyard");
    // The findings that have a file (SY5202 and SY5204 concern the directory and carry no location).
    expect(sarif.runs[0]?.results.map((r) => r.ruleId).sort()).toEqual([
      "SY5304",
      "SY5304",
      "SY5304",
      "SY5304",
      "SY5305",
      "SY5305",
    ]);
  });

  it("applies a gate: --fail-on medium fails (exit 2), --fail-on high passes, --min-score 90 fails", async () => {
    const cwd = await trackedConfig();
    expect((await runCli(["audit", "--fail-on", "medium"], cwd)).code).toBe(2);
    expect((await runCli(["audit", "--fail-on", "high"], cwd)).code).toBe(0);
    expect((await runCli(["audit", "--min-score", "90"], cwd)).code).toBe(2);
    const quick = JSON.parse((await runCli(["audit", "--quick", "--json"], cwd)).stdout) as { mode: string };
    expect(quick.mode).toBe("quick");
  });

  it("exits 3 on a bad option value, an unknown option, a conflicting pair and a missing directory", async () => {
    const focus = await runCli(["audit", "--focus", "secrity"]);
    expect(focus.code).toBe(3);
    expect(focus.stderr).toContain("error[SY5001]");
    expect(focus.stderr).toContain("did you mean 'security'?");
    expect((await runCli(["audit", "--format", "sarf"])).code).toBe(3);
    expect((await runCli(["audit", "--min-score", "lots"])).code).toBe(3);
    expect((await runCli(["audit", "--quick", "--focus", "security"])).code).toBe(3);
    const unknown = await runCli(["audit", "--formt", "json"]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("did you mean '--format'?");
    expect((await runCli(["audit", "--json", "--format", "sarif"])).code).toBe(3);
    expect((await runCli(["audit", "no/such/dir"])).code).toBe(3);
  });

  it("never prints a planted key whole, in any format", async () => {
    const cwd = await trackedConfig();
    const key = plantedKey();
    const providers = join(cwd, "config/providers.yaml");
    await writeFile(
      providers,
      (await readFile(providers, "utf8")).replace("api_key: os.environ/OPENAI_API_KEY", `api_key: ${key}`),
    );
    for (const format of FORMATS) {
      const { code, stdout, stderr } = await runCli(["audit", "--format", format], cwd);
      expect(code, format).toBe(2);
      expect(`${stdout}${stderr}`, format).not.toContain(key);
      expect(`${stdout}${stderr}`, format).not.toContain(key.slice(8, 40));
    }
    expect((await runCli(["audit"], cwd)).stdout).toContain("SY5101");
  });

  it("--write-baseline records the findings; the next audit reports only new ones", async () => {
    const cwd = await trackedConfig();
    const written = await runCli(["audit", "--write-baseline"], cwd);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(
      "Wrote the baseline config/.switchyard/audit-baseline.json (8 findings)",
    );
    const next = await runCli(["audit", "--json"], cwd);
    const result = JSON.parse(next.stdout) as { findings: unknown[]; baseline: { known: number } };
    expect(result.findings).toEqual([]);
    expect(result.baseline.known).toBe(8);

    const own = await runCli(["audit", "--write-baseline", "--baseline", "accepted.json"], cwd);
    expect(own.stderr).toContain("Wrote the baseline accepted.json");
    expect((await runCli(["audit", "--baseline", "accepted.json", "--fail-on", "low"], cwd)).code).toBe(0);
    expect((await runCli(["audit", "--baseline", "missing.json"], cwd)).code).toBe(3);
  });

  it("--help names every format, category and severity the audit package accepts", async () => {
    // Stated here, then compared with the package's lists: a value added there must be documented.
    expect([AUDIT_FORMATS, AUDIT_CATEGORIES, AUDIT_SEVERITIES]).toEqual([FORMATS, CATEGORIES, SEVERITIES]);
    const help = (await runCli(["audit", "--help"])).stdout.replace(/\s+/g, " ");
    for (const value of [...FORMATS, ...CATEGORIES, ...SEVERITIES]) expect(help).toContain(value);
    expect(help).toContain("3 when the audit could not run");
  });
});
