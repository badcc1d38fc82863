import { chmod, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { writeFileAtomic, writeFileExclusive } from "./atomic-write.js";

let dir: string;
beforeEach(async () => {
  dir = await tempDir("sy-atomic-");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  test("creates a file, then replaces its content, leaving no temp files", async () => {
    const file = join(dir, "providers.yaml");
    await writeFileAtomic(file, "a: 1\n");
    expect(await readFile(file, "utf8")).toBe("a: 1\n");
    await writeFileAtomic(file, new TextEncoder().encode("a: 2\n"));
    expect(await readFile(file, "utf8")).toBe("a: 2\n");
    expect(await readdir(dir)).toEqual(["providers.yaml"]);
  });

  test("keeps the mode of the file it replaces", async () => {
    const file = join(dir, "secret.yaml");
    await writeFile(file, "old");
    await chmod(file, 0o600);
    await writeFileAtomic(file, "new");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await chmod(file, 0o751);
    await writeFileAtomic(file, "newer");
    expect((await stat(file)).mode & 0o777).toBe(0o751);
  });

  test("a rewrite that brings a secret into a 0644 file makes it 0600 and says so (#10 item 6)", async () => {
    const file = join(dir, "litellm-unified.yaml");
    await writeFile(file, "general_settings: {}\n");
    await chmod(file, 0o644);
    const changes: { from: number; to: number }[] = [];
    const onModeTightened = (change: { from: number; to: number }) => changes.push(change);
    await writeFileAtomic(file, "router_settings:\n  redis_password: hunter2-literal\n", { onModeTightened });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(changes).toEqual([{ from: 0o644, to: 0o600 }]);
    // Owner bits (and only those) are kept: 0750 becomes 0700; an owner-only file is left alone.
    await chmod(file, 0o750);
    await writeFileAtomic(file, "router_settings:\n  redis_password: hunter3-literal\n", { onModeTightened });
    expect((await stat(file)).mode & 0o777).toBe(0o700);
    await writeFileAtomic(file, "router_settings:\n  redis_password: hunter4-literal\n", { onModeTightened });
    expect(changes).toEqual([
      { from: 0o644, to: 0o600 },
      { from: 0o750, to: 0o700 },
    ]);
    // Without a secret, a rewrite keeps a readable mode.
    await chmod(file, 0o644);
    await writeFileAtomic(file, "general_settings: {}\n", { onModeTightened });
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    expect(changes).toHaveLength(2);
  });

  test("an explicit mode wins", async () => {
    const file = join(dir, "x.yaml");
    await writeFile(file, "old");
    await chmod(file, 0o644);
    await writeFileAtomic(file, "new", { mode: 0o600 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test("writes through a symlink instead of replacing it", async () => {
    const real = join(dir, "real.yaml");
    const link = join(dir, "link.yaml");
    await writeFile(real, "old");
    await symlink(real, link);
    await writeFileAtomic(link, "new");
    expect(await readFile(real, "utf8")).toBe("new");
    expect((await readdir(dir)).sort()).toEqual(["link.yaml", "real.yaml"]);
  });

  test("fails cleanly (no temp file) when the target is a directory", async () => {
    const target = join(dir, "sub");
    await mkdir(target);
    await expect(writeFileAtomic(target, "x")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["sub"]);
  });

  test("fails when the directory does not exist", async () => {
    await expect(writeFileAtomic(join(dir, "missing", "x.yaml"), "x")).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  test("a concurrent reader only ever sees the old or the new content", async () => {
    const file = join(dir, "big.yaml");
    const a = `${"a".repeat(384 * 1024)}\n`;
    const b = `${"b".repeat(300 * 1024)}\n`;
    await writeFileAtomic(file, a);
    let writing = true;
    const seen = new Set<string>();
    const reader = (async () => {
      let reads = 0;
      while (writing || reads < 10) {
        const text = await readFile(file, "utf8");
        seen.add(text === a ? "a" : text === b ? "b" : `torn (${text.length} bytes)`);
        reads++;
      }
      return reads;
    })();
    for (let i = 0; i < 40; i++) await writeFileAtomic(file, i % 2 === 0 ? b : a);
    writing = false;
    const reads = await reader;
    expect(reads).toBeGreaterThan(10);
    expect([...seen].sort()).toEqual(["a", "b"]);
    expect(await readdir(dir)).toEqual(["big.yaml"]);
  });
});

describe("writeFileExclusive", () => {
  test("creates a new file but never replaces an existing one", async () => {
    const file = join(dir, "backup");
    expect(await writeFileExclusive(file, "first", { mode: 0o640 })).toBe(true);
    expect(await writeFileExclusive(file, "second")).toBe(false);
    expect(await readFile(file, "utf8")).toBe("first");
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(["backup"]);
  });
});
