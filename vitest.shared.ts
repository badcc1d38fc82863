/**
 * Shared vitest settings: tests run against `src/`, so no test waits for a build. Each
 * `@switchyard/*` import resolves to its source file through the `paths` of tsconfig.base.json
 * (the one map TypeScript, esbuild and vitest all read; the published package.json files name
 * only `dist/`).
 *
 * Every run gets a private temp directory and home, and fails when a test leaves anything in
 * either (`@switchyard/test-utils/global-setup`); each test file's temp directories are removed
 * after it (`@switchyard/test-utils/setup`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const ROOT = new URL("./", import.meta.url);

/** `@switchyard/<name>[/<subpath>]` → its source file, from tsconfig.base.json's `paths`. */
export function sourceAliases(): { find: RegExp; replacement: string }[] {
  const base = JSON.parse(readFileSync(new URL("tsconfig.base.json", ROOT), "utf8")) as {
    compilerOptions: { paths: Record<string, [string]> };
  };
  return Object.entries(base.compilerOptions.paths).map(([name, [file]]) => ({
    find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`),
    replacement: fileURLToPath(new URL(file, ROOT)),
  }));
}

const testUtils = (file: string) =>
  fileURLToPath(new URL(`./packages/test-utils/src/${file}`, import.meta.url));

export function packageTestConfig() {
  return defineConfig({
    resolve: { alias: sourceAliases() },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
      pool: "forks",
      globalSetup: [testUtils("global-setup.ts")],
      setupFiles: [testUtils("setup.ts")],
    },
  });
}
