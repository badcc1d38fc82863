/**
 * A process test's child: a few lines of TypeScript that import the packages' sources, bundled by
 * esbuild into one `.mjs` that `node` runs (the packages are not built while their tests run).
 * `@switchyard/*` imports resolve to `src/` through tsconfig.base.json's `paths`, as they do for the
 * tests and the typecheck; relative imports resolve from `resolveDir` (the test's folder).
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const TSCONFIG = fileURLToPath(new URL("../../../tsconfig.base.json", import.meta.url));

export interface WorkerBundleOptions {
  /** The folder the source's relative imports are resolved from: the test's own folder. */
  readonly resolveDir: string;
  /** Where the bundle is written (a `.mjs` in the test's temp directory). */
  readonly outfile: string;
  /** Minify, for a worker started many times (a crash loop): less to parse at each start. */
  readonly minify?: boolean;
}

/** Bundles `source` (TypeScript, an ES module) into `options.outfile` and returns that path. */
export async function bundleWorker(source: string, options: WorkerBundleOptions): Promise<string> {
  await build({
    stdin: { contents: source, resolveDir: options.resolveDir, loader: "ts", sourcefile: "worker.ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: options.minify === true,
    tsconfig: TSCONFIG,
    // Bundled CommonJS dependencies (yaml) call require() for Node's modules: give the ESM bundle one.
    banner: {
      js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
    },
    outfile: options.outfile,
    logLevel: "silent",
  });
  return options.outfile;
}
