/**
 * The published type declarations must not need `@types/node` for Node's own namespace: a consumer
 * without it fails `tsc` on `NodeJS.*` (the `env` parameter of `shouldUseColor` was
 * `NodeJS.ProcessEnv`). Reads the built `dist/index.d.ts` and `dist/index.d.cts` (tests run after
 * the build).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("published declarations", () => {
  it.each(["index.d.ts", "index.d.cts"])("dist/%s references no NodeJS.* type", (name) => {
    const text = readFileSync(new URL(`../dist/${name}`, import.meta.url), "utf8");
    const uses = text.split("\n").filter((line) => /\bNodeJS\./.test(line));
    expect(uses).toEqual([]);
  });
});
