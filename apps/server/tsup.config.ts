import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.ts";
import { rawText } from "./build/raw-text.mjs";

export default defineConfig(
  packageBuild({
    entry: ["src/index.ts", "src/main.ts"],
    format: ["esm"],
    dts: false,
    esbuildPlugins: [rawText],
  }),
);
