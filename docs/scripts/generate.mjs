#!/usr/bin/env node
/**
 * Regenerate the generated pages (docs/cli.md from the command definitions, docs/troubleshooting.md
 * from the diagnostic catalogues). Node 20 cannot load the TypeScript sources directly, so this runs
 * test/generated.test.ts through vitest with UPDATE_DOCS=1: the test writes each page, then checks it.
 * Usage, from the repository root: `pnpm docs:generate` (`npx -y pnpm@10.34.8 docs:generate`).
 */
import { fileURLToPath } from "node:url";
import { startVitest } from "vitest/node";

process.env.UPDATE_DOCS = "1";
const root = fileURLToPath(new URL("..", import.meta.url));
const vitest = await startVitest("test", ["test/generated.test.ts"], { root, run: true, watch: false });
await vitest?.close();
if (!vitest || process.exitCode) process.exitCode = 1;
