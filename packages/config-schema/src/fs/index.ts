/**
 * File-system homes: the bounded reader every config read goes through, errno → words, the one
 * `displayPath`, and `mkdir -p` that says "read-only file system" when that is what stops it.
 */
export { displayPath } from "./display-path.js";
export { describeFsError, errnoCode, isPermissionError } from "./errno.js";
export { makeDirectory } from "./make-dir.js";
export { readFailureDiagnostic } from "./read-diagnostic.js";
export type {
  BoundedReadFailure,
  BoundedReadOptions,
  BoundedReadResult,
  BoundedReadSuccess,
  FileType,
} from "./read-file.js";
export {
  BoundedReadError,
  readBoundedFile,
  readBoundedFileIfExists,
  readBoundedFileSync,
  utf8Text,
} from "./read-file.js";
export { findRepositoryRoot, sourceRootFor } from "./repository-root.js";
