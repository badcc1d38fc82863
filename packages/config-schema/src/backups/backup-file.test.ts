import { chmod, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_MAX_BYTES } from "../fs/read-file.js";
import { backupFile, backupMaxBytes, copyMaxBytes, listBackups } from "./backup-file.js";

let dir: string;
beforeEach(async () => {
  dir = await tempDir("sy-backup-");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at =
  (y: number, mo: number, d: number, h = 12, mi = 15, s = 0) =>
  () =>
    new Date(y, mo - 1, d, h, mi, s);

describe("backupFile", () => {
  test("copies the file beside it under a stamped name, keeping its mode", async () => {
    const file = join(dir, "providers.yaml");
    await writeFile(file, "providers: []\n");
    await chmod(file, 0o640);
    const backup = await backupFile(file, { now: at(2026, 11, 26) });
    expect(backup).toBe(join(dir, "providers.yaml.backup-20261126_121500"));
    expect(await readFile(backup!, "utf8")).toBe("providers: []\n");
    expect((await stat(backup!)).mode & 0o777).toBe(0o640);
    expect((await readdir(dir)).sort()).toEqual(["providers.yaml", "providers.yaml.backup-20261126_121500"]);
  });

  test("returns undefined when the file does not exist", async () => {
    expect(await backupFile(join(dir, "missing.yaml"))).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  test("same second: identical content reuses the backup, different content gets -2, -3", async () => {
    const file = join(dir, "ports.yaml");
    const now = at(2026, 11, 26);
    await writeFile(file, "v1");
    const first = await backupFile(file, { now });
    expect(await backupFile(file, { now })).toBe(first);
    await writeFile(file, "v2");
    const second = await backupFile(file, { now });
    await writeFile(file, "v3");
    const third = await backupFile(file, { now });
    await writeFile(file, "v1");
    expect(await backupFile(file, { now })).toBe(first);
    expect([first, second, third]).toEqual([
      join(dir, "ports.yaml.backup-20261126_121500"),
      join(dir, "ports.yaml.backup-20261126_121500-2"),
      join(dir, "ports.yaml.backup-20261126_121500-3"),
    ]);
    expect(await Promise.all([first, second, third].map((p) => readFile(p!, "utf8")))).toEqual([
      "v1",
      "v2",
      "v3",
    ]);
  });

  test("never overwrites an existing backup", async () => {
    const file = join(dir, "a.yaml");
    await writeFile(file, "new");
    await writeFile(join(dir, "a.yaml.backup-20261126_121500"), "precious");
    const backup = await backupFile(file, { now: at(2026, 11, 26) });
    expect(backup).toBe(join(dir, "a.yaml.backup-20261126_121500-2"));
    expect(await readFile(join(dir, "a.yaml.backup-20261126_121500"), "utf8")).toBe("precious");
  });
});

describe("listBackups", () => {
  test("lists this file's backups newest first, ignoring everything else", async () => {
    const file = join(dir, "providers.yaml");
    await writeFile(file, "x");
    const names = [
      "providers.yaml.backup-20261126_121500",
      "providers.yaml.backup-20261126_121500-2",
      "providers.yaml.backup-20251231_235959",
      "providers.yaml.backup-20270101_000000",
      "providers.yaml.backup-20261126_121459",
    ];
    for (const [i, name] of names.entries()) await writeFile(join(dir, name), "b".repeat(i + 1));
    for (const other of [
      "model-mappings.yaml.backup-20261126_121500",
      "providers.yaml.bak",
      "providers.yaml.backup-20261340_000000",
      ".providers.yaml.tmp-123-abcdef",
      "providers.yaml.lock",
    ]) {
      await writeFile(join(dir, other), "other");
    }
    const list = await listBackups(file);
    expect(list.map((b) => b.name)).toEqual([
      "providers.yaml.backup-20270101_000000",
      "providers.yaml.backup-20261126_121500-2",
      "providers.yaml.backup-20261126_121500",
      "providers.yaml.backup-20261126_121459",
      "providers.yaml.backup-20251231_235959",
    ]);
    expect(list[0]).toEqual({
      path: join(dir, "providers.yaml.backup-20270101_000000"),
      name: "providers.yaml.backup-20270101_000000",
      stamp: "20270101_000000",
      time: { year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
      size: 4,
    });
  });

  test("works when the file itself is gone, and on a missing directory", async () => {
    await writeFile(join(dir, "gone.yaml.backup-20261126_121500"), "last copy");
    expect((await listBackups(join(dir, "gone.yaml"))).map((b) => b.name)).toEqual([
      "gone.yaml.backup-20261126_121500",
    ]);
    expect(await listBackups(join(dir, "nowhere", "x.yaml"))).toEqual([]);
  });
});

describe("the caps of a file's other versions (one rule: twice the known version, never under 16 MiB)", () => {
  test("a backup is read up to twice the file now; the file is copied up to twice its newest backup", async () => {
    const file = join(dir, "litellm-unified.yaml");
    expect(await backupMaxBytes(file)).toBe(DEFAULT_MAX_BYTES);
    expect(await copyMaxBytes(file)).toBe(DEFAULT_MAX_BYTES);
    const large = Buffer.alloc(DEFAULT_MAX_BYTES + 10, "a");
    await writeFile(file, large);
    expect(await backupMaxBytes(file)).toBe(2 * large.length);
    // No backup yet: the file itself is over the cap of a copy, so it is not read.
    await expect(backupFile(file, { maxBytes: await copyMaxBytes(file) })).rejects.toMatchObject({
      code: "EFBIG",
    });
    // As a writer replacing it with content as large backs it up.
    const backup = await backupFile(file, { maxBytes: 2 * large.length, now: at(2026, 12, 5) });
    expect((await readFile(backup!)).equals(large)).toBe(true);
    expect(await copyMaxBytes(file)).toBe(2 * large.length);
  });
});
