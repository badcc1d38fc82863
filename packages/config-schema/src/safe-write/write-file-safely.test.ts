import { spawnSync } from "node:child_process";
import { chmod, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_RETENTION } from "../backups/retention.js";
import { type BoundedReadError, DEFAULT_MAX_BYTES } from "../fs/read-file.js";
import { FileLockedError, withFileLock } from "./file-lock.js";
import { tempFileName } from "./temp-name.js";
import { writeFileSafely } from "./write-file-safely.js";

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await tempDir("sy-safe-");
  file = join(dir, "providers.yaml");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = () => new Date(2026, 10, 26, 12, 15, 0);

describe("writeFileSafely", () => {
  test("a new file: written, nothing to back up, no lock left behind", async () => {
    expect(await writeFileSafely(file, "v1\n", { now })).toEqual({ path: file, changed: true });
    expect(await readFile(file, "utf8")).toBe("v1\n");
    expect(await readdir(dir)).toEqual(["providers.yaml"]);
  });

  test("replacing a file backs up the previous content first", async () => {
    await writeFile(file, "v1\n");
    await chmod(file, 0o640);
    const result = await writeFileSafely(file, "v2\n", { now });
    const backupPath = join(dir, "providers.yaml.backup-20261126_121500");
    expect(result).toEqual({ path: file, backupPath, changed: true });
    expect(await readFile(backupPath, "utf8")).toBe("v1\n");
    expect(await readFile(file, "utf8")).toBe("v2\n");
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect((await stat(backupPath)).mode & 0o777).toBe(0o640);
  });

  test("identical content: nothing written, no backup", async () => {
    await writeFile(file, "same\n");
    const before = await stat(file);
    expect(await writeFileSafely(file, new TextEncoder().encode("same\n"), { now })).toEqual({
      path: file,
      changed: false,
    });
    expect(await readdir(dir)).toEqual(["providers.yaml"]);
    expect((await stat(file)).ino).toBe(before.ino);
  });

  test("beforeReplace runs after the new content is written, before it replaces the file; a throw leaves the file alone", async () => {
    await writeFile(file, "v1\n");
    const seen: string[] = [];
    await writeFileSafely(file, "v2\n", {
      now,
      backup: false,
      beforeReplace: async () => {
        seen.push(await readFile(file, "utf8"));
        for (const name of await readdir(dir)) if (name.includes(".tmp-")) seen.push(name);
      },
    });
    expect(seen).toEqual(["v1\n", expect.stringMatching(/^\.providers\.yaml\.tmp-/)]);
    expect(await readFile(file, "utf8")).toBe("v2\n");
    // Someone saved meanwhile: the hook refuses, and their content stays, with no temp file left.
    const refusal = new Error("the file changed");
    await expect(
      writeFileSafely(file, "v3\n", {
        backup: false,
        beforeReplace: async () => {
          await writeFile(file, "theirs\n");
          throw refusal;
        },
      }),
    ).rejects.toBe(refusal);
    expect(await readFile(file, "utf8")).toBe("theirs\n");
    expect(await readdir(dir)).toEqual(["providers.yaml"]);
  });

  test("holdsSecret: the caller's verdict on the content is taken instead of a scan of it", async () => {
    const secret = `api_key: sk-proj-${"a1B2c3D4e5".repeat(4)}\n`;
    await writeFile(file, "v1\n");
    await chmod(file, 0o644);
    // Scanned: the key is found, the file becomes owner-only.
    await writeFileSafely(file, secret, { backup: false });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await chmod(file, 0o644);
    // The caller vouches: what it says holds, whatever the content.
    await writeFileSafely(file, `${secret}# v2\n`, { backup: false, holdsSecret: false });
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    await writeFileSafely(file, "no secret\n", { backup: false, holdsSecret: true });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test("backup: false skips the backup; mode sets the permissions", async () => {
    await writeFile(file, "v1\n");
    expect(await writeFileSafely(file, "v2\n", { backup: false, mode: 0o600 })).toEqual({
      path: file,
      changed: true,
    });
    expect(await readdir(dir)).toEqual(["providers.yaml"]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test("fails with FileLockedError when another holder keeps the lock past lockTimeoutMs", async () => {
    await writeFile(file, "v1\n");
    await withFileLock(file, async () => {
      await expect(writeFileSafely(file, "v2\n", { lockTimeoutMs: 0 })).rejects.toBeInstanceOf(
        FileLockedError,
      );
    });
    expect(await readFile(file, "utf8")).toBe("v1\n");
    expect(await writeFileSafely(file, "v2\n", { lock: false, backup: false })).toMatchObject({
      changed: true,
    });
  });

  test("removes temp files of crashed earlier writes of this file and reports them", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const leftover = join(dir, tempFileName("providers.yaml", dead));
    const otherFile = join(dir, tempFileName("ports.yaml", dead));
    await writeFile(leftover, "half a wri");
    await writeFile(otherFile, "not ours");
    const result = await writeFileSafely(file, "v1\n");
    expect(result.removedTempFiles).toEqual([leftover]);
    expect((await readdir(dir)).sort()).toEqual([otherFile.slice(dir.length + 1), "providers.yaml"].sort());
  });

  test("successive writes in one second keep every previous version", async () => {
    for (const version of ["v1", "v2", "v3", "v4"]) await writeFileSafely(file, version, { now });
    const names = (await readdir(dir)).sort();
    expect(names).toEqual([
      "providers.yaml",
      "providers.yaml.backup-20261126_121500",
      "providers.yaml.backup-20261126_121500-2",
      "providers.yaml.backup-20261126_121500-3",
    ]);
    expect(await Promise.all(names.map((n) => readFile(join(dir, n), "utf8")))).toEqual([
      "v4",
      "v1",
      "v2",
      "v3",
    ]);
  });

  test("a file over the usual 16 MiB read cap is replaced and backed up whole when the new content is as large (200,000 models generate 41 MB)", async () => {
    const old = Buffer.alloc(DEFAULT_MAX_BYTES + 1024, "a");
    const next = Buffer.alloc(DEFAULT_MAX_BYTES + 2048, "b");
    await writeFile(file, old);
    const result = await writeFileSafely(file, next, { now });
    expect(result.changed).toBe(true);
    expect(result.backupPath).toBe(join(dir, "providers.yaml.backup-20261126_121500"));
    expect((await readFile(result.backupPath!)).equals(old)).toBe(true);
    expect((await readFile(file)).equals(next)).toBe(true);
    // The same content again: found identical, nothing written, no backup.
    const again = await writeFileSafely(file, next, { now: () => new Date(2026, 10, 26, 12, 16, 0) });
    expect(again).toEqual({ path: file, changed: false });
    expect((await readdir(dir)).sort()).toEqual(["providers.yaml", "providers.yaml.backup-20261126_121500"]);
  });

  test("a runaway file far larger than the new content is never read: the write is refused (EFBIG) and the file kept", async () => {
    const runaway = Buffer.alloc(DEFAULT_MAX_BYTES + 1, "x");
    await writeFile(file, runaway);
    const error = await writeFileSafely(file, "v2\n", { now }).catch((e: unknown) => e);
    expect((error as BoundedReadError).code).toBe("EFBIG");
    expect((await stat(file)).size).toBe(runaway.length);
    expect(await readdir(dir)).toEqual(["providers.yaml"]);
  });
});

describe("writeFileSafely prunes after writing (the writer of the config-directory layer)", () => {
  /** Twelve backups within one hour each of 2020-01-01 (00:00 … 11:00). */
  async function oldBackups(): Promise<void> {
    for (let hour = 0; hour < 12; hour++)
      await writeFile(`${file}.backup-20200101_${String(hour).padStart(2, "0")}0000`, `old ${hour}\n`);
  }
  const backupsLeft = async () => (await readdir(dir)).filter((n) => n.includes(".backup-")).sort();

  test("one call backs up, writes atomically, prunes by the default retention and reports what it pruned", async () => {
    await writeFile(file, "v1\n");
    await oldBackups();
    const result = await writeFileSafely(file, "v2\n", { now });
    const backupPath = join(dir, "providers.yaml.backup-20261126_121500");
    // The last 10 keep this write's backup and the nine newest of 2020; the daily rule, with slots
    // left at the oldest backup, keeps 00:00 too; 01:00 and 02:00 go (newest first).
    expect(result).toEqual({
      path: file,
      backupPath,
      changed: true,
      pruned: {
        policy: DEFAULT_RETENTION,
        removed: [`${file}.backup-20200101_020000`, `${file}.backup-20200101_010000`],
      },
    });
    expect(await readFile(backupPath, "utf8")).toBe("v1\n");
    expect(await readFile(file, "utf8")).toBe("v2\n");
    const left = await backupsLeft();
    expect(left).toHaveLength(11);
    expect(left).not.toContain("providers.yaml.backup-20200101_010000");
    expect(left).toContain("providers.yaml.backup-20200101_000000");
    expect((await readdir(dir)).filter((n) => n.endsWith(".lock") || n.includes(".tmp"))).toEqual([]);
  });

  test("nothing to prune: no report; identical content: no write, no prune", async () => {
    await writeFile(file, "v1\n");
    expect(await writeFileSafely(file, "v2\n", { now })).not.toHaveProperty("pruned");
    await oldBackups();
    expect(await writeFileSafely(file, "v2\n", { now })).toEqual({ path: file, changed: false });
    expect(await backupsLeft()).toHaveLength(13);
  });

  test("retention: false keeps every backup; a policy of its own is applied as given", async () => {
    await writeFile(file, "v1\n");
    await oldBackups();
    expect(await writeFileSafely(file, "v2\n", { now, retention: false })).not.toHaveProperty("pruned");
    expect(await backupsLeft()).toHaveLength(13);
    const result = await writeFileSafely(file, "v3\n", {
      now: () => new Date(2026, 10, 26, 12, 16, 0),
      retention: { last: 2 },
    });
    expect(result.pruned?.policy).toEqual({ last: 2 });
    expect(result.pruned?.removed).toHaveLength(12);
    expect(await backupsLeft()).toEqual([
      "providers.yaml.backup-20261126_121500",
      "providers.yaml.backup-20261126_121600",
    ]);
  });
});
