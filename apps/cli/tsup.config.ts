import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
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
  define: { __SWITCHYARD_VERSION__: JSON.stringify(version) },
});
