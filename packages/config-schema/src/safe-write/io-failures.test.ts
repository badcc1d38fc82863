/**
 * Safe writes on file systems that refuse them (real mounts, no mocks): a full tmpfs (ENOSPC) and a
 * read-only bind mount (EROFS). The write fails with the errno, and nothing is left behind: no temp
 * file, no backup temp, and no empty lock file that would make the next run wait.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { fillUp, type Mount, mountReadOnly, mountTmpfs } from "../../test/mounts.js";
import { writeFileAtomic } from "./atomic-write.js";
import { withFileLock } from "./file-lock.js";
import { writeFileSafely } from "./write-file-safely.js";

const mounts: Mount[] = [];
afterEach(async () => {
  for (const mount of mounts.splice(0)) await mount.unmount();
});

async function fullDisk(files: Record<string, string> = {}): Promise<string> {
  const mount = await mountTmpfs(64);
  mounts.push(mount);
  for (const [name, text] of Object.entries(files)) await writeFile(join(mount.dir, name), text);
  await fillUp(mount.dir);
  return mount.dir;
}

describe("a full disk (ENOSPC)", () => {
  test("a lock whose record cannot be written is removed, so the next run does not wait for it", async () => {
    const dir = await fullDisk();
    const target = join(dir, "providers.yaml");
    await expect(withFileLock(target, async () => "never", { timeoutMs: 0 })).rejects.toMatchObject({
      code: "ENOSPC",
    });
    expect(await readdir(dir)).toEqual([".fill"]);
  });

  test("writeFileAtomic fails with ENOSPC and leaves the old file and no temp file", async () => {
    const dir = await fullDisk({ "providers.yaml": "old\n" });
    const target = join(dir, "providers.yaml");
    await expect(writeFileAtomic(target, "x".repeat(16 * 1024))).rejects.toMatchObject({ code: "ENOSPC" });
    expect(await readFile(target, "utf8")).toBe("old\n");
    expect((await readdir(dir)).sort()).toEqual([".fill", "providers.yaml"]);
  });
});

describe("a read-only file system (EROFS)", () => {
  test("writeFileSafely fails with EROFS and changes nothing", async () => {
    const sourceMount = await mountTmpfs(256);
    mounts.push(sourceMount);
    const source = sourceMount.dir;
    await writeFile(join(source, "providers.yaml"), "old\n");
    const readOnly = await mountReadOnly(source);
    mounts.unshift(readOnly);
    await expect(writeFileSafely(join(readOnly.dir, "providers.yaml"), "new\n")).rejects.toMatchObject({
      code: "EROFS",
    });
    expect(await readdir(source)).toEqual(["providers.yaml"]);
    expect(await readFile(join(source, "providers.yaml"), "utf8")).toBe("old\n");
  });
});
