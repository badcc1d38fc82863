import { execFileSync } from "node:child_process";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupStacks, makeStack } from "../../test/helpers.js";
import { collectBackups, collectFlagHistory, collectMigrationHistory, collectVcs } from "./collect.js";
import { gitDirOf } from "./git-index.js";

afterAll(cleanupStacks);

const load = (dir: string) => loadConfigSet(dir, { cwd: dir });

describe("collectVcs", () => {
  it("finds no repository outside git", async () => {
    const dir = await makeStack({ git: false });
    expect(await collectVcs(await load(dir))).toEqual({ status: "none" });
  });

  it("reads the git index to see which config files are tracked (index v2 and v4)", async () => {
    const dir = await makeStack({ git: false });
    execFileSync("git", ["init", "-q", dir]);
    execFileSync("git", [
      "-C",
      dir,
      "add",
      "providers.yaml",
      "model-mappings.yaml",
      "ports.yaml",
      "litellm-unified.yaml",
    ]);
    const set = await load(dir);
    const expected = { status: "untracked-files", root: dir, files: ["feature-flags.yaml"] };
    expect(await collectVcs(set)).toEqual(expected);
    execFileSync("git", ["-C", dir, "update-index", "--index-version", "4"]);
    expect(await collectVcs(set)).toEqual(expected);
    execFileSync("git", ["-C", dir, "add", "-A"]);
    expect(await collectVcs(set)).toEqual({ status: "tracked", root: dir, verified: true });
    expect(await collectVcs(set, { git: "walk" })).toEqual({ status: "tracked", root: dir, verified: false });
  });

  it("finds the config directory in a subdirectory of a repository", async () => {
    const root = await makeStack({ from: null, git: false });
    const dir = join(root, "deploy", "config");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "providers.yaml"), 'schema_version: "2.0.0"\nproviders: {}\n');
    execFileSync("git", ["init", "-q", root]);
    execFileSync("git", ["-C", root, "add", "-A"]);
    expect(await collectVcs(await load(dir))).toEqual({ status: "tracked", root, verified: true });
  });

  it("follows a `.git` file to the git directory (worktrees, submodules)", async () => {
    const dir = await makeStack({ from: null, git: false });
    await writeFile(join(dir, ".git"), "gitdir: ../elsewhere/.git\n");
    expect(await gitDirOf(dir)).toBe(join(dir, "..", "elsewhere", ".git"));
  });
});

describe("collectBackups", () => {
  it("counts each file's backups and verifies the newest", async () => {
    const dir = await makeStack({
      git: false,
      files: {
        "providers.yaml.backup-20250701_090000": "providers: [unclosed\n",
        "ports.yaml.backup-20250101_000000": 'schema_version: "2.0.0"\nservices: {}\n',
      },
    });
    const facts = await collectBackups(await load(dir));
    expect(facts.find((b) => b.kind === "providers")).toMatchObject({
      count: 2,
      newest: "providers.yaml.backup-20250701_090000",
      verified: false,
      problem: expect.stringContaining("does not validate as providers.yaml"),
    });
    expect(facts.find((b) => b.kind === "ports")).toMatchObject({ count: 1, verified: true });
    expect(facts.find((b) => b.kind === "feature-flags")).toEqual({
      kind: "feature-flags",
      file: "feature-flags.yaml",
      count: 0,
    });
  });
});

describe("collectBackups uses the one backup verifier (as `switchyard backup verify`)", () => {
  it("a backup that parses but does not validate is not verified (audit used to accept any YAML)", async () => {
    const dir = await makeStack({
      git: false,
      files: { "providers.yaml.backup-20250701_090000": 'schema_version: "2.0.0"\nproviders: 42\n' },
    });
    const facts = await collectBackups(await load(dir));
    const providers = facts.find((b) => b.kind === "providers");
    expect(providers).toMatchObject({ verified: false });
    expect(providers?.problem).toMatch(/does not validate as providers\.yaml/);
  });

  it("a hand-edited generated-file backup is restorable (it is what `generate --force` keeps on purpose)", async () => {
    const dir = await makeStack({ git: false });
    const text = await readFile(join(dir, "litellm-unified.yaml"), "utf8");
    await writeFile(
      join(dir, "litellm-unified.yaml.backup-20250701_090000"),
      text.replace("ttl: 3600", "ttl: 7200"),
    );
    const facts = await collectBackups(await load(dir));
    const litellm = facts.find((b) => b.kind === "litellm");
    expect(litellm?.verified).toBe(true);
    expect(litellm?.problem).toBeUndefined();
  });

  it("never follows a symlinked newest backup out of the directory", async () => {
    const dir = await makeStack({ git: false });
    // Outside the config directory, in a temp directory of its own (removed after this file).
    const outside = join(await tempDir("sy-audit-outside-"), "outside.yaml");
    await writeFile(outside, "secret: value\n");
    await symlink(outside, join(dir, "ports.yaml.backup-20300101_000000"));
    const facts = await collectBackups(await load(dir));
    const ports = facts.find((b) => b.kind === "ports");
    // Either the listing leaves the symlink out, or the verifier refuses to read through it.
    const refused = ports?.newest !== "ports.yaml.backup-20300101_000000" || ports.verified === false;
    expect(refused).toBe(true);
    expect(ports?.verified === true && ports.newest === "ports.yaml.backup-20300101_000000").toBe(false);
  });
});

describe("histories", () => {
  it("reads the migration history and its damaged lines", async () => {
    const dir = await makeStack({
      git: false,
      files: {
        ".switchyard/migrations.jsonl": '{"at":"2025-01-01"}\nnot json\n[1]\n\n{"at":"2025-02-01"}\n',
      },
    });
    expect(await collectMigrationHistory(await load(dir), dir)).toEqual({
      status: "present",
      file: join(".switchyard", "migrations.jsonl"),
      entries: 2,
      badLines: [2, 3],
    });
  });

  it("reads when each flag last changed", async () => {
    const dir = await makeStack({
      git: false,
      files: {
        ".switchyard/flag-history.jsonl":
          '{"flag":"a","at":"2025-01-01T00:00:00Z"}\n{"flag":"a","at":"2025-03-01T00:00:00Z"}\n{"name":"b","timestamp":"2025-02-01T00:00:00Z"}\n{"flag":"c"}\n',
      },
    });
    const fact = await collectFlagHistory(await load(dir), dir);
    expect(fact.status).toBe("present");
    if (fact.status !== "present") return;
    expect([...fact.lastChange].map(([flag, at]) => [flag, at.toISOString()])).toEqual([
      ["a", "2025-03-01T00:00:00.000Z"],
      ["b", "2025-02-01T00:00:00.000Z"],
    ]);
  });

  it("says when a history is missing", async () => {
    const dir = await makeStack({ from: null, git: false });
    expect(await collectMigrationHistory(await load(dir), dir)).toEqual({
      status: "missing",
      file: join(".switchyard", "migrations.jsonl"),
    });
  });
});
