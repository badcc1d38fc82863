/**
 * The one build configuration every package inherits: ESM + CJS, Node 20 target, source maps.
 * A package's `tsup.config.ts` is one line: `export default packageBuild()`.
 *
 * Declarations are not tsup's job: build/declarations.mjs emits those of every library with one
 * TypeScript program (turbo's `//#build:declarations`, which each build depends on), and once the
 * JavaScript is written each package ships its own as `.d.ts` (ESM) and `.d.cts` (CJS).
 */
import type { Options } from "tsup";
import { shipDeclarations } from "./build/ship-declarations.mjs";

export function packageBuild(overrides: Partial<Options> = {}): Options {
  // `dts: false` (a package that ships no declarations, e.g. the private server) skips the step.
  const { dts = true, ...rest } = overrides;
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "node",
    splitting: false,
    treeshake: true,
    ...(dts === false
      ? {}
      : {
          async onSuccess() {
            shipDeclarations(process.cwd());
          },
        }),
    ...rest,
  };
}
