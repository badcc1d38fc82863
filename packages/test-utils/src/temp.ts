/**
 * Temporary directories for tests. Every one made here is removed after the test file that made it
 * (the shared setup file, `setup.ts`, runs {@link removeTempDirs} in an `afterAll`), also when a
 * test fails half-way. A test that makes its own with `mkdtemp` must remove it itself: the run's
 * global set-up (`global-setup.ts`) gives every run a private temp directory and home, and fails the
 * run when anything is left in either.
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

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

/**
 * Copies of `sources` (files or directories) in a fresh {@link tempDirSync} that every user can
 * read and traverse (directories 0755, files 0644), for a test that runs a program as another
 * user (node reads the script; nothing needs the execute bit): from a clone inside a 0700
 * directory (a `mktemp -d`), that user could not reach the originals. Returns the directory; each
 * source keeps its base name inside it.
 */
export function copyForAnyUser(sources: readonly string[], prefix = "sy-any-user-"): string {
  const dir = tempDirSync(prefix);
  for (const source of sources) cpSync(source, join(dir, basename(source)), { recursive: true });
  const open = (path: string, isDir: boolean) => {
    chmodSync(path, isDir ? 0o755 : 0o644);
    if (isDir)
      for (const entry of readdirSync(path, { withFileTypes: true }))
        open(join(path, entry.name), entry.isDirectory());
  };
  open(dir, true);
  return dir;
}
