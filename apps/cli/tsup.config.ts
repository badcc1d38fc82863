import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
};

/**
 * The CLI ships as one ESM bundle with every workspace package and dependency inlined, so
 * `switchyard` starts without resolving node_modules; each command is its own chunk, loaded lazily.
 * Config templates (`src/templates/*.yaml`) are inlined as text. Dependencies that ship CommonJS
 * (yaml's Node build) call `require`, which an ES module lacks: the banner provides one.
 */
export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  splitting: true,
  clean: true,
  sourcemap: true,
  dts: false,
  noExternal: [/.*/],
  loader: { ".yaml": "text" },
  banner: {
    js: 'import { createRequire as __switchyardCreateRequire } from "node:module";\nconst require = __switchyardCreateRequire(import.meta.url);',
  },
  esbuildOptions(options) {
    options.conditions = ["@switchyard/source"];
  },
  define: { __SWITCHYARD_VERSION__: JSON.stringify(version) },
});
