import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { tempFileName } from "../safe-write/temp-name.js";
import { listBackupEntries, listBackups } from "./backup-file.js";
import { pruneBackups } from "./prune.js";

let dir: string;
beforeEach(async () => {
  dir = await tempDir("sy-prune-");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function makeBackups(stamps: string[]): Promise<void> {
  await writeFile(join(dir, "providers.yaml"), "current");
  for (const stamp of stamps) await writeFile(join(dir, `providers.yaml.backup-${stamp}`), stamp);
  await writeFile(join(dir, "ports.yaml.backup-20200101_000000"), "another file's backup");
}

const STAMPS = [
  "20261126_180000",
  "20261126_120000",
  "20261126_060000",
  "20261125_180000",
  "20261125_060000",
  "20261120_090000",
  "20261101_090000",
  "20261015_090000",
];

describe("pruneBackups", () => {
  test("removes what no rule keeps and reports why the rest stays", async () => {
    await makeBackups(STAMPS);
    const result = await pruneBackups(join(dir, "providers.yaml"), { last: 2, daily: 3 });
    expect(result.kept.map((b) => b.stamp)).toEqual([
      "20261126_180000",
      "20261126_120000",
      "20261125_180000",
      "20261120_090000",
    ]);
    expect(result.decisions.filter((d) => d.keep).map((d) => d.reasons)).toEqual([
      ["last", "daily"],
      ["last"],
      ["daily"],
      ["daily"],
    ]);
    expect(result.removed.map((b) => b.stamp)).toEqual([
      "20261126_060000",
      "20261125_060000",
      "20261101_090000",
      "20261015_090000",
    ]);
    expect((await readdir(dir)).sort()).toEqual([
      "ports.yaml.backup-20200101_000000",
      "providers.yaml",
      "providers.yaml.backup-20261120_090000",
      "providers.yaml.backup-20261125_180000",
      "providers.yaml.backup-20261126_120000",
      "providers.yaml.backup-20261126_180000",
    ]);
  });

  test("a dry run deletes nothing", async () => {
    await makeBackups(STAMPS);
    const before = (await readdir(dir)).sort();
    const result = await pruneBackups(join(dir, "providers.yaml"), { last: 1 }, { dryRun: true });
    expect(result.removed).toHaveLength(STAMPS.length - 1);
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  test("the default policy (10 last, 7 daily, 4 weekly) keeps all of a short history", async () => {
    await makeBackups(STAMPS);
    const result = await pruneBackups(join(dir, "providers.yaml"));
    expect(result.removed).toEqual([]);
    expect(result.kept).toHaveLength(STAMPS.length);
  });

  test("no backups, nothing to do", async () => {
    expect(await pruneBackups(join(dir, "providers.yaml"))).toEqual({
      kept: [],
      removed: [],
      decisions: [],
      removedTempFiles: [],
      foreign: [],
    });
  });
});

describe("leftover temp files (#10 item 5)", () => {
  test("prune removes the temps that killed writers left for this file and its backups, and says so", async () => {
    await makeBackups(STAMPS.slice(0, 2));
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const leftovers = [
      tempFileName("providers.yaml.backup-20261126_180000", dead),
      tempFileName("providers.yaml.backup-20261126_120000-2", dead),
      tempFileName("providers.yaml", dead),
    ];
    const kept = [
      tempFileName("providers.yaml.backup-20261126_180000", process.pid), // a write in progress
      tempFileName("ports.yaml.backup-20200101_000000", dead), // another file's
    ];
    for (const name of [...leftovers, ...kept]) await writeFile(join(dir, name), "partial");
    const dry = await pruneBackups(join(dir, "providers.yaml"), { last: 10 }, { dryRun: true });
    expect(dry.removedTempFiles).toEqual([]);
    const result = await pruneBackups(join(dir, "providers.yaml"), { last: 10 });
    expect(result.removedTempFiles).toEqual(leftovers.map((n) => join(dir, n)).sort());
    const names = await readdir(dir);
    for (const name of leftovers) expect(names).not.toContain(name);
    for (const name of kept) expect(names).toContain(name);
  });
});

describe("entries named like backups that are not regular files (#10 item 11)", () => {
  test("a symbolic link, a directory and a FIFO are foreign: listed apart, never pruned or followed", async () => {
    await makeBackups(["20261126_180000", "20261125_180000"]);
    const outside = await tempDir("sy-outside-");
    try {
      await writeFile(join(outside, "shadow"), "secret");
      await symlink(join(outside, "shadow"), join(dir, "providers.yaml.backup-20300101_000000"));
      await mkdir(join(dir, "providers.yaml.backup-20300102_000000"));
      execFileSync("mkfifo", [join(dir, "providers.yaml.backup-20300103_000000")]);
      const entries = await listBackupEntries(join(dir, "providers.yaml"));
      expect(entries.backups.map((b) => b.stamp)).toEqual(["20261126_180000", "20261125_180000"]);
      expect(entries.foreign.map((f) => [f.name.slice(-15), f.fileType])).toEqual([
        ["20300101_000000", "symbolic link"],
        ["20300102_000000", "directory"],
        ["20300103_000000", "FIFO (named pipe)"],
      ]);
      expect((await listBackups(join(dir, "providers.yaml"))).map((b) => b.stamp)).toEqual([
        "20261126_180000",
        "20261125_180000",
      ]);
      const result = await pruneBackups(join(dir, "providers.yaml"), { last: 1 });
      expect(result.removed.map((b) => b.stamp)).toEqual(["20261125_180000"]);
      expect(result.foreign).toHaveLength(3);
      expect((await readdir(dir)).filter((n) => n.startsWith("providers.yaml.backup-")).sort()).toEqual([
        "providers.yaml.backup-20261126_180000",
        "providers.yaml.backup-20300101_000000",
        "providers.yaml.backup-20300102_000000",
        "providers.yaml.backup-20300103_000000",
      ]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
