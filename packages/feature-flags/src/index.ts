export type { EvaluationContext, EvaluationReason, FlagEvaluation } from "./evaluate.js";
export { evaluateFlag } from "./evaluate.js";
export { murmurhash3, rolloutBucket } from "./murmurhash3.js";
