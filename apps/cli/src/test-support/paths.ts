import { fileURLToPath } from "node:url";

/** The monorepo's root directory (the tests' working directory for goldens and examples). */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
/** `examples/config`, the committed output of `switchyard init`. */
export const EXAMPLES_CONFIG = fileURLToPath(new URL("../../../../examples/config/", import.meta.url));
/** `examples/broken`, one directory per broken case. */
export const EXAMPLES_BROKEN = fileURLToPath(new URL("../../../../examples/broken/", import.meta.url));
/** The built CLI entry that `npm i -g` installs. */
export const BIN = fileURLToPath(new URL("../../bin/switchyard.cjs", import.meta.url));
