/** Version of this generator, recorded in every generated file's header (kept equal to package.json by a test). */
export const GENERATOR_VERSION = "0.1.0";

/** The LiteLLM proxy release line whose config format the generator targets. */
export const TARGET_LITELLM_VERSION = "1.74";

/** Name recorded in the header's `generator:` line. */
export const GENERATOR_NAME = "@switchyard/litellm-generator";
