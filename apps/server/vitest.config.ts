import { defineConfig, mergeConfig } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared.ts";

// Process tests start servers and redis-server on a busy machine: hooks get the tests' own time.
export default mergeConfig(packageTestConfig(), defineConfig({ test: { hookTimeout: 60_000 } }));
