import { defineConfig, mergeConfig } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  packageTestConfig(),
  defineConfig({
    test: {
      // Process tests start servers and redis-server on a busy machine: hooks get the tests' own time.
      // A test bounds how long its events may take; on a busy 2-core CI runner starting several
      // server processes in one test takes minutes, so the bound is generous (they wait for events).
      hookTimeout: 120_000,
      testTimeout: 180_000,
      // The admin page test polls what Chromium shows; 1 s (vitest's default) is too tight under load.
      expect: { poll: { timeout: 30_000 } },
      // The admin page's stylesheet is imported as text (`?raw`); vitest empties CSS unless told.
      css: { include: [/src\/admin\/.*\.css/] },
    },
  }),
);
