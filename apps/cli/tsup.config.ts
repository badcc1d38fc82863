import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { defineConfig, type Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
};

/**
 * zod re-exports all of its ~45 message locales as `z.locales`; Switchyard only ever uses the
 * English one (zod's default), so the bundle carries that one alone — less to read and evaluate at
 * every start.
 */
const onlyEnglishZodLocale: Plugin = {
  name: "only-english-zod-locale",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, args.path), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/**
 * The CLI ships as one minified CommonJS bundle (dist/cli.cjs) with every workspace package and
 * dependency inlined, so `switchyard` starts without resolving node_modules. bin/switchyard.cjs
 * loads it through V8's code cache. Commands stay lazy: esbuild turns each `import()` of a command
 * into a deferred module initialiser, so only the command that runs is initialised. Config templates
 * (`src/templates/*.yaml`) are inlined as text.
 */
export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["cjs"],
  target: "node20",
  platform: "node",
  splitting: false,
  clean: true,
  sourcemap: true,
  minify: true,
  shims: true,
  dts: false,
  noExternal: [/.*/],
  loader: { ".yaml": "text" },
  esbuildOptions(options) {
    options.conditions = ["@switchyard/source"];
  },
  esbuildPlugins: [onlyEnglishZodLocale],
  define: { __SWITCHYARD_VERSION__: JSON.stringify(version) },
});
