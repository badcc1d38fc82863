import { execFileSync } from "node:child_process";
import { rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { describeFsError, makeDirectory } from "../entries/fs.js";

/**
 * Run `body` with `dir` mounted read-only (a tmpfs, `mount -o ro`). Needs root, as CI runs; without
 * it the test fails with the reason rather than skipping.
 */
async function withReadOnlyMount(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await tempDir("sy-ro-");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", dir], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`this test mounts a read-only tmpfs and needs root (CI runs as root): ${String(error)}`);
  }
  try {
    await body(dir);
  } finally {
    execFileSync("umount", [dir]);
    await rm(dir, { recursive: true, force: true });
  }
}

describe("makeDirectory", () => {
  it("creates nested directories", async () => {
    const dir = await tempDir("sy-mkdir-");
    await makeDirectory(join(dir, "a", "b"));
    expect((await stat(join(dir, "a", "b"))).isDirectory()).toBe(true);
  });

  it("says read-only file system where Node's recursive mkdir says ENOENT", async () => {
    await withReadOnlyMount(async (dir) => {
      const error = await makeDirectory(join(dir, "reports", "audit")).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "EROFS" });
      expect(describeFsError(error)).toBe("read-only file system");
    });
  });

  it("says a parent is not a directory", async () => {
    const dir = await tempDir("sy-mkdir-");
    await writeFile(join(dir, "file"), "");
    const error = await makeDirectory(join(dir, "file", "sub", "deeper")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ENOTDIR" });
  });

  it("says a file in the way exists and is not a directory, not Node's raw EEXIST text", async () => {
    const dir = await tempDir("sy-mkdir-");
    await writeFile(join(dir, "file"), "");
    const error = await makeDirectory(join(dir, "file")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "EEXIST" });
    expect(describeFsError(error)).toBe("it exists and is not a directory");
    // An existing directory is no error, as with mkdir -p.
    await expect(makeDirectory(dir)).resolves.toBeUndefined();
  });
});
