#!/usr/bin/env node
/**
 * Regenerate schemas/*.schema.json from the zod schemas.
 *
 * Node 20 cannot load the TypeScript sources directly, so this runs the JSON Schema test file
 * through vitest in golden update mode (UPDATE_GOLDENS=1, test-utils' `expectGolden`): each schema
 * that differs is rewritten, its diff printed, and the run exits 1 so that nothing changes unseen.
 * Review the diff (`git diff schemas/`), then run the tests again to see them pass.
 * Usage: `pnpm --filter @switchyard/config-schema run generate:schemas`.
 */
import { fileURLToPath } from "node:url";
import { startVitest } from "vitest/node";

process.env.UPDATE_GOLDENS = "1";
const root = fileURLToPath(new URL("..", import.meta.url));
const vitest = await startVitest("test", ["src/json-schema.test.ts"], { root, run: true, watch: false });
await vitest?.close();
if (!vitest || process.exitCode) process.exitCode = 1;
