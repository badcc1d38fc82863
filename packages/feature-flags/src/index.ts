export type { FlagCode } from "./catalogue.js";
export { FLAG_CODES, flagsCatalogue, flagsDiagnostic } from "./catalogue.js";
export type { FlagEdit } from "./edits/edits.js";
export { applyFlagEdit, FlagEditError, FlagNotFoundError, flagEditor, isValidUserId } from "./edits/edits.js";
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
export type { ChangeOptions, FlagChangeRecord, HistoryQuery } from "./history/types.js";
export { DEFAULT_HISTORY_LIMIT } from "./history/types.js";
export type {
  OfrepErrorCode,
  OfrepEvaluationRequest,
  OfrepFailure,
  OfrepOptions,
  OfrepSuccess,
} from "./ofrep/ofrep.js";
export {
  isOfrepFailure,
  OfrepEvaluationRequestSchema,
  ofrepEvaluateFlag,
  ofrepEvaluateFlags,
  toOfrep,
} from "./ofrep/ofrep.js";
export { fromOpenFeatureContext, OPENFEATURE_REASONS } from "./openfeature/mapping.js";
export type { EnvOverrides } from "./overrides/env.js";
export { overrideVariable, readEnvOverrides } from "./overrides/env.js";
export type { FileFlagStoreOptions } from "./stores/file.js";
export { editFlagText, FileFlagStore } from "./stores/file.js";
export { MemoryFlagStore } from "./stores/memory.js";
export type {
  FlagChange,
  FlagEditor,
  FlagStore,
  StoredFlag,
  StoreHealth,
  UpdateOptions,
  UpdateResult,
} from "./stores/types.js";
export {
  FlagStoreUnavailableError,
  FlagVersionConflictError,
  flagsOf,
  sameDefinition,
} from "./stores/types.js";
