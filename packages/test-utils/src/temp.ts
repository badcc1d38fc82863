/**
 * Temporary directories for tests. Every one made here is removed after the test file that made it
 * (the shared setup file, `setup.ts`, runs {@link removeTempDirs} in an `afterAll`), also when a
 * test fails half-way. A test that makes its own with `mkdtemp` must remove it itself: the run's
 * global set-up (`global-setup.ts`) gives every run a private temp directory and home, and fails the
 * run when anything is left in either.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REGISTRY = Symbol.for("switchyard.test-utils.temp-dirs");

/** The directories made in this test file (shared through globalThis: one list per worker). */
function registry(): Set<string> {
  const holder = globalThis as { [REGISTRY]?: Set<string> };
  holder[REGISTRY] ??= new Set();
  return holder[REGISTRY];
}

/** A fresh directory under the system temp directory, removed after this test file. */
export async function tempDir(prefix = "sy-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  registry().add(dir);
  return dir;
}

/** {@link tempDir}, synchronously (for module-level fixtures). */
export function tempDirSync(prefix = "sy-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  registry().add(dir);
  return dir;
}

/** Remove every directory {@link tempDir} made so far (the setup file calls it after each file). */
export async function removeTempDirs(): Promise<void> {
  const dirs = [...registry()];
  registry().clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
}

/** {@link removeTempDirs}, synchronously (for `process.on("exit")`). */
export function removeTempDirsSync(): void {
  for (const dir of registry()) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  registry().clear();
}
