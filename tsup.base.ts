/**
 * The one build configuration every package inherits: ESM + CJS with their own
 * declaration files (`.d.ts` / `.d.cts`), Node 20 target, source maps.
 * A package's `tsup.config.ts` is one line: `export default packageBuild()`.
 */
import type { Options } from "tsup";

export function packageBuild(overrides: Partial<Options> = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "node",
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}
