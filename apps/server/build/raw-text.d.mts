import type { Options } from "tsup";

/** The `?raw` esbuild plugin (see raw-text.mjs). */
export declare const rawText: NonNullable<Options["esbuildPlugins"]>[number];
