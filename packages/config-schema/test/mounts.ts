/**
 * Real file-system failures for tests: a tiny tmpfs that fills up (ENOSPC) and a read-only bind
 * mount (EROFS). Both need root (CAP_SYS_ADMIN), as the tests run in CI; without it the test fails
 * with this message rather than skipping, so a lost capability is seen.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A mounted directory and how to take it down again. */
export interface Mount {
  readonly dir: string;
  unmount(): Promise<void>;
}

function mount(args: readonly string[]): void {
  try {
    execFileSync("mount", args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(
      `this test needs to mount a file system (root with CAP_SYS_ADMIN, as CI runs it): mount ${args.join(" ")}: ${stderr}`,
    );
  }
}

function unmounter(dir: string, extra: readonly string[] = []): () => Promise<void> {
  return async () => {
    execFileSync("umount", ["-l", dir], { stdio: "ignore" });
    for (const path of [dir, ...extra]) await rm(path, { recursive: true, force: true });
  };
}

/** A fresh tmpfs of `sizeKiB` KiB. */
export async function mountTmpfs(sizeKiB = 64): Promise<Mount> {
  const dir = await mkdtemp(join(tmpdir(), "sy-tmpfs-"));
  mount(["-t", "tmpfs", "-o", `size=${sizeKiB}k,mode=0755`, "tmpfs", dir]);
  return { dir, unmount: unmounter(dir) };
}

/** Fill a file system until a write fails with ENOSPC (a file named `.fill` takes the space). */
export async function fillUp(dir: string): Promise<void> {
  const handle = await open(join(dir, ".fill"), "w");
  const block = Buffer.alloc(4096, 0x61);
  try {
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * `source` seen read-only at a new mount point (a bind mount remounted `ro`): every write there
 * fails with EROFS, while `source` itself stays writable for the test's own setup.
 */
export async function mountReadOnly(source: string): Promise<Mount> {
  const dir = await mkdtemp(join(tmpdir(), "sy-ro-"));
  mount(["--bind", source, dir]);
  try {
    mount(["-o", "remount,bind,ro", dir]);
  } catch (error) {
    execFileSync("umount", ["-l", dir], { stdio: "ignore" });
    throw error;
  }
  return { dir, unmount: unmounter(dir) };
}
