export type { GeneratorCode } from "./catalogue.js";
export { generatorCatalogue, generatorDiagnostic } from "./catalogue.js";
export type { CheckGeneratedOptions, CompareOptions } from "./check.js";
export { checkGenerated, compareWithGeneration } from "./check.js";
export { DEFAULT_CACHE_NAMESPACE, DEFAULT_MASTER_KEY_ENV, localKeyEnv } from "./conventions.js";
export { DEFAULT_OUTPUT_FILE, generateLiteLLMConfig } from "./generate.js";
export type { GeneratedHeader, ParsedGeneratedFile } from "./header.js";
export { parseGeneratedHeader } from "./header.js";
export type {
  ImportedFiles,
  ImportFailure,
  ImportOptions,
  ImportResult,
  ImportSuccess,
  ImportSummary,
} from "./import/import.js";
export { importLiteLLMConfig } from "./import/import.js";
export type { ImportedGenerateOptions } from "./import/settings.js";
export type { WriteImportedOptions, WriteImportedResult } from "./import/write.js";
export { writeImportedConfig } from "./import/write.js";
export { deploymentMetricLabels } from "./internal/addressing.js";
export { deploymentIdPrefix, ownDeploymentIds } from "./internal/ids.js";
export type {
  LiteLLMPassthrough,
  LoadedPassthrough,
  PassthroughDeployment,
  PassthroughResult,
} from "./passthrough.js";
export { PASSTHROUGH_FILE, parsePassthrough, readPassthrough } from "./passthrough.js";
export type { FormatReloadOptions } from "./reload/format.js";
export { formatReloadReport } from "./reload/format.js";
export { expectedServedModels } from "./reload/gates.js";
export { DEFAULT_GATEWAY_URL, reloadGateway } from "./reload/reload.js";
export type {
  CheckedConfigSet,
  ReloadOptions,
  ReloadReport,
  ReloadStep,
  ReloadStepName,
  ReloadStepStatus,
} from "./reload/types.js";
export { SOURCE_FILES, sourcesHash } from "./sources.js";
export type {
  CheckReport,
  CheckResult,
  FileComparison,
  GeneratedFileStatus,
  GenerateOptions,
  GenerationFailure,
  GenerationResult,
  GenerationSuccess,
} from "./types.js";
export { GENERATOR_NAME, GENERATOR_VERSION, TARGET_LITELLM_VERSION } from "./version.js";
export type { WriteOptions, WriteResult, WriteSuccess } from "./write.js";
export { writeLiteLLMConfig } from "./write.js";
