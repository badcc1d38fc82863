import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.ts";

// Three entries: the engine and file store (main), and the optional Redis and OpenFeature parts,
// kept apart so that importing the main entry never loads `redis` or the OpenFeature SDK. Shared
// code is split into chunks, so an error class is the same class whichever entry threw it.
export default defineConfig(
  packageBuild({ entry: ["src/index.ts", "src/redis.ts", "src/openfeature.ts"], splitting: true }),
);
