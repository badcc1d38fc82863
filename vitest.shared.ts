/**
 * Shared vitest settings: tests run against `src/` through the `@switchyard/source`
 * export condition, so no test waits for a build.
 */
import { defineConfig } from "vitest/config";

export const sourceConditions = ["@switchyard/source", "node", "import", "module", "default"];

export function packageTestConfig() {
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions, externalConditions: ["@switchyard/source"] } },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
      pool: "forks",
    },
  });
}
