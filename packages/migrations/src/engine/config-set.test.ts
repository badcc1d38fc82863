import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "@switchyard/config-schema/text";
import { validateConfigDir } from "@switchyard/consistency";
import { syntheticLegacySet } from "@switchyard/synthetic-data";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { migrateConfigSet, planMigration } from "./config-set.js";
import { formatHistory, historyPath, readHistory } from "./history-log.js";
import { rollbackLastMigration } from "./rollback.js";

const dirs: string[] = [];

async function configDir(files: Record<string, string>): Promise<string> {
  const dir = await tempDir("switchyard-migrate-");
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** Every file of the directory (not the state dir) with its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    if (name === ".switchyard") continue;
    out[name] = await readFile(join(dir, name), "utf8");
  }
  return out;
}

const yamlOnly = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).filter(([n]) => n.endsWith(".yaml")));

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const fixedNow = () => new Date("2026-11-26T12:15:00Z");

describe("planMigration (--check)", () => {
  it("reports each file's version, the target, the path and whether it changes", async () => {
    const dir = await configDir(syntheticLegacySet(10));
    const before = await snapshot(dir);
    const plan = await planMigration(dir);
    expect(plan).toMatchObject({ ok: true, status: "outdated", target: "2.0.0", from: "1.0.0" });
    expect(
      plan.files.map((f) => ({
        file: f.fileName,
        from: f.from,
        marker: f.marker,
        versions: f.versions,
        changed: f.changed,
      })),
    ).toEqual([
      {
        file: "providers.yaml",
        from: "1.0.0",
        marker: "version",
        versions: ["1.0.0", "1.1.0", "1.2.0", "2.0.0"],
        changed: true,
      },
      {
        file: "model-mappings.yaml",
        from: "1.0.0",
        marker: "version",
        versions: ["1.0.0", "1.1.0", "1.2.0", "2.0.0"],
        changed: true,
      },
      {
        file: "ports.yaml",
        from: "1.0.0",
        marker: "none",
        versions: ["1.0.0", "1.1.0", "1.2.0", "2.0.0"],
        changed: true,
      },
      {
        file: "feature-flags.yaml",
        from: "1.0.0",
        marker: "version",
        versions: ["1.0.0", "1.1.0", "1.2.0", "2.0.0"],
        changed: true,
      },
    ]);
    expect(await snapshot(dir)).toEqual(before);
    expect(await readdir(dir)).not.toContain(".switchyard");
  });
});

describe("migrateConfigSet", () => {
  it("dry run prints a diff per file and leaves every file byte-identical (and creates nothing)", async () => {
    const dir = await configDir(syntheticLegacySet(10));
    const before = await snapshot(dir);
    const result = await migrateConfigSet(dir, { dryRun: true });
    expect(result.status).toBe("dry-run");
    expect(
      result.files.every((f) => f.diff?.text.startsWith(`--- a/${f.fileName}\n+++ b/${f.fileName}\n@@ `)),
    ).toBe(true);
    expect(result.files[0]!.diff?.text).toContain('-version: "1.0"\n+schema_version: "2.0.0"');
    expect(await snapshot(dir)).toEqual(before);
    expect(await readdir(dir)).not.toContain(".switchyard");
  });

  it("migrates, backs up every file, records the run, and says current the second time", async () => {
    const legacy = syntheticLegacySet(10);
    const dir = await configDir(legacy);
    const result = await migrateConfigSet(dir, { now: fixedNow, user: "ops" });
    expect(result).toMatchObject({ ok: true, status: "migrated", from: "1.0.0", target: "2.0.0" });
    expect(result.notes.map((n) => n.code)).toContain("SY3020");
    const after = await snapshot(dir);
    for (const file of result.files) {
      expect(sha256(after[file.fileName]!)).toBe(file.afterHash);
      expect(file.backup).toBeDefined();
      expect(await readFile(file.backup!, "utf8")).toBe(legacy[file.fileName]);
    }
    const { records } = await readHistory(dir);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: "migrate",
      user: "ops",
      time: "2026-11-26T12:15:00.000Z",
      from: "1.0.0",
      to: "2.0.0",
    });
    expect(records[0]!.files.map((f) => [f.file, f.before, f.after])).toEqual(
      result.files.map((f) => [f.fileName, sha256(legacy[f.fileName]!), f.afterHash]),
    );
    expect(records[0]!.removed?.length).toBeGreaterThan(0);

    const second = await migrateConfigSet(dir);
    expect(second).toMatchObject({ ok: true, status: "current" });
    expect(yamlOnly(await snapshot(dir))).toEqual(yamlOnly(after));
    expect((await readHistory(dir)).records).toHaveLength(1);
  });

  it("checks what it wrote through the config-dir layer: the report `switchyard validate` gives", async () => {
    const example = fileURLToPath(new URL("../../../../examples/legacy-v1/", import.meta.url));
    const files: Record<string, string> = {};
    for (const name of await readdir(example))
      if (name.endsWith(".yaml")) files[name] = await readFile(join(example, name), "utf8");
    const legacy = await configDir(files);
    // A cross-file error the migration carries over (a route to a provider that is not declared).
    await writeFile(
      join(legacy, "model-mappings.yaml"),
      (await readFile(join(legacy, "model-mappings.yaml"), "utf8")).replace(
        "  code:\n    provider: ollama-local\n",
        "  code:\n    provider: olama-local\n",
      ),
    );
    const result = await migrateConfigSet(legacy, { now: fixedNow, user: "ops", cwd: legacy });
    expect(result.status).toBe("migrated");
    const layer = await validateConfigDir(legacy, { cwd: legacy });
    expect(result.checked).toEqual({ status: "invalid", report: layer.report });
    expect(
      result.checked?.report.diagnostics.filter((d) => d.severity === "error").map((d) => d.code),
    ).toEqual(["SY2001"]);
    // Nothing to write, nothing to check: a current set carries no `checked`.
    expect((await migrateConfigSet(legacy, { cwd: legacy })).checked).toBeUndefined();
  });

  it("prunes the old backups of the files it replaced through the config-directory writer, and reports them", async () => {
    const legacy = syntheticLegacySet(10);
    const dir = await configDir(legacy);
    // Twelve old backups of providers.yaml within one day of 2020: with this run's backup, the
    // last 10 keep this one and the nine newest, the daily rule the oldest; 01:00 and 02:00 go.
    for (let hour = 0; hour < 12; hour++)
      await writeFile(
        join(dir, `providers.yaml.backup-20200101_${String(hour).padStart(2, "0")}0000`),
        "old\n",
      );
    const result = await migrateConfigSet(dir, { now: fixedNow, user: "ops" });
    expect(result.status).toBe("migrated");
    expect(result.pruned?.flatMap((p) => p.removed.map((path) => basename(path)))).toEqual([
      "providers.yaml.backup-20200101_020000",
      "providers.yaml.backup-20200101_010000",
    ]);
    const left = (await readdir(dir)).filter((n) => n.startsWith("providers.yaml.backup-"));
    expect(left).toHaveLength(11);
    expect(left).toContain(basename(result.files.find((f) => f.fileName === "providers.yaml")!.backup!));
  });

  it("removes temp files left by a crashed writer, and says so", async () => {
    const dir = await configDir({ ...syntheticLegacySet(5), ".ports.yaml.tmp-999999999-abcdef": "half" });
    const result = await migrateConfigSet(dir);
    expect(result.notes).toContainEqual(
      expect.objectContaining({
        code: "SY1051",
        message: expect.stringContaining(".ports.yaml.tmp-999999999-abcdef"),
      }),
    );
    expect(await readdir(dir)).not.toContain(".ports.yaml.tmp-999999999-abcdef");
  });

  it("restores every file when a write fails midway (all or nothing)", async () => {
    const dir = await configDir(syntheticLegacySet(10));
    const before = await snapshot(dir);
    let writes = 0;
    const result = await migrateConfigSet(dir, {
      beforeWrite: (path) => {
        writes++;
        if (path.endsWith("ports.yaml")) throw new Error("disk full (injected)");
      },
    });
    expect(writes).toBe(3);
    expect(result).toMatchObject({ ok: false, status: "failed" });
    expect(result.diagnostics[0]).toMatchObject({
      code: "SY3008",
      file: expect.stringMatching(/ports\.yaml$/),
    });
    expect(result.diagnostics[0]!.message).toBe(
      "Writing ports.yaml failed (disk full (injected)); every file of the set was restored to its state before the migration",
    );
    expect(yamlOnly(await snapshot(dir))).toEqual(before);
    expect((await readHistory(dir)).records).toEqual([]);
  });

  it("says which file it could not put back when restoring after a failed write fails too (SY3009)", async () => {
    const dir = await configDir(syntheticLegacySet(10));
    const written: string[] = [];
    const result = await migrateConfigSet(dir, {
      beforeWrite: (path) => {
        if (path.endsWith("ports.yaml")) {
          // A file already written turns into a directory: it cannot be restored over.
          const first = written[0]!;
          rmSync(first);
          mkdirSync(first);
          writeFileSync(join(first, "keep"), "");
          throw new Error("disk full (injected)");
        }
        written.push(path);
      },
    });
    expect(written).toHaveLength(2);
    const name = basename(written[0]!);
    expect(result).toMatchObject({ ok: false, status: "failed" });
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ["SY3008", expect.stringMatching(/ports\.yaml$/)],
      ["SY3009", expect.stringMatching(new RegExp(`(^|/)${name.replace(".", "\\.")}$`))],
    ]);
    expect(result.diagnostics[0]!.message).toBe(
      "Writing ports.yaml failed (disk full (injected)); restoring the set failed too",
    );
    expect(result.diagnostics[1]!.message).toMatch(
      new RegExp(`^Could not restore ${name.replace(".", "\\.")} \\(`),
    );
  });

  it("leaves every file as it was when a step fails midway", async () => {
    const dir = await configDir(syntheticLegacySet(10));
    const before = await snapshot(dir);
    const result = await migrateConfigSet(dir, {
      afterStep: (event) => {
        if (event.fileName === "ports.yaml" && event.to === "1.2.0") throw new Error("injected");
      },
    });
    expect(result).toMatchObject({
      ok: false,
      status: "failed",
      failedStep: { fileName: "ports.yaml", from: "1.1.0", to: "1.2.0" },
    });
    expect(result.diagnostics[0]!.message).toBe("Step 1.1.0 → 1.2.0 failed for ports.yaml: injected");
    expect(yamlOnly(await snapshot(dir))).toEqual(before);
  });

  it("never touches a set holding a file newer than this Switchyard", async () => {
    const dir = await configDir({
      ...syntheticLegacySet(5),
      "feature-flags.yaml": 'schema_version: "3.0.0"\nflags: {}\n',
    });
    const before = await snapshot(dir);
    const result = await migrateConfigSet(dir);
    expect(result).toMatchObject({ ok: false, status: "refused" });
    expect(result.diagnostics[0]).toMatchObject({ code: "SY3001" });
    expect(result.diagnostics[0]!.hint).toMatch(/Upgrade Switchyard/);
    expect(yamlOnly(await snapshot(dir))).toEqual(before);
  });

  it("never interleaves two concurrent migrations", async () => {
    const dir = await configDir(syntheticLegacySet(200));
    const [a, b] = await Promise.all([migrateConfigSet(dir), migrateConfigSet(dir)]);
    expect([a.status, b.status].sort()).toEqual(["current", "migrated"]);
    expect((await readHistory(dir)).records).toHaveLength(1);
    expect((await readdir(dir)).filter((n) => n.endsWith(".lock"))).toEqual([]);
  });

  it("gives up on a held lock after the timeout, naming the holder", async () => {
    const dir = await configDir(syntheticLegacySet(5));
    await mkdir(join(dir, ".switchyard"));
    const holder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    await writeFile(join(dir, ".switchyard", "migrate.lock"), `${JSON.stringify(holder)}\n`);
    const result = await migrateConfigSet(dir, { lockTimeoutMs: 100 });
    expect(result).toMatchObject({ ok: false, status: "failed" });
    expect(result.diagnostics[0]).toMatchObject({ code: "SY3011" });
    expect(result.diagnostics[0]!.message).toContain(`locked by pid ${process.pid}`);
  });
});

describe("rollbackLastMigration", () => {
  it("restores the set to its state before the last migration, verified by hash, and records it", async () => {
    const legacy = syntheticLegacySet(10);
    const dir = await configDir(legacy);
    await migrateConfigSet(dir);
    const result = await rollbackLastMigration(dir, { user: "ops" });
    expect(result).toMatchObject({ ok: true, status: "rolled-back" });
    expect(yamlOnly(await snapshot(dir))).toEqual(expect.objectContaining(legacy));
    for (const file of result.files) expect(sha256(await readFile(file.filePath))).toBe(file.hash);
    const { records } = await readHistory(dir);
    expect(records.map((r) => r.action)).toEqual(["migrate", "rollback"]);
    expect(records[1]).toMatchObject({ rolls_back: records[0]!.id, from: "2.0.0", to: "1.0.0", user: "ops" });

    const text = formatHistory(records);
    expect(text.split("\n")[0]).toMatch(
      new RegExp(`^\\S+  \\S+  rollback of ${records[0]!.id}  2\\.0\\.0 → 1\\.0\\.0  by ops@`),
    );
    expect(text).toContain(`${records[0]!.id}  migrate  1.0.0 → 2.0.0`);
    expect(text).toContain("(rolled back)");
    expect(text).toMatch(/^ {4}providers\.yaml {2}2\.0\.0 → 1\.0\.0 {2}[0-9a-f]{12} → [0-9a-f]{12}$/m);
    expect(formatHistory([])).toBe("No migrations recorded.\n");

    // Nothing left to roll back.
    const again = await rollbackLastMigration(dir);
    expect(again.diagnostics[0]).toMatchObject({ code: "SY3012" });
  });

  it("rolls back the newest of several migrations first", async () => {
    const legacy = syntheticLegacySet(10);
    const dir = await configDir(legacy);
    await migrateConfigSet(dir, { to: "1.2.0" });
    const middle = await snapshot(dir);
    await migrateConfigSet(dir);
    await rollbackLastMigration(dir);
    expect(yamlOnly(await snapshot(dir))).toEqual(yamlOnly(middle));
    await rollbackLastMigration(dir);
    expect(yamlOnly(await snapshot(dir))).toEqual(legacy);
  });

  it("refuses when a file changed after the migration, unless forced", async () => {
    const legacy = syntheticLegacySet(10);
    const dir = await configDir(legacy);
    await migrateConfigSet(dir);
    await writeFile(
      join(dir, "ports.yaml"),
      `${await readFile(join(dir, "ports.yaml"), "utf8")}# edited later\n`,
    );
    const edited = await snapshot(dir);
    const refused = await rollbackLastMigration(dir);
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics).toEqual([expect.objectContaining({ code: "SY3013", file: "ports.yaml" })]);
    expect(await snapshot(dir)).toEqual(edited);
    const forced = await rollbackLastMigration(dir, { force: true });
    expect(forced.ok).toBe(true);
    expect(yamlOnly(await snapshot(dir))).toEqual(expect.objectContaining(legacy));
  });

  it("refuses when a backup is missing or altered", async () => {
    const dir = await configDir(syntheticLegacySet(10));
    const migrated = await migrateConfigSet(dir);
    const backup = migrated.files.find((f) => f.fileName === "providers.yaml")!.backup!;
    await writeFile(backup, "tampered\n");
    const result = await rollbackLastMigration(dir);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: "SY3014", file: "providers.yaml" })]);
    await rm(backup);
    expect((await rollbackLastMigration(dir)).diagnostics[0]!.message).toMatch(/is missing/);
  });

  it("puts every file back when a rollback write fails", async () => {
    const dir = await configDir(syntheticLegacySet(10));
    await migrateConfigSet(dir);
    const migrated = await snapshot(dir);
    const result = await rollbackLastMigration(dir, {
      beforeWrite: (path) => {
        if (path.endsWith("ports.yaml")) throw new Error("injected");
      },
    });
    expect(result).toMatchObject({ ok: false });
    expect(result.diagnostics.at(-1)).toMatchObject({ code: "SY3008" });
    expect(yamlOnly(await snapshot(dir))).toEqual(yamlOnly(migrated));
  });

  it("skips unreadable history lines with a warning", async () => {
    const dir = await configDir(syntheticLegacySet(5));
    await migrateConfigSet(dir);
    await writeFile(historyPath(dir), `${await readFile(historyPath(dir), "utf8")}{"truncated":\n`);
    const history = await readHistory(dir);
    expect(history.records).toHaveLength(1);
    expect(history.diagnostics).toEqual([expect.objectContaining({ code: "SY3015", severity: "warning" })]);
  });
});
