import { existsSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { requireBuiltCli, runBuilt } from "./test-support/built.js";
import { REPO_ROOT } from "./test-support/paths.js";
import { copyExample, runCli, snapshotDir, tempDir } from "./test-support/run.js";

const FILES = ["providers.yaml", "model-mappings.yaml", "ports.yaml", "feature-flags.yaml"];

describe("migrate", () => {
  it("--check (the default mode) lists each file's path to the current version and exits 1 when outdated", async () => {
    const cwd = await copyExample("legacy-v1");
    const { code, stdout } = await runCli(["migrate", "--config-dir", "config"], cwd);
    expect(code).toBe(1);
    expect(stdout).toContain("config is at 1.0.0; the target is 2.0.0:");
    for (const file of FILES)
      expect(stdout).toMatch(new RegExp(`^  ${file} +1\\.0\\.0 → 1\\.1\\.0 → 1\\.2\\.0 → 2\\.0\\.0$`, "m"));
    expect(stdout).toContain("Run 'switchyard migrate --auto' to migrate it");
    expect((await runCli(["migrate", "--check"], cwd)).stdout).toBe(stdout);
    const json = JSON.parse((await runCli(["migrate", "--json"], cwd)).stdout) as {
      status: string;
      target: string;
    };
    expect(json).toMatchObject({ status: "outdated", target: "2.0.0" });
  });

  it("with --json the JSON on stdout is the only rendering: the diagnostics are in it, not also on stderr (the built CLI)", async () => {
    requireBuiltCli();
    const broken = await copyExample("legacy-v1");
    await appendFile(join(broken, "config/providers.yaml"), "providers: [\n");
    const cases = [
      { cwd: broken, args: ["migrate", "--check"] },
      { cwd: broken, args: ["migrate", "--dry-run"] },
      { cwd: await copyExample("legacy-v1"), args: ["migrate", "--check", "--to", "9.9.9"] },
    ];
    for (const { cwd, args } of cases) {
      const human = await runBuilt(args, { cwd });
      expect(human.stderr, args.join(" ")).toMatch(/^error\[SY\d{4}\]/m);
      const json = await runBuilt([...args, "--json"], { cwd });
      expect([json.code, json.stderr], args.join(" ")).toEqual([human.code, ""]);
      const data = JSON.parse(json.stdout) as { ok: boolean; diagnostics: { code: string }[] };
      expect(data.ok).toBe(false);
      // The same findings (the pretty renderer orders them by place).
      expect(data.diagnostics.map((d) => d.code).sort()).toEqual(
        [...human.stderr.matchAll(/^error\[(SY\d{4})\]/gm)].map((m) => m[1]).sort(),
      );
    }
  });

  it("validate on a legacy set says once per file to migrate, with none of the schema errors the migration removes", async () => {
    const cwd = await copyExample("legacy-v1");
    const { code, stdout } = await runCli(["validate", "config", "--format", "json"], cwd);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { diagnostics: { code: string; file: string; message: string }[] };
    expect(report.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(
      ["feature-flags.yaml", "model-mappings.yaml", "ports.yaml", "providers.yaml"].map(
        (file) => `SY1022 config/${file}`,
      ),
    );
    expect(report.diagnostics[3]!.message).toBe(
      "providers.yaml is schema 1.0.0; the current is 2.0.0 — run `switchyard migrate --auto`",
    );
  });

  it("--dry-run prints the diffs and the notes, and leaves every byte as it was", async () => {
    const cwd = await copyExample("legacy-v1");
    const before = await snapshotDir(join(cwd, "config"));
    const { code, stdout } = await runCli(["migrate", "--dry-run"], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("--- a/providers.yaml");
    expect(stdout).toMatch(/^\+ {4}base_url: /m);
    expect(stdout).toContain("Dry run: config would go from 1.0.0 to 2.0.0; nothing was written.");
    expect(stdout).toContain("warning[SY3020]");
    expect(await snapshotDir(join(cwd, "config"))).toEqual(before);
    expect(existsSync(join(cwd, "config/.switchyard"))).toBe(false);
  });

  it("--auto migrates the set so that it validates; a second run says the set is current", async () => {
    const cwd = await copyExample("legacy-v1");
    const { code, stdout } = await runCli(["migrate", "--auto"], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("Migrated config from 1.0.0 to 2.0.0:");
    expect(stdout).toMatch(/\(backup: config\/providers\.yaml\.backup-\d{8}_\d{6}\)/);
    expect(stdout).toContain("'switchyard migrate rollback' undoes it");
    expect(stdout).toContain("warning[SY3020]");
    expect(await runCli(["validate"], cwd)).toMatchObject({
      code: 0,
      stdout: "✔ no problems found in config\n",
    });

    const again = await runCli(["migrate", "--auto"], cwd);
    expect(again).toMatchObject({
      code: 0,
      stdout: "✔ the set is current (2.0.0); nothing to migrate in config\n",
    });
    expect((await runCli(["migrate"], cwd)).code).toBe(0);
  });

  it("history lists the runs; rollback restores the files exactly, and then has nothing left to undo", async () => {
    const cwd = await copyExample("legacy-v1");
    const original = await snapshotDir(join(cwd, "config"));
    expect((await runCli(["migrate", "history"], cwd)).stdout).toBe("No migrations recorded.\n");
    await runCli(["migrate", "--auto"], cwd);

    const history = await runCli(["migrate", "history"], cwd);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/ migrate {2}1\.0\.0 → 2\.0\.0 {2}by /);
    const records = JSON.parse((await runCli(["migrate", "history", "--json"], cwd)).stdout) as {
      records: { id: string; action: string }[];
    };
    expect(records.records.map((r) => r.action)).toEqual(["migrate"]);

    const rollback = await runCli(["migrate", "rollback"], cwd);
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toContain(
      `Rolled back migration ${records.records[0]?.id} (1.0.0 → 2.0.0) in config:`,
    );
    expect(rollback.stdout).toMatch(/^ {2}providers\.yaml +2\.0\.0 → 1\.0\.0, sha256 [0-9a-f]{12} verified/m);
    const restored = await snapshotDir(join(cwd, "config"));
    for (const file of FILES) expect(restored.get(file), file).toBe(original.get(file));
    expect((await runCli(["migrate", "history"], cwd)).stdout).toContain("(rolled back)");

    const nothing = await runCli(["migrate", "rollback"], cwd);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain("error[SY3012]");
  });

  it("rollback refuses when a file changed after the migration, unless --force", async () => {
    const cwd = await copyExample("legacy-v1");
    await runCli(["migrate", "--auto"], cwd);
    await appendFile(join(cwd, "config/ports.yaml"), "# edited after the migration\n");
    const refused = await runCli(["migrate", "rollback"], cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("error[SY3013]");
    expect((await runCli(["migrate", "rollback", "--force"], cwd)).code).toBe(0);
  });

  it("--to plans and migrates to another version", async () => {
    const cwd = await copyExample("legacy-v1");
    const plan = await runCli(["migrate", "--check", "--to", "1.2.0"], cwd);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(/providers\.yaml +1\.0\.0 → 1\.1\.0 → 1\.2\.0$/m);
    expect(plan.stdout).toContain("Run 'switchyard migrate --to 1.2.0' to migrate it");
    expect((await runCli(["migrate", "--to", "1.2.0"], cwd)).code).toBe(0);
    expect((await runCli(["migrate", "--check", "--to", "1.2.0"], cwd)).code).toBe(0);
    const unknown = await runCli(["migrate", "--to", "9.9.9"], cwd);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("error[SY3005]");
  });

  it("--history prints the schema versions (SCHEMA_HISTORY with --json)", async () => {
    const { code, stdout } = await runCli(["migrate", "--history"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^2\.0\.0 \(current\) {2}/);
    // Stated, not read from SCHEMA_HISTORY (the code under test): each version, its title and how
    // many changes it lists, and one change in full.
    const history = JSON.parse((await runCli(["migrate", "--history", "--json"])).stdout) as {
      version: string;
      title: string;
      changes: unknown[];
    }[];
    expect(history.map((v) => [v.version, v.title, v.changes.length])).toEqual([
      ["1.0.0", "Initial schema", 0],
      ["1.1.0", "Stricter validation", 8],
      ["1.2.0", "Versioning metadata", 1],
      ["2.0.0", "One active vLLM per host and port; unimplemented fields removed", 11],
    ]);
    expect(history[1]!.changes[0]).toEqual({
      file: "all",
      field: "version",
      description: 'Every file states `version: "1.1"`; a file without it is read as 1.0.0.',
      breaking: false,
      migration_required: true,
      reversible: true,
    });
    expect(stdout).toContain(
      "  - [providers] providers.<id>.url: Renamed `base_url`. (breaking, migration required)\n",
    );
  });

  it("takes the config directory as a positional, like validate, also after an action", async () => {
    const cwd = await copyExample("legacy-v1", { into: "infra/old" });
    const byOption = await runCli(["migrate", "--check", "--json", "--config-dir", "infra/old"], cwd);
    const byPositional = await runCli(["migrate", "infra/old", "--check", "--json"], cwd);
    expect(byPositional.code).toBe(1);
    expect(byPositional.stdout).toBe(byOption.stdout);
    expect((await runCli(["migrate", "infra/old", "--auto"], cwd)).code).toBe(0);
    expect((await runCli(["migrate", "infra/old"], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, "infra", "old", ".switchyard", "migrations.jsonl"))).toBe(true);
    const history = await runCli(["migrate", "history", "infra/old", "--json"], cwd);
    expect(history.code).toBe(0);
    expect(history.stdout).toBe(
      (await runCli(["migrate", "history", "-c", "infra/old", "--json"], cwd)).stdout,
    );
    const rollback = await runCli(["migrate", "rollback", "infra/old"], cwd);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect((await runCli(["migrate", "infra/old", "--check"], cwd)).code).toBe(1);
    // Two different directories, or a directory and an extra word, are usage errors.
    expect((await runCli(["migrate", "infra/old", "-c", "elsewhere"], cwd)).code).toBe(2);
    expect((await runCli(["migrate", "infra/old", "extra"], cwd)).code).toBe(2);
  });

  it("usage errors exit 2; an unreadable directory exits 2, and makes nothing; an empty one exits 2 with SY3010", async () => {
    const typo = await runCli(["migrate", "histroy"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("did you mean 'history'?");
    expect((await runCli(["migrate", "--check", "--auto"])).code).toBe(2);
    expect((await runCli(["migrate", "--history", "--auto"])).code).toBe(2);
    expect((await runCli(["migrate", "rollback", "--to", "1.2.0"])).code).toBe(2);
    expect((await runCli(["migrate", "--auto", "--force"])).code).toBe(2);
    for (const argv of [
      ["migrate", "--config-dir", "no/such/dir"],
      ["migrate", "no/such/dir", "--auto"],
      ["migrate", "rollback", "no/such/dir"],
      ["migrate", "history", "no/such/dir"],
    ]) {
      const missing = await runCli(argv);
      expect({ argv, code: missing.code }).toEqual({ argv, code: 2 });
      expect(missing.stderr).toContain("Cannot read directory no/such/dir: no such file or directory");
      expect(existsSync(join(REPO_ROOT, "no"))).toBe(false);
    }
    const empty = await tempDir();
    for (const argv of [
      ["migrate", empty],
      ["migrate", "--auto", "--config-dir", empty],
    ]) {
      const nothing = await runCli(argv);
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toContain("error[SY3010]");
    }
  });
});
