export { builtExports } from "./built-exports.js";
export { codesIn } from "./emitted-codes.js";
export { expectGolden, goldenDiff, updatingGoldens } from "./golden.js";
export { HANG_GUARD_MS, processTestConfig } from "./hang-guard.js";
export { type CodeBlock, codeBlocks, runReadmeSnippet, runSnippet, type SnippetRun } from "./markdown.js";
export { freePort, RedisServer } from "./redis-server.js";
export { copyForAnyUser, removeTempDirs, removeTempDirsSync, tempDir, tempDirSync } from "./temp.js";
export {
  describeNeeding,
  missingTools,
  needTools,
  onMissingTools,
  requireTools,
  TOOLS,
  type Tool,
  type ToolName,
  testNeeding,
  toolProblem,
  underCi,
} from "./tools.js";
export { bundleWorker, type WorkerBundleOptions } from "./worker.js";
