import { defineConfig, mergeConfig } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  packageTestConfig(),
  defineConfig({
    test: {
      // Process tests start servers and redis-server on a busy machine: hooks get the tests' own time.
      hookTimeout: 60_000,
      // The admin page's stylesheet is imported as text (`?raw`); vitest empties CSS unless told.
      css: { include: [/src\/admin\/.*\.css/] },
    },
  }),
);
