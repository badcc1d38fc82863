/**
 * `@switchyard/config-schema/fs`: the bounded reader every config read goes through, errno in
 * words, the one `displayPath`, and `mkdir -p` that says "read-only file system" when that is what
 * stops it. This file is the one list of the folder's public names (src/fs/ has no index of its own).
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export { displayPath } from "../fs/display-path.js";
export { describeFsError, errnoCode, isPermissionError } from "../fs/errno.js";
export { makeDirectory } from "../fs/make-dir.js";
export { readFailureDiagnostic } from "../fs/read-diagnostic.js";
export type {
  BoundedReadFailure,
  BoundedReadOptions,
  BoundedReadResult,
  BoundedReadSuccess,
  FileContentComparison,
  FileType,
} from "../fs/read-file.js";
export {
  BoundedReadError,
  compareFileContent,
  readBoundedFile,
  readBoundedFileIfExists,
  readBoundedFileSync,
  utf8Text,
  versionMaxBytes,
} from "../fs/read-file.js";
export { findRepositoryRoot, sourceRootFor } from "../fs/repository-root.js";
