import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let cacheDir: string | undefined;

/**
 * The compile cache directory (`SWITCHYARD_CACHE_DIR`) of the built CLI's runs in this test process:
 * a temporary directory removed when the process exits, so no test writes into the real home.
 */
export function testCacheDir(): string {
  if (cacheDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "switchyard-test-cache-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    cacheDir = dir;
  }
  return cacheDir;
}
