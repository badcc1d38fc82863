import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_MAX_BYTES } from "@switchyard/config-schema/yaml";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { copyExample, runCli } from "./test-support/run.js";

const GENERATED = "config/litellm-unified.yaml";

/** A config set with a generated file and hand-made backups of it at the given stamps (oldest first). */
async function withBackups(stamps: readonly string[]): Promise<{ cwd: string; text: string }> {
  const cwd = await copyExample("config");
  expect((await runCli(["generate"], cwd)).code).toBe(0);
  const text = await readFile(join(cwd, GENERATED), "utf8");
  for (const stamp of stamps) await writeFile(join(cwd, `${GENERATED}.backup-${stamp}`), text);
  return { cwd, text };
}

async function backupNames(cwd: string, base = "litellm-unified.yaml"): Promise<string[]> {
  return (await readdir(join(cwd, "config"))).filter((n) => n.startsWith(`${base}.backup-`)).sort();
}

interface ListedBackup {
  name: string;
  time: string;
  keep: boolean;
  reasons: string[];
}

describe("backup create", () => {
  it("backs up one file, or with --all every config file, through the one backup writer", async () => {
    const cwd = await tempDir();
    expect((await runCli(["init"], cwd)).code).toBe(0);
    const one = await runCli(["backup", "create", "--file", "providers.yaml", "--json"], cwd);
    expect(one.code, one.stderr).toBe(0);
    const created = (JSON.parse(one.stdout) as { created: { file: string; backup: string }[] }).created;
    expect(created).toHaveLength(1);
    expect(created[0]!.backup).toMatch(/^config\/providers\.yaml\.backup-\d{8}_\d{6}(-\d+)?$/);
    expect(await readFile(join(cwd, created[0]!.backup), "utf8")).toBe(
      await readFile(join(cwd, "config", "providers.yaml"), "utf8"),
    );
    const all = await runCli(["backup", "create", "--all"], cwd);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Backed up 4 files:/);
    const verified = await runCli(["backup", "verify", "--file", "ports.yaml"], cwd);
    expect(verified.code, verified.stdout).toBe(0);
    // Nothing to back up: the generated file does not exist yet.
    const missing = await runCli(["backup", "create"], cwd);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Nothing to back up: config/litellm-unified.yaml does not exist.");
  });
});

describe("backup list", () => {
  it("exits 2 naming the directory when the config directory is missing or not a directory", async () => {
    const cwd = await tempDir();
    for (const action of ["list", "prune", "verify"]) {
      const missing = await runCli(["backup", action, "-c", "nonexistent"], cwd);
      expect(missing.code, action).toBe(2);
      expect(missing.stdout).toBe("");
      expect(missing.stderr).toContain("Cannot read directory nonexistent: no such file or directory");
    }
    await writeFile(join(cwd, "plain.txt"), "x");
    const file = await runCli(["backup", "list", "--config-dir", "plain.txt"], cwd);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain("Cannot read directory plain.txt: not a directory");
    // An existing directory without backups is still a plain "No backups" (exit 0).
    const empty = await runCli(["backup", "list", "-c", "."], cwd);
    expect([empty.code, empty.stdout]).toEqual([0, "No backups of litellm-unified.yaml.\n"]);
  });

  it("takes the config directory as a positional after the action, like validate and migrate", async () => {
    const { cwd } = await withBackups(["20260105_080000", "20260106_090000"]);
    const byOption = await runCli(["backup", "list", "-c", "config", "--json"], cwd);
    const byPositional = await runCli(["backup", "list", "config", "--json"], cwd);
    expect(byPositional.code, byPositional.stderr).toBe(0);
    expect(byPositional.stdout).toBe(byOption.stdout);
    expect((JSON.parse(byPositional.stdout) as { backups: unknown[] }).backups).toHaveLength(2);
    // Every action reads it the same way: a missing directory is exit 2 named as typed.
    for (const action of ["list", "prune", "verify", "create"]) {
      const missing = await runCli(["backup", action, "nonexistent"], cwd);
      expect([action, missing.code]).toEqual([action, 2]);
      expect(missing.stderr).toContain("Cannot read directory nonexistent");
    }
    expect((await runCli(["backup", "verify", "config", "--all"], cwd)).code).toBe(0);
    // restore: the name first, then the directory; with --latest the directory alone.
    const named = await runCli(["backup", "restore", "20260105_080000", "config", "--json"], cwd);
    expect(named.code, named.stderr).toBe(0);
    expect((JSON.parse(named.stdout) as { backup: string }).backup).toBe(
      "litellm-unified.yaml.backup-20260105_080000",
    );
    const latest = await runCli(["backup", "restore", "--latest", "nonexistent"], cwd);
    expect(latest.code).toBe(2);
    // Two different directories, or a third argument, are usage errors.
    const two = await runCli(["backup", "list", "config", "-c", "."], cwd);
    expect([two.code, two.stderr]).toEqual([2, expect.stringContaining("Two directories given")]);
    const extra = await runCli(["backup", "list", "config", "more"], cwd);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("unexpected 'more'");
  });

  it("shows every backup, newest first, with its time and every rule that keeps it", async () => {
    const { cwd } = await withBackups([
      "20260105_080000",
      "20260106_090000",
      "20260106_100000",
      "20260112_070000",
    ]);
    const { code, stdout } = await runCli(["backup", "list"], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `Backups of ${GENERATED}, newest first (retention: last 10, daily 7, weekly 4):`,
    );
    expect(stdout).toMatch(
      /^ {2}litellm-unified\.yaml\.backup-20260112_070000 +2026-01-12 07:00:00 +\S+ KiB +keep +last, daily, weekly$/m,
    );
    expect(stdout).toMatch(
      /^ {2}litellm-unified\.yaml\.backup-20260106_090000 +2026-01-06 09:00:00 +\S+ KiB +keep +last$/m,
    );

    const listed = JSON.parse((await runCli(["backup", "list", "--json"], cwd)).stdout) as {
      backups: ListedBackup[];
    };
    expect(listed.backups.map((b) => [b.name.slice(-15), b.keep, b.reasons.join(",")])).toEqual([
      ["20260112_070000", true, "last,daily,weekly"],
      ["20260106_100000", true, "last,daily,weekly"],
      ["20260106_090000", true, "last"],
      ["20260105_080000", true, "last,daily,oldest weekly"],
    ]);
  });

  it("shows what another policy would prune, and says when there are no backups", async () => {
    const { cwd } = await withBackups(["20260105_080000", "20260106_090000", "20260106_100000"]);
    const { stdout } = await runCli(
      ["backup", "list", "--keep-last", "1", "--keep-daily", "0", "--keep-weekly", "0"],
      cwd,
    );
    expect(stdout).toContain("(retention: last 1)");
    expect(stdout).toMatch(/backup-20260106_090000 .* prune$/m);
    expect(stdout).toContain("3 backups; 'switchyard backup prune' would remove 2.");
    const none = await runCli(["backup", "list", "--file", "providers.yaml"], cwd);
    expect(none).toMatchObject({ code: 0, stdout: "No backups of config/providers.yaml.\n" });
  });
});

describe("backup prune", () => {
  it("--dry-run deletes nothing; prune deletes exactly what no rule keeps", async () => {
    const stamps = [
      "20260101_080000",
      "20260102_080000",
      "20260103_080000",
      "20260103_090000",
      "20260104_080000",
    ];
    const { cwd } = await withBackups(stamps);
    const policy = ["--keep-last", "2", "--keep-daily", "3", "--keep-weekly", "0"];
    const dry = await runCli(["backup", "prune", "--dry-run", ...policy], cwd);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Would remove 2 backups");
    expect(dry.stdout).toContain("Dry run: nothing was deleted.");
    expect(await backupNames(cwd)).toHaveLength(5);

    const pruned = JSON.parse((await runCli(["backup", "prune", "--json", ...policy], cwd)).stdout) as {
      removed: string[];
    };
    // last 2: 04 08:00 and 03 09:00; daily 3: 04, 03 (09:00), 02; 01 and 03 08:00 are removed.
    expect(pruned.removed.map((n) => n.slice(-15))).toEqual(["20260103_080000", "20260101_080000"]);
    expect((await backupNames(cwd)).map((n) => n.slice(-15))).toEqual([
      "20260102_080000",
      "20260103_090000",
      "20260104_080000",
    ]);
  });

  it("removes the backup temp file a killed generate left behind, and says so (#10 item 5)", async () => {
    const { cwd } = await withBackups(["20260101_080000"]);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const leftover = `.litellm-unified.yaml.backup-20260102_080000.tmp-${dead}-0123456789ab`;
    await writeFile(join(cwd, "config", leftover), "half a backup");
    const { code, stdout, stderr } = await runCli(["backup", "prune"], cwd);
    expect(code).toBe(0);
    // Every command on the directory removes such leftovers first (SY1051), before pruning.
    expect(stdout + stderr).toMatch(
      new RegExp(`Removed 1 temp file left by an interrupted write.*${leftover}`),
    );
    expect(await readdir(join(cwd, "config"))).not.toContain(leftover);
  });

  it("-1 keeps every period; bad counts and options of other actions are usage errors", async () => {
    const { cwd } = await withBackups(["20250101_080000", "20260101_080000"]);
    const all = await runCli(
      ["backup", "prune", "--keep-last", "0", "--keep-daily", "0", "--keep-weekly", "0", "--keep-yearly=-1"],
      cwd,
    );
    expect(all.stdout).toContain("Removed 0 backups");
    expect(all.stdout).toContain("retention: yearly unlimited");
    const words = await runCli(["backup", "list", "--keep-last", "0", "--keep-monthly", "unlimited"], cwd);
    expect(words.stdout).toContain("retention: daily 7, weekly 4, monthly unlimited");
    const bad = await runCli(["backup", "prune", "--keep-last", "lots"], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Invalid --keep-last 'lots'");
    expect((await runCli(["backup", "prune", "--keep-daily", "-2"], cwd)).code).toBe(2);
    expect((await runCli(["backup", "verify", "--dry-run"], cwd)).stderr).toContain(
      "'backup verify' takes no --dry-run",
    );
    expect((await runCli(["backup", "prnue"], cwd)).stderr).toContain("did you mean 'prune'?");
  });
});

describe("backup verify", () => {
  it("checks the newest backup by default and every one with --all, exiting 1 if any fails", async () => {
    const { cwd, text } = await withBackups(["20260101_080000", "20260102_080000"]);
    const good = await runCli(["backup", "verify"], cwd);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`1 backup of ${GENERATED} verified:`);
    expect(good.stdout).toContain("✔ litellm-unified.yaml.backup-20260102_080000  restorable");

    // An older backup whose body was edited after generation (what `generate --force` keeps on
    // purpose): restorable, and the report says restoring brings the edits back.
    await writeFile(
      join(cwd, `${GENERATED}.backup-20260101_080000`),
      text.replace("drop_params: true", "drop_params: false"),
    );
    const edited = await runCli(["backup", "verify", "--all"], cwd);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(
      /✔ litellm-unified\.yaml\.backup-20260101_080000 +restorable: was edited by hand after generation/,
    );

    // An older backup that no longer validates as a LiteLLM config fails --all, not the default run.
    await writeFile(join(cwd, `${GENERATED}.backup-20260101_080000`), "model_list: 42\n");
    expect((await runCli(["backup", "verify"], cwd)).code).toBe(0);
    const all = await runCli(["backup", "verify", "--all"], cwd);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain("1 of 2 backups");
    expect(all.stdout).toMatch(
      /✖ litellm-unified\.yaml\.backup-20260101_080000 +does not validate as litellm-unified\.yaml/,
    );

    // A newest backup that is not YAML at all (an unclosed `[`: SY1014).
    await writeFile(join(cwd, `${GENERATED}.backup-20260103_080000`), "model_list: [\n");
    const broken = await runCli(["backup", "verify", "--json"], cwd);
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.stdout) as {
      ok: boolean;
      backups: { ok: boolean; diagnostics: { code: string }[] }[];
    };
    expect(report.ok).toBe(false);
    expect(report.backups[0]?.diagnostics.map((d) => d.code)).toContain("SY1014");
  });

  it("validates a source file's backup against its schema, with a code frame", async () => {
    const cwd = await copyExample("config");
    const providers = await readFile(join(cwd, "config/providers.yaml"), "utf8");
    await writeFile(join(cwd, "config/providers.yaml.backup-20260101_080000"), providers);
    expect((await runCli(["backup", "verify", "--file", "providers.yaml"], cwd)).code).toBe(0);
    await writeFile(
      join(cwd, "config/providers.yaml.backup-20260102_080000"),
      providers.replace("base_url: https://api.openai.com/v1", "base_ur: https://api.openai.com/v1"),
    );
    const { code, stdout } = await runCli(["backup", "verify", "--file", "config/providers.yaml"], cwd);
    expect(code).toBe(1);
    expect(stdout).toContain("does not validate as providers.yaml");
    expect(stdout).toContain("error[SY1030]");
    expect(stdout).toMatch(/--> config\/providers\.yaml\.backup-20260102_080000:\d+:\d+/);
    expect(stdout).toMatch(/^> +\d+ \| +base_ur: /m);
  });

  it("exits 1 when there is no backup to verify", async () => {
    const cwd = await copyExample("config");
    const { code, stderr } = await runCli(["backup", "verify", "--file", "ports.yaml"], cwd);
    expect(code).toBe(1);
    expect(stderr).toBe("No backups of config/ports.yaml to verify.\n");
  });
});

describe("backup restore", () => {
  it("restores a named backup atomically, backing up the current file first", async () => {
    const { cwd, text } = await withBackups(["20260101_080000"]);
    const current = `${text}# a later edit\n`;
    await writeFile(join(cwd, GENERATED), current);
    const { code, stdout } = await runCli(["backup", "restore", "20260101_080000"], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `Restored ${GENERATED} from litellm-unified.yaml.backup-20260101_080000 (2026-01-01 08:00:00).`,
    );
    expect(await readFile(join(cwd, GENERATED), "utf8")).toBe(text);
    const saved = /the replaced content is saved as (\S+)/.exec(stdout)?.[1];
    expect(saved).toBeDefined();
    expect(await readFile(join(cwd, saved!), "utf8")).toBe(current);

    const again = await runCli(["backup", "restore", "litellm-unified.yaml.backup-20260101_080000"], cwd);
    expect(again.stdout).toContain(
      "already has the content of litellm-unified.yaml.backup-20260101_080000; nothing written.",
    );
  });

  it("--latest restores the newest; an invalid backup is refused unless --force", async () => {
    const { cwd, text } = await withBackups(["20260101_080000"]);
    await writeFile(join(cwd, `${GENERATED}.backup-20260102_080000`), "not: [valid\n");
    const refused = await runCli(["backup", "restore", "--latest"], cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Refusing to restore litellm-unified.yaml.backup-20260102_080000");
    expect(refused.stderr).toContain("--force");
    expect(await readFile(join(cwd, GENERATED), "utf8")).toBe(text);

    const forced = await runCli(["backup", "restore", "--latest", "--force"], cwd);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("restored with --force although it");
    expect(await readFile(join(cwd, GENERATED), "utf8")).toBe("not: [valid\n");
  });

  it("restores a deleted file; an unknown name or both a name and --latest are usage errors", async () => {
    const { cwd, text } = await withBackups(["20260101_080000"]);
    await rm(join(cwd, GENERATED));
    expect((await runCli(["backup", "restore", "--latest"], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, GENERATED))).toBe(true);
    expect(await readFile(join(cwd, GENERATED), "utf8")).toBe(text);

    const unknown = await runCli(["backup", "restore", "20260101_080001"], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("No backup named '20260101_080001' — did you mean '20260101_080000'?");
    expect((await runCli(["backup", "restore", "20260101_080000", "--latest"], cwd)).code).toBe(2);
    expect((await runCli(["backup", "restore"], cwd)).code).toBe(2);
  });
});

describe("backups over the usual 16 MiB read cap (a generated file of 200,000 models is 41 MB, #9)", () => {
  it("verify and restore a backup as large as the file it backs up; a runaway backup far larger stays unread", async () => {
    const { cwd, text } = await withBackups([]);
    // Both over the cap; the comment keeps them valid LiteLLM configs that parse fast.
    const current = `${text}# ${"c".repeat(DEFAULT_MAX_BYTES)}\n`;
    const backup = `${text}# ${"b".repeat(DEFAULT_MAX_BYTES + 100)}\n`;
    await writeFile(join(cwd, GENERATED), current);
    await writeFile(join(cwd, `${GENERATED}.backup-20260101_080000`), backup);
    const verified = await runCli(["backup", "verify"], cwd);
    expect(verified.code, verified.stdout).toBe(0);
    const restored = await runCli(["backup", "restore", "20260101_080000"], cwd);
    expect(restored.code, restored.stderr).toBe(0);
    expect((await readFile(join(cwd, GENERATED), "utf8")) === backup).toBe(true);
    const saved = /the replaced content is saved as (\S+)/.exec(restored.stdout)?.[1];
    expect((await readFile(join(cwd, saved!), "utf8")) === current).toBe(true);
    // backup create copies the large file: its newest backup (the one restore just saved) is as large.
    const created = await runCli(["backup", "create"], cwd);
    expect(created.code, created.stderr).toBe(0);
    // The file small again: a backup more than twice its size is not read, so neither verified nor restored.
    await writeFile(join(cwd, GENERATED), text);
    const refused = await runCli(["backup", "verify", "--json"], cwd);
    expect(refused.code).toBe(1);
    expect(JSON.stringify(JSON.parse(refused.stdout))).toMatch(
      /cannot be read: it is \d+ bytes, over the 16777216-byte limit/,
    );
    expect((await runCli(["backup", "restore", "--latest"], cwd)).code).toBe(1);
    expect(await readFile(join(cwd, GENERATED), "utf8")).toBe(text);
  });

  it("backup create refuses a runaway file, more than twice its newest backup and over 16 MiB, unread", async () => {
    const { cwd, text } = await withBackups(["20260101_080000"]);
    await writeFile(join(cwd, GENERATED), `${text}# ${"r".repeat(DEFAULT_MAX_BYTES)}\n`);
    const refused = await runCli(["backup", "create"], cwd);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/over the 16777216-byte limit/);
    expect(await backupNames(cwd)).toEqual(["litellm-unified.yaml.backup-20260101_080000"]);
  });
});

describe("a backup that is a symbolic link out of the directory (#10 item 11)", () => {
  /** A set with one real backup and a newer "backup" that is a link to a file outside the directory. */
  async function withForeignLink(): Promise<{ cwd: string; text: string; link: string }> {
    const { cwd, text } = await withBackups(["20260101_080000"]);
    const outside = join(cwd, "shadow");
    await writeFile(outside, "root:OUTSIDE-SECRET-HASH:19000:0:99999:7:::\n");
    const link = "litellm-unified.yaml.backup-20300101_000000";
    await symlink(outside, join(cwd, "config", link));
    return { cwd, text, link };
  }

  it("backup list shows it as foreign, never as a backup, and reads nothing of it", async () => {
    const { cwd, link } = await withForeignLink();
    const { code, stdout } = await runCli(["backup", "list"], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("1 backup;");
    expect(stdout).toMatch(
      new RegExp(`Foreign .*never read, restored or pruned\\):\\n {2}${link} +a symbolic link`),
    );
    expect(stdout).not.toContain("OUTSIDE-SECRET");
    const json = JSON.parse((await runCli(["backup", "list", "--json"], cwd)).stdout) as {
      backups: ListedBackup[];
      foreign: { name: string; fileType: string }[];
    };
    expect(json.backups.map((b) => b.name)).toEqual(["litellm-unified.yaml.backup-20260101_080000"]);
    expect(json.foreign).toMatchObject([{ name: link, fileType: "symbolic link" }]);
  });

  it("backup verify --all never prints its content; prune leaves it alone", async () => {
    const { cwd, link } = await withForeignLink();
    const verify = await runCli(["backup", "verify", "--all"], cwd);
    expect(verify.code).toBe(0);
    expect(verify.stdout + verify.stderr).not.toContain("OUTSIDE-SECRET");
    expect(verify.stdout).not.toContain(link);
    const prune = await runCli(
      ["backup", "prune", "--keep-last", "0", "--keep-daily", "0", "--keep-weekly", "0"],
      cwd,
    );
    expect(prune.code).toBe(0);
    expect(prune.stdout).toContain(link);
    expect(await backupNames(cwd)).toContain(link);
  });

  it("restore --latest --force restores the newest real backup, never the link's target", async () => {
    const { cwd, text, link } = await withForeignLink();
    await writeFile(join(cwd, GENERATED), `${text}# edited\n`);
    const latest = await runCli(["backup", "restore", "--latest", "--force"], cwd);
    expect(latest.code, latest.stderr).toBe(0);
    expect(latest.stdout).toContain("from litellm-unified.yaml.backup-20260101_080000");
    expect(await readFile(join(cwd, GENERATED), "utf8")).toBe(text);

    const named = await runCli(["backup", "restore", link, "--force"], cwd);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(
      `Refusing to restore ${link}: it is a symbolic link, not a regular file of config`,
    );
    expect(await readFile(join(cwd, GENERATED), "utf8")).toBe(text);
  });
});
