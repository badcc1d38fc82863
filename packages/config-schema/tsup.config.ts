import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.ts";

// The main entry and the subpath entries (src/entries/*.ts: `/diagnostics`, `/fs`, `/render`,
// `/schemas`, `/write`, `/yaml`). Shared code is split into chunks that every entry loads, in ESM
// and in CommonJS, so a class is the same class whichever entry it was imported from.
export default defineConfig(packageBuild({ entry: ["src/index.ts", "src/entries/*.ts"], splitting: true }));
