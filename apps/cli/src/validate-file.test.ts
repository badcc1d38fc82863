import { copyFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyExample, runCli } from "./test-support/run.js";

describe("validate one file (#11)", () => {
  it("validates a file alone by its kind, says the cross-file checks were skipped, exits by the one table", async () => {
    const cwd = await copyExample("config");
    const ok = await runCli(["validate", "config/providers.yaml"], cwd);
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
    expect(ok.stdout).toContain(
      "info[SY2091]: providers.yaml was validated alone (kind providers): the cross-file checks need the directory; run `switchyard validate config`",
    );
    expect(ok.stdout).not.toContain("a parent of it is not a directory");
    // --json: the one report, with the info line as data.
    const json = JSON.parse((await runCli(["validate", "config/ports.yaml", "--json"], cwd)).stdout) as {
      diagnostics: { code: string; severity: string; file: string }[];
    };
    expect(json.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ["SY2091", "info", "config/ports.yaml"],
    ]);
    // A schema error in the file: exit 1, located.
    await writeFile(
      join(cwd, "config", "ports.yaml"),
      'schema_version: "2.0.0"\nservices:\n  litellm:\n    port: 70000\n',
    );
    const bad = await runCli(["validate", "config/ports.yaml"], cwd);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/config\/ports\.yaml:4:\d+/);
    // Another name: the kind from the modeline (a copy keeps it), else --kind; neither is a usage error (2).
    await copyFile(join(cwd, "config", "providers.yaml"), join(cwd, "mine.yaml"));
    expect((await runCli(["validate", "mine.yaml"], cwd)).code).toBe(0);
    await writeFile(join(cwd, "bare.yaml"), 'schema_version: "2.0.0"\nservices: {}\n');
    const unknown = await runCli(["validate", "bare.yaml"], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Cannot tell which config file bare.yaml is");
    expect(unknown.stderr).toContain("--kind");
    const kinded = await runCli(["validate", "bare.yaml", "--kind", "ports"], cwd);
    expect([kinded.code, kinded.stdout]).toEqual([0, expect.stringContaining("info[SY2091]")]);
    const typo = await runCli(["validate", "bare.yaml", "--kind", "port"], cwd);
    expect([typo.code, typo.stderr]).toEqual([
      2,
      expect.stringContaining("Unknown kind 'port' — did you mean 'ports'?"),
    ]);
    // --kind on a directory is a usage error; a missing path is still SY1010 (exit 2).
    expect((await runCli(["validate", "config", "--kind", "ports"], cwd)).code).toBe(2);
    const missing = await runCli(["validate", "config/nope.yaml"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain("SY1010");
  });

  it("says in one info line which checks an absent optional file skipped (human and --json)", async () => {
    const cwd = await copyExample("config");
    await rm(join(cwd, "config", "ports.yaml"));
    const human = await runCli(["validate", "config"], cwd);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(
      "info[SY2090]: ports.yaml is absent (optional): skipped 5 checks that read it (SY2020, SY2021, SY2022, SY2060, SY2061)",
    );
    const json = JSON.parse((await runCli(["validate", "config", "--json"], cwd)).stdout) as {
      diagnostics: { code: string; file: string }[];
    };
    expect(json.diagnostics.map((d) => [d.code, d.file])).toEqual([["SY2090", "config/ports.yaml"]]);
    // The complete example set has no such line.
    const full = await runCli(["validate", "config"], await copyExample("config"));
    expect(full.stdout).not.toContain("SY2090");
  });
});
