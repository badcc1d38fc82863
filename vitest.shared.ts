/**
 * Shared vitest settings: tests run against `src/` through the `@switchyard/source`
 * export condition, so no test waits for a build.
 *
 * Every run gets a private temp directory and home, and fails when a test leaves anything in
 * either (`@switchyard/test-utils/global-setup`); each test file's temp directories are removed
 * after it (`@switchyard/test-utils/setup`).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export const sourceConditions = ["@switchyard/source", "node", "import", "module", "default"];

const testUtils = (file: string) =>
  fileURLToPath(new URL(`./packages/test-utils/src/${file}`, import.meta.url));

export function packageTestConfig() {
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions, externalConditions: ["@switchyard/source"] } },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
      pool: "forks",
      globalSetup: [testUtils("global-setup.ts")],
      setupFiles: [testUtils("setup.ts")],
    },
  });
}
