import { tempDirSync } from "@switchyard/test-utils";

let cacheDir: string | undefined;

/**
 * The compile cache directory (`SWITCHYARD_CACHE_DIR`) of the built CLI's runs in this test file:
 * a temporary directory removed after the file (`@switchyard/test-utils`), so no test writes into
 * the real home and none leaves a cache behind.
 */
export function testCacheDir(): string {
  cacheDir ??= tempDirSync("switchyard-test-cache-");
  return cacheDir;
}
