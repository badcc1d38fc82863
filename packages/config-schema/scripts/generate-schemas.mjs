#!/usr/bin/env node
/**
 * Regenerate schemas/*.schema.json from the zod schemas.
 *
 * Node 20 cannot load the TypeScript sources directly, so this runs the JSON Schema test file
 * through vitest in update mode (UPDATE_SCHEMAS=1): the test writes the files, then checks them.
 * Usage: `pnpm --filter @switchyard/config-schema run generate:schemas`.
 */
import { fileURLToPath } from "node:url";
import { startVitest } from "vitest/node";

process.env.UPDATE_SCHEMAS = "1";
const root = fileURLToPath(new URL("..", import.meta.url));
const vitest = await startVitest("test", ["src/json-schema.test.ts"], { root, run: true, watch: false });
await vitest?.close();
if (!vitest || process.exitCode) process.exitCode = 1;
