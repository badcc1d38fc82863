export { FLAG_CODES, flagsCatalogue } from "./catalogue.js";
export type { FlagEngineOptions, FlagInfo } from "./engine.js";
export { FlagEngine } from "./engine.js";
export type { FlagOverride } from "./evaluate/compile.js";
export { CompiledFlag, FLAG_NOT_FOUND, INITIAL_VERSION } from "./evaluate/compile.js";
export { compileFlag, evaluateFlag } from "./evaluate/evaluate.js";
export type {
  EvaluationContext,
  EvaluationErrorCode,
  EvaluationReason,
  FlagEvaluation,
} from "./evaluate/types.js";
export type { HashPrefix } from "./hash/murmurhash3.js";
export {
  bucketOf,
  hashPrefix,
  murmurhash3,
  murmurhash3WithPrefix,
  rolloutBucket,
} from "./hash/murmurhash3.js";
export type { EnvOverrides } from "./overrides/env.js";
export { overrideVariable, readEnvOverrides } from "./overrides/env.js";
export type { FileFlagStoreOptions } from "./stores/file.js";
export { editFlagText, FileFlagStore } from "./stores/file.js";
export { MemoryFlagStore } from "./stores/memory.js";
export type { FlagChange, FlagStore, StoredFlag, StoreHealth } from "./stores/types.js";
export { FlagStoreUnavailableError, FlagVersionConflictError, flagsOf } from "./stores/types.js";
