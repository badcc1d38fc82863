import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.ts";

// JavaScript for the bench's workers (plain Node processes); tests and typecheck read src/.
export default defineConfig(packageBuild({ format: ["esm"], dts: false, sourcemap: false }));
