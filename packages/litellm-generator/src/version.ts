import packageJson from "../package.json" with { type: "json" };

/**
 * Version of this generator, recorded in every generated file's header: the package's own version,
 * read from its package.json (the bundlers inline it), so a release never records a stale one.
 */
export const GENERATOR_VERSION: string = packageJson.version;

/** The LiteLLM proxy release line whose config format the generator targets. */
export const TARGET_LITELLM_VERSION = "1.74";

/** Name recorded in the header's `generator:` line. */
export const GENERATOR_NAME = "@switchyard/litellm-generator";
