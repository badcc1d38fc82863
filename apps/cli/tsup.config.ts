import { defineConfig } from "tsup";

/**
 * The CLI ships as one ESM bundle with every workspace package and dependency inlined, so
 * `switchyard` starts without resolving node_modules; each command is its own chunk, loaded lazily.
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
  esbuildOptions(options) {
    options.conditions = ["@switchyard/source"];
  },
  define: { __SWITCHYARD_VERSION__: JSON.stringify(process.env.npm_package_version ?? "0.0.0") },
});
