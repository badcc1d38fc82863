export { generatorCatalogue } from "./catalogue.js";
export type { CheckGeneratedOptions, CompareOptions } from "./check.js";
export { checkGenerated, compareWithGeneration } from "./check.js";
export { DEFAULT_CACHE_NAMESPACE, DEFAULT_MASTER_KEY_ENV, localKeyEnv } from "./conventions.js";
export { DEFAULT_OUTPUT_FILE, generateLiteLLMConfig } from "./generate.js";
export type { GeneratedHeader, ParsedGeneratedFile } from "./header.js";
export { parseGeneratedHeader } from "./header.js";
export { SOURCE_FILES, sourcesHash } from "./sources.js";
export type {
  CheckReport,
  CheckResult,
  GeneratedFileStatus,
  GenerateOptions,
  GenerationFailure,
  GenerationResult,
  GenerationSuccess,
} from "./types.js";
export { GENERATOR_NAME, GENERATOR_VERSION, TARGET_LITELLM_VERSION } from "./version.js";
export type { WriteOptions, WriteResult, WriteSuccess } from "./write.js";
export { writeLiteLLMConfig } from "./write.js";
